using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Energy.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HourBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HourBlockWatermarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PackedThroughDay = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HourBlockWatermarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HourBlocks",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HourBlocks", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HourBlockWatermarks");

            migrationBuilder.DropTable(
                name: "HourBlocks");
        }
    }
}
