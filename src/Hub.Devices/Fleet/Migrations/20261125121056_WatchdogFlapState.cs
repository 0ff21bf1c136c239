using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class WatchdogFlapState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlapStates",
                columns: table => new
                {
                    TargetKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", nullable: false),
                    NeedsAttention = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlapStates", x => x.TargetKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlapStates");
        }
    }
}
