using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Energy.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PlugStampedCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "StampedByPlug",
                table: "EnergyPlugs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StampedByPlug",
                table: "EnergyPlugs");
        }
    }
}
