using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class PlugLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlugLimits",
                columns: table => new
                {
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    PowerLimitW = table.Column<double>(type: "REAL", nullable: true),
                    OfflineAfterSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    DailyEnergyBudgetKwh = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlugLimits", x => x.PlugId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlugLimits");
        }
    }
}
