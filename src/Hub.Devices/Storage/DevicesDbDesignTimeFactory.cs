using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hub.Devices.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the hub.</summary>
internal sealed class DevicesDbDesignTimeFactory : IDesignTimeDbContextFactory<DevicesDb>
{
    public DevicesDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<DevicesDb>()
        .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable("__EFMigrationsHistory_Devices"))
        .Options);
}
