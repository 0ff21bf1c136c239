using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hub.Devices.Storage;

/// <summary>
/// Per-connection SQLite settings (they are not stored in the file). In WAL mode <c>synchronous=NORMAL</c> still never
/// corrupts the database; it only risks the last commits on a power cut, and makes each commit cheap enough for
/// thousands of plugs. The busy timeout lets writers from several modules queue instead of failing.
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
