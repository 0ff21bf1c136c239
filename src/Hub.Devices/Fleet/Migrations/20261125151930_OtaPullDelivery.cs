using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class OtaPullDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "Rollouts",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Auto");

            migrationBuilder.AddColumn<long>(
                name: "BytesServed",
                table: "RolloutPlugs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "RolloutPlugs",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PullGrants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirmwareImageId = table.Column<long>(type: "INTEGER", nullable: false),
                    RolloutPlugId = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    BytesServed = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    RangeRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SpentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PullGrants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PullGrants_RolloutPlugId_Attempt",
                table: "PullGrants",
                columns: new[] { "RolloutPlugId", "Attempt" });

            migrationBuilder.CreateIndex(
                name: "IX_PullGrants_TokenHash",
                table: "PullGrants",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PullGrants");

            migrationBuilder.DropColumn(
                name: "Delivery",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "BytesServed",
                table: "RolloutPlugs");

            migrationBuilder.DropColumn(
                name: "Delivery",
                table: "RolloutPlugs");
        }
    }
}
