using System.Text;
using Hub.Devices.Discovery;

namespace Hub.Devices.Tests.Discovery;

public sealed class PlugHttpParserTests
{
    [Fact]
    public void OpenBekensMinusTwentyStatusLineIsReadAsAStatus()
    {
        var response = PlugHttpParser.Parse("HTTP/1.1 -20 OK\nContent-type: application/json\r\n\r\n{\"error\":-20}"u8);

        Assert.Equal(-20, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal("{\"error\":-20}", response.Text);
    }

    [Fact]
    public void HeadsEndedByBareLineFeedsAreRead()
    {
        var response = PlugHttpParser.Parse("HTTP/1.0 200 Fine\nContent-Type: text/html\n\n<h5>Reboot reason: BL_RST_SOFTWARE</h5>"u8);

        Assert.Equal(200, response.Status);
        Assert.Equal("<h5>Reboot reason: BL_RST_SOFTWARE</h5>", response.Text);
    }

    [Fact]
    public void ContentLengthCutsTheBodyAndChunksAreJoined()
    {
        var cut = PlugHttpParser.Parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}trailing"u8);
        var chunked = PlugHttpParser.Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"u8);

        Assert.Equal("{}", cut.Text);
        Assert.Equal("{\"a\":1}", chunked.Text);
        Assert.True(PlugHttpParser.CompleteByLength("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"u8));
        Assert.False(PlugHttpParser.CompleteByLength("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n{}"u8));
    }

    [Theory]
    [InlineData("", "Unreachable")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", "Malformed")]
    [InlineData("HTTP/1.1 OK\r\n\r\n", "Malformed")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "Malformed")]
    public void WhatIsNotHttpFailsAsOneKnownError(string answer, string failure)
    {
        var error = Assert.Throws<PlugHttpException>(() => PlugHttpParser.Parse(Encoding.Latin1.GetBytes(answer)));

        Assert.Equal(failure, error.Failure.ToString());
    }
}
