using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class Ota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FirmwareImages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChipFamily = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    SignatureVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Trusted = table.Column<bool>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UploadedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    TrustedBy = table.Column<string>(type: "TEXT", nullable: true),
                    TrustedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FirmwareImages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RolloutPlugs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RolloutId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: false),
                    Wave = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousBuild = table.Column<string>(type: "TEXT", nullable: true),
                    ReportedBuild = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RolloutPlugs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rollouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirmwareImageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WaveSizes = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentWave = table.Column<int>(type: "INTEGER", nullable: false),
                    SuccessThresholdPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorThresholdPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxConcurrency = table.Column<int>(type: "INTEGER", nullable: false),
                    PlugTimeoutSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Force = table.Column<bool>(type: "INTEGER", nullable: false),
                    PauseReason = table.Column<string>(type: "TEXT", nullable: true),
                    WindowCron = table.Column<string>(type: "TEXT", nullable: true),
                    WindowMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowTimeZone = table.Column<string>(type: "TEXT", nullable: true),
                    Holding = table.Column<string>(type: "TEXT", nullable: true),
                    AcknowledgedFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rollouts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FirmwareImages_Sha256",
                table: "FirmwareImages",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RolloutPlugs_RolloutId_PlugId",
                table: "RolloutPlugs",
                columns: new[] { "RolloutId", "PlugId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RolloutPlugs_State",
                table: "RolloutPlugs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Rollouts_Status",
                table: "Rollouts",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FirmwareImages");

            migrationBuilder.DropTable(
                name: "RolloutPlugs");

            migrationBuilder.DropTable(
                name: "Rollouts");
        }
    }
}
