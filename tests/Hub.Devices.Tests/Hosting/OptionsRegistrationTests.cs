using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Hosting;

public sealed class OptionsRegistrationTests
{
    [Fact]
    public async Task AnInvalidBrokerAddressStopsStartNamingTheFullKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            DevicesHost.StartAsync(new Dictionary<string, string?> { ["Mqtt:Broker:BindAddress"] = "my broker" }));

        Assert.Contains(error.Failures, f => f.StartsWith("Mqtt:Broker:BindAddress:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGeneratedHubPasswordIsKeptPrivateAndReusedAfterRestart()
    {
        string first, path;
        await using (var devices = await DevicesHost.StartAsync())
        {
            first = ((HubMqttCredentials)devices.Services.GetService(typeof(HubMqttCredentials))!).Password;
            path = Path.Combine(devices.DataDirectory, "secrets", "mqtt-hub-password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(first, (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Trim());
        }

        Assert.True(first.Length >= 20);
    }
}
