using Hub.Devices.Hosting;
using Hub.Devices.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

/// <summary>
/// On first start, with no user at all, creates the admin account so nobody ever runs an open hub. The password comes
/// from HUB_ADMIN_PASSWORD or is generated, shown once on the console and kept in a 0600 file; it is never logged.
/// </summary>
internal sealed class AdminAccountSeeder(
    UserManager<HubUser> users,
    IConfiguration configuration,
    IOptions<AuthOptions> auth,
    IOptions<DataOptions> data,
    ILogger<AdminAccountSeeder> logger) : IDatabaseSeeder<AuthDb>
{
    public const string PasswordVariable = "HUB_ADMIN_PASSWORD";
    public const string PasswordFileName = "initial-admin-password";

    public async Task SeedAsync(AuthDb db, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var given = configuration[PasswordVariable];
        var password = string.IsNullOrEmpty(given) ? SecretGenerator.New(18) : given;
        var admin = new HubUser { UserName = auth.Value.AdminUserName };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            var reasons = string.Join(" ", created.Errors.Select(e => e.Description));
            throw new InvalidOperationException($"{PasswordVariable} is not an acceptable password: {reasons}");
        }

        if (string.IsNullOrEmpty(given))
        {
            var file = Path.Combine(data.Value.FullDirectory, PasswordFileName);
            SecretFile.Write(file, password);
            // Straight to the console, not through the logger, so the password never lands in a log file.
            await Console.Out.WriteLineAsync(
                $"Created user '{admin.UserName}' with password: {password}  (also in {file}; change it after login)");
        }

        logger.LogInformation("Created the first user {UserName}", admin.UserName);
    }
}
