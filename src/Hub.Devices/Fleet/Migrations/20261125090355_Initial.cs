using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BrokerAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TopicRoot = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrokerAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DesiredRelays",
                columns: table => new
                {
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LastCommandedOn = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DesiredRelays", x => new { x.PlugId, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "PlugHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlugId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlugHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Plugs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Protocol = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Group = table.Column<string>(type: "TEXT", nullable: true),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Chip = table.Column<string>(type: "TEXT", nullable: true),
                    Mac = table.Column<string>(type: "TEXT", nullable: true),
                    FirmwareBuild = table.Column<string>(type: "TEXT", nullable: true),
                    Ip = table.Column<string>(type: "TEXT", nullable: true),
                    HttpEndpoint = table.Column<string>(type: "TEXT", nullable: true),
                    OtaPartitionBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    BrokerUsername = table.Column<string>(type: "TEXT", nullable: true),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AdoptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    State_Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    State_LastSeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    State_Relays = table.Column<string>(type: "TEXT", nullable: false),
                    State_UptimeSeconds = table.Column<long>(type: "INTEGER", nullable: true),
                    State_FreeHeapBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    State_RssiDbm = table.Column<int>(type: "INTEGER", nullable: true),
                    State_LastRebootReason = table.Column<string>(type: "TEXT", nullable: true),
                    State_BootCount = table.Column<int>(type: "INTEGER", nullable: true),
                    State_PowerW = table.Column<double>(type: "REAL", nullable: true),
                    State_VoltageV = table.Column<double>(type: "REAL", nullable: true),
                    State_CurrentA = table.Column<double>(type: "REAL", nullable: true),
                    State_EnergyCounterWh = table.Column<double>(type: "REAL", nullable: true),
                    State_MalformedMessages = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plugs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrokerAccounts_Username",
                table: "BrokerAccounts",
                column: "Username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlugHistory_PlugId_Id",
                table: "PlugHistory",
                columns: new[] { "PlugId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Plugs_Status",
                table: "Plugs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Plugs_Topic",
                table: "Plugs",
                column: "Topic",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BrokerAccounts");

            migrationBuilder.DropTable(
                name: "DesiredRelays");

            migrationBuilder.DropTable(
                name: "PlugHistory");

            migrationBuilder.DropTable(
                name: "Plugs");
        }
    }
}
