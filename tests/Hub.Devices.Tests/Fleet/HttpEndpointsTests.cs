using Hub.Devices.Fleet;

namespace Hub.Devices.Tests.Fleet;

public sealed class HttpEndpointsTests
{
    [Fact]
    public void APlugKnownOnlyByMqttIsReachedOnPortEightyOfItsReportedIp() =>
        Assert.Equal("http://192.168.1.23", HttpEndpoints.Follow(null, "192.168.1.23"));

    [Fact]
    public void APortLearnedByHttpDiscoveryIsKeptWhileTheIpStaysTheSame() =>
        Assert.Equal("http://127.0.0.1:18081", HttpEndpoints.Follow("http://127.0.0.1:18081", "127.0.0.1"));

    [Fact]
    public void APlugThatMovedToAnotherIpKeepsItsPortThere()
    {
        Assert.Equal("http://192.168.1.40:8080", HttpEndpoints.Follow("http://192.168.1.23:8080", "192.168.1.40"));
        Assert.Equal("http://192.168.1.40", HttpEndpoints.Follow("http://192.168.1.23", "192.168.1.40"));
    }

    [Fact]
    public void TelemetryWithoutAnIpLeavesTheEndpointAlone()
    {
        Assert.Equal("http://192.168.1.23:8080", HttpEndpoints.Follow("http://192.168.1.23:8080", null));
        Assert.Null(HttpEndpoints.Follow(null, null));
    }
}
