using System;
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
                name: "DayRollups",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    EnergyMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    Samples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSumDw = table.Column<long>(type: "INTEGER", nullable: false),
                    MinPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MinVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MinCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    OnlineMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayRollups", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DirtyMinutes",
                columns: table => new
                {
                    Minute = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirtyMinutes", x => x.Minute);
                });

            migrationBuilder.CreateTable(
                name: "EnergyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtS = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PreviousCounterMwh = table.Column<long>(type: "INTEGER", nullable: true),
                    CounterMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    IgnoredMwh = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnergyEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnergyPlugs",
                columns: table => new
                {
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenS = table.Column<long>(type: "INTEGER", nullable: false),
                    LastCounterS = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCounterMwh = table.Column<long>(type: "INTEGER", nullable: true),
                    LifetimeMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    GlitchBaseS = table.Column<long>(type: "INTEGER", nullable: true),
                    GlitchBaseMwh = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnergyPlugs", x => x.PlugId);
                });

            migrationBuilder.CreateTable(
                name: "HourRollups",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    EnergyMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    Samples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSumDw = table.Column<long>(type: "INTEGER", nullable: false),
                    MinPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MinVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MinCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    OnlineMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HourRollups", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "MinuteRollups",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    EnergyMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    Samples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSumDw = table.Column<long>(type: "INTEGER", nullable: false),
                    MinPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MinVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MinCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    OnlineMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinuteRollups", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "MonthRollups",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    EnergyMwh = table.Column<long>(type: "INTEGER", nullable: false),
                    Samples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    PowerSumDw = table.Column<long>(type: "INTEGER", nullable: false),
                    MinPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    MinVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxVoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    MinCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxCurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    OnlineMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthRollups", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Readings",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    VoltageDv = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentMa = table.Column<int>(type: "INTEGER", nullable: true),
                    PowerDw = table.Column<int>(type: "INTEGER", nullable: true),
                    CounterMwh = table.Column<long>(type: "INTEGER", nullable: true),
                    DeltaMwh = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Tariffs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DailyFee = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tariffs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TariffPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TariffId = table.Column<long>(type: "INTEGER", nullable: false),
                    Weekdays = table.Column<int>(type: "INTEGER", nullable: false),
                    StartMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    EndMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    PricePerKwh = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TariffPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TariffPeriods_Tariffs_TariffId",
                        column: x => x.TariffId,
                        principalTable: "Tariffs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnergyEvents_PlugId_AtS",
                table: "EnergyEvents",
                columns: new[] { "PlugId", "AtS" });

            migrationBuilder.CreateIndex(
                name: "IX_TariffPeriods_TariffId",
                table: "TariffPeriods",
                column: "TariffId");

            migrationBuilder.CreateIndex(
                name: "IX_Tariffs_ValidFrom",
                table: "Tariffs",
                column: "ValidFrom",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DayRollups");

            migrationBuilder.DropTable(
                name: "DirtyMinutes");

            migrationBuilder.DropTable(
                name: "EnergyEvents");

            migrationBuilder.DropTable(
                name: "EnergyPlugs");

            migrationBuilder.DropTable(
                name: "HourRollups");

            migrationBuilder.DropTable(
                name: "MinuteRollups");

            migrationBuilder.DropTable(
                name: "MonthRollups");

            migrationBuilder.DropTable(
                name: "Readings");

            migrationBuilder.DropTable(
                name: "TariffPeriods");

            migrationBuilder.DropTable(
                name: "Tariffs");
        }
    }
}
