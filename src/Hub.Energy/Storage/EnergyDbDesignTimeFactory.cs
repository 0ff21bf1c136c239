using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hub.Energy.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the hub.</summary>
internal sealed class EnergyDbDesignTimeFactory : IDesignTimeDbContextFactory<EnergyDb>
{
    public EnergyDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<EnergyDb>()
        .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable("__EFMigrationsHistory_Energy"))
        .Options);
}
