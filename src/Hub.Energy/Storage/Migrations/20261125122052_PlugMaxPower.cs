using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Energy.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PlugMaxPower : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "MaxPowerW",
                table: "EnergyPlugs",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaxPowerW",
                table: "EnergyPlugs");
        }
    }
}
