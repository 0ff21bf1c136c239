using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class RolloutPlugBootCountAndOffline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BootCountBefore",
                table: "RolloutPlugs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "OfflineSeconds",
                table: "RolloutPlugs",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BootCountBefore",
                table: "RolloutPlugs");

            migrationBuilder.DropColumn(
                name: "OfflineSeconds",
                table: "RolloutPlugs");
        }
    }
}
