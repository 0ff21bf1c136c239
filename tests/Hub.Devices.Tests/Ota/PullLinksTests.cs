using System.ComponentModel.DataAnnotations;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Protocols;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Ota;

public sealed class PullLinksTests
{
    private static readonly FirmwareImage Plain = new() { Sha256 = "00", ChipFamily = "ESP8266", Version = "14.2.0", FileName = "tasmota-14.2.0.bin" };

    private static readonly FirmwareImage Gzip = new() { Sha256 = "01", ChipFamily = "ESP8266", Version = "14.2.0", FileName = "tasmota-14.2.0.bin.gz" };

    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    [InlineData("http://192.168.1.10:8080", "http://192.168.1.10:8080")]
    public void WithoutAPublicBaseUrlTheLinkNamesTheListenersAddress(string listener, string expected) =>
        Assert.Equal($"{expected}/ota/T0K3N/fw.bin", Links(null, listener).UrlOf("T0K3N", Plain));

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    public void AListenerOnEveryInterfaceIsNamedByAnAddressAPlugCanReach(string listener)
    {
        var url = new Uri(Links(null, listener).BaseUrl);

        Assert.Equal(8080, url.Port);
        Assert.DoesNotContain(url.Host, new[] { "0.0.0.0", "[::]", "+" });
        Assert.True(System.Net.IPAddress.TryParse(url.Host, out _), url.Host);
    }

    [Fact]
    public void APublicBaseUrlWinsAndGzipImagesKeepTheirExtension()
    {
        var links = Links("http://hub.lan:8080/", "http://127.0.0.1:5000");

        Assert.Equal("http://hub.lan:8080/ota/T0K3N/fw.bin", links.UrlOf("T0K3N", Plain));
        Assert.Equal("http://hub.lan:8080/ota/T0K3N/fw.bin.gz", links.UrlOf("T0K3N", Gzip));
    }

    [Fact]
    public void ATasmotaPlugIsRefusedALinkLongerThanItsOtaUrlKeepsAndOtherPlugsAreNot()
    {
        // 66 characters of base + "/ota/" + a 22-character token + "/fw.bin": 100 in all, the most OtaUrl keeps.
        var longest = Links("http://hub.lan:8080/" + new string('p', 46), null);
        var longer = Links("http://hub.lan:8080/" + new string('p', 47), null);
        var token = new string('T', 22);

        var fits = longest.For(token, Plain, PlugProtocolKind.Tasmota);
        var tooLong = longer.For(token, Plain, PlugProtocolKind.Tasmota);
        var openBeken = longer.For(token, Plain, PlugProtocolKind.OpenBeken);

        Assert.Equal((100, true), (fits.Url.Length, fits.Usable));
        Assert.Equal("the download URL has 101 characters, Tasmota's OtaUrl keeps 100: set a shorter Ota:Pull:PublicBaseUrl", tooLong.Refusal);
        Assert.Equal((tooLong.Url, true), (openBeken.Url, openBeken.Usable));
    }

    [Theory]
    [InlineData("http://192.168.1.10:8080", true)]
    [InlineData("http://192.168.1.10:8080/hub", true)]
    [InlineData("https://192.168.1.10", false)]
    [InlineData("http://192.168.1.10/?a=b", false)]
    [InlineData("not a url", false)]
    public void ThePublicBaseUrlMustBePlainHttp(string value, bool valid)
    {
        var options = new PullOptions { PublicBaseUrl = value };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    private static PullLinks Links(string? publicBaseUrl, string? listener) =>
        new(Options.Create(new PullOptions { PublicBaseUrl = publicBaseUrl }), listener is null
            ? new ServiceCollection().BuildServiceProvider()
            : new ServiceCollection().AddSingleton<IServer>(new ListeningServer(listener)).BuildServiceProvider());

    [Fact]
    public void WithoutAWebServerTheLinkNamesLoopback() =>
        Assert.Equal("http://127.0.0.1/ota/T0K3N/fw.bin", Links(null, null).UrlOf("T0K3N", Plain));

    private sealed class ListeningServer : IServer
    {
        public ListeningServer(string address)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
