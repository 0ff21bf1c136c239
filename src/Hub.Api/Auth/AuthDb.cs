using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hub.Api.Auth;

/// <summary>Users and their API tokens.</summary>
public sealed class AuthDb(DbContextOptions<AuthDb> options) : IdentityDbContext<HubUser>(options)
{

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApiToken>(token =>
        {
            token.HasKey(t => t.Id);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.Property(t => t.Hash).HasMaxLength(64);
        });
    }
}
