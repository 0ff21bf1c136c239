using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hub.Api.Auth;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the hub.</summary>
internal sealed class AuthDbDesignTimeFactory : IDesignTimeDbContextFactory<AuthDb>
{
    public AuthDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AuthDb>()
        .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable("__EFMigrationsHistory_Auth"))
        .Options);
}
