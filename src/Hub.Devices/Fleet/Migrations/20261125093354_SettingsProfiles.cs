using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class SettingsProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProfileAssignments",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileAssignments", x => new { x.ProfileId, x.PlugId });
                });

            migrationBuilder.CreateTable(
                name: "SettingsProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Commands = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingsProfiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileAssignments_Status",
                table: "ProfileAssignments",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SettingsProfiles_Name",
                table: "SettingsProfiles",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProfileAssignments");

            migrationBuilder.DropTable(
                name: "SettingsProfiles");
        }
    }
}
