using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Hub.Devices.Storage;

/// <summary>
/// The one place with SQLite-only statements. A PostgreSQL store adds its branch here instead of touching callers.
/// </summary>
public static class ProviderSpecifics
{
    public static void PrepareStore(DbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder) && source != ":memory:")
        {
            DataOptions.EnsurePrivateFolder(folder);
        }
    }

    public static async Task TuneAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        // WAL lets the dashboard read while ingest writes; the mode is stored in the file, so once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public static async Task<string> JournalModeAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
