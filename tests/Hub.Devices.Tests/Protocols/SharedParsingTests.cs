using Hub.Devices.Protocols;

namespace Hub.Devices.Tests.Protocols;

public sealed class SharedParsingTests
{
    [Theory]
    [InlineData("0T01:02:03", 3723)]
    [InlineData("12T00:00:00", 12 * 86400)]
    [InlineData("23:59:59", 86399)]
    public void TasmotaUptimeTextsAreSeconds(string text, long seconds)
    {
        Assert.Equal(seconds, StateFields.ParseUptime(text));
    }

    [Theory]
    [InlineData("1T25:00:00")]
    [InlineData("-1T01:00:00")]
    [InlineData("T")]
    [InlineData("17")]
    public void MalformedUptimeTextsAreBadInput(string text)
    {
        Assert.Throws<BadPayloadException>(() => StateFields.ParseUptime(text));
    }

    [Theory]
    [InlineData("84:e3:42:65:d1:87")]
    [InlineData("84-E3-42-65-D1-87")]
    [InlineData("84E34265D187")]
    public void EverySpellingOfAMacBecomesOne(string mac)
    {
        Assert.Equal("84:E3:42:65:D1:87", MacAddress.Normalize(mac));
    }

    [Theory]
    [InlineData("stat/+/+", "stat/+/RESULT", true)]
    [InlineData("#", "tele/+/LWT", true)]
    [InlineData("tele/#", "tele/+/LWT", true)]
    [InlineData("+/+/get", "tele/+/STATE", false)]
    [InlineData("stat/+/RESULT", "stat/+/+", false)]
    [InlineData("+/connected", "+/connected/x", false)]
    public void AFilterCoversAnotherOnlyWhenItMatchesEverythingTheOtherDoes(string wide, string narrow, bool covers)
    {
        Assert.Equal(covers, TopicFilter.Covers(wide, narrow));
    }

    [Theory]
    [InlineData("Software Watchdog", true)]
    [InlineData("Hardware Watchdog", true)]
    [InlineData("Exception", true)]
    [InlineData("Power On", false)]
    [InlineData("Software/System restart", false)]
    [InlineData("Deep-Sleep Wake", false)]
    [InlineData("0 - Pwr", false)]
    [InlineData("2 - Wdt", true)]
    public void RebootReasonsOfBothFamiliesAreClassified(string reason, bool abnormal)
    {
        Assert.Equal(abnormal, RebootReasons.IsAbnormal(reason));
    }
}
