using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Energy.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Readings",
                columns: table => new
                {
                    PlugId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    VoltageV = table.Column<double>(type: "REAL", nullable: true),
                    CurrentA = table.Column<double>(type: "REAL", nullable: true),
                    PowerW = table.Column<double>(type: "REAL", nullable: true),
                    CounterWh = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readings", x => new { x.PlugId, x.TimeUnixMs });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Readings");
        }
    }
}
