using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Devices.Fleet.Migrations
{
    /// <inheritdoc />
    public partial class RolloutAbortRuleAndRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AbortAfterFinished",
                table: "Rollouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AbortFailedPercent",
                table: "Rollouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RateIncreaseAfterSuccesses",
                table: "Rollouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RateIncrementFactor",
                table: "Rollouts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "RatePerMinute",
                table: "Rollouts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AbortAfterFinished",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "AbortFailedPercent",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "RateIncreaseAfterSuccesses",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "RateIncrementFactor",
                table: "Rollouts");

            migrationBuilder.DropColumn(
                name: "RatePerMinute",
                table: "Rollouts");
        }
    }
}
