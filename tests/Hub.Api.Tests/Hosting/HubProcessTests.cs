using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using Microsoft.Data.Sqlite;

namespace Hub.Api.Tests.Hosting;

public sealed class HubProcessTests
{
    [Fact]
    public async Task AFreshHubBecomesReadyServesLoginAndCreatesItsDatabaseAndAdminPassword()
    {
        using var folder = new TempFolder("process");
        await using var hub = HubProcess.Start(folder.Path);

        await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = hub.BaseAddress,
        };
        using var loginPage = await http.GetAsync(new Uri("/login", UriKind.Relative), TestContext.Current.CancellationToken);
        var passwordFile = Path.Combine(folder.Path, "data", "initial-admin-password");
        var password = (await File.ReadAllTextAsync(passwordFile, TestContext.Current.CancellationToken)).Trim();
        using var login = await LoginAsync(http, "admin", password);

        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.True(File.Exists(Path.Combine(folder.Path, "data", "hub.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(hub.Output, line => line.Contains(password, StringComparison.Ordinal));
        Assert.Equal("wal", JournalMode(Path.Combine(folder.Path, "data", "hub.db")));
        var logs = Directory.GetFiles(Path.Combine(folder.Path, "data", "logs"));
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            Assert.DoesNotContain(password, await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnInvalidSettingStopsTheHubWithOneLineNamingIt()
    {
        using var folder = new TempFolder("badconfig");
        await using var hub = HubProcess.Start(folder.Path, new Dictionary<string, string> { ["Auth__LockoutMinutes"] = "0" });

        await hub.Exited.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(2, hub.ExitCode);
        var errors = hub.Output.Where(l => l.StartsWith("Invalid configuration:", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains("Auth:LockoutMinutes", errors[0], StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient http, string user, string password)
    {
        var af = await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = user, password }),
        };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        return await http.SendAsync(request);
    }

    private static string JournalMode(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)command.ExecuteScalar()!;
    }
}
