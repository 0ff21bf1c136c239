using System.Text;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;

namespace Hub.Devices.Tests.Protocols;

public sealed class BadInputTests
{
    // Every topic shape the two dialects read, so garbage reaches every parser.
    private static readonly string[] Topics =
    [
        "obk1/connected", "obk1/1/get", "obk1/voltage/get", "obk1/current/get", "obk1/power/get", "obk1/energycounter/get",
        "obk1/138/get", "obk1/host", "obk1/build", "obk1/mac", "obk1/ip", "obk1/rssi", "obk1/uptime", "obk1/freeheap",
        "obk1/rebootreason", "obk1/bootcount", "obk1/lastlog", "obk1/ota", "stat/obk1/RESULT", "tele/pow/LWT",
        "tele/pow/STATE", "tele/pow/SENSOR", "tele/pow/INFO1", "tele/pow/INFO2", "tele/pow/INFO3", "tele/pow/UPTIME",
        "stat/pow/POWER", "stat/pow/POWER2", "stat/pow/STATUS0", "stat/pow/STATUS1", "stat/pow/RESULT",
        "tasmota/discovery/A4CF121A2B3C/config", "nobody/knows/this/topic",
    ];

    // Valid payloads to mutate: a flipped byte in good JSON reaches deeper than random bytes do.
    private static readonly string[] Seeds =
    [
        """{"Time":"2024-01-01T00:00:00","ENERGY":{"Total":[1.2,2.2],"Power":[12,34],"Voltage":231,"Current":[0.05,0.15]}}""",
        """{"Info3":{"RestartReason":{"Exception":28,"Reason":"Exception"},"BootCount":5}}""",
        """{"StatusPRM":{"RestartReason":"Software Watchdog","Uptime":"0T00:01:23","BootCount":12},"StatusNET":{"Mac":"A4:CF:12:1A:2B:3D","IPAddress":"192.168.1.24"}}""",
        """{"Uptime":"1T02:03:04","UptimeSec":93784,"Heap":25,"POWER1":"ON","Wifi":{"RSSI":62,"Signal":-69}}""",
        """{"t":"pow","mac":"A4CF121A2B3C","sw":"12.1.1","ft":"%prefix%/%topic%/","ip":"192.168.1.5"}""",
        """{"state":"writing","progress":40,"version":"1.2.3"}""",
        "229.6", "online", "BL_RST_SOFTWARE_WATCHDOG", "84:e3:42:65:d1:87", "192.168.1.50",
    ];

    private readonly PlugProtocols _registry = TestProtocols.Registry();

    [Theory]
    [InlineData("obk1/voltage/get", "-3.5", "outside")]
    [InlineData("obk1/voltage/get", "NaN", "not a number")]
    [InlineData("obk1/power/get", "1e300", "outside")]
    [InlineData("obk1/energycounter/get", "Infinity", "not a number")]
    [InlineData("obk1/current/get", "0,26", "not a number")]
    [InlineData("obk1/rssi", "12", "outside")]
    [InlineData("obk1/uptime", "-1", "outside")]
    [InlineData("obk1/uptime", "abc", "not an integer")]
    [InlineData("obk1/ip", "999.1.1.1", "IPv4")]
    [InlineData("obk1/mac", "84:e3:42", "MAC")]
    [InlineData("obk1/connected", "maybe", "neither online nor offline")]
    [InlineData("obk1/70/get", "1", "outside 0..63")]
    [InlineData("obk1/temperature/get", "21.5", "not a value OpenBeken publishes")]
    [InlineData("obk1/ota", """{"state":"writing","progress":140}""", "outside 0..100")]
    [InlineData("obk1/build", "OpenBL602\u0001\u0002", "printable")]
    [InlineData("stat/obk1/RESULT", """{"POWER":"ON"} trailing""", "JSON")]
    [InlineData("stat/obk1/RESULT", "[1,2]", "not a JSON object")]
    [InlineData("stat/pow/RESULT", """{"POWER":"maybe"}""", "neither ON nor OFF")]
    [InlineData("tele/pow/SENSOR", """{"ENERGY":{"Voltage":-230}}""", "outside")]
    [InlineData("tele/pow/SENSOR", """{"ENERGY":{"Total":1e400}}""", "finite")]
    [InlineData("tele/pow/SENSOR", """{"ENERGY":{"Power":"60"}}""", "finite")]
    [InlineData("tele/pow/SENSOR", """{"ENERGY":{"Power":[1,2,3,4,5,6,7,8,9]}}""", "channels")]
    [InlineData("tele/pow/SENSOR", """{"ENERGY":{"Power":60""", "JSON")]
    [InlineData("tele/pow/STATE", """{"Uptime":"yesterday"}""", "uptime")]
    [InlineData("tele/pow/STATE", """{"UptimeSec":1.5}""", "integer")]
    [InlineData("tele/pow/INFO3", """{"Info3":{"RestartReason":42}}""", "RestartReason")]
    [InlineData("tasmota/discovery/A4CF121A2B3C/config", """{"mac":"A4CF121A2B3C"}""", "no topic")]
    [InlineData("tasmota/discovery/A4CF121A2B3C/config", """{"t":"a/b","mac":"A4CF121A2B3C"}""", "one topic level")]
    [InlineData("tele/pow/LWT", "Gone", "neither online nor offline")]
    public void BadValuesBecomeMalformedInputWithAReason(string topic, string payload, string reason)
    {
        var events = _registry.Parse(topic, Encoding.UTF8.GetBytes(payload), TestProtocols.At).Events;

        var malformed = Assert.IsType<MalformedInput>(Assert.Single(events));
        Assert.Contains(reason, malformed.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(topic, malformed.MqttTopic);
    }

    [Theory]
    [InlineData("obk1/voltage/get")]
    [InlineData("tele/pow/SENSOR")]
    [InlineData("stat/obk1/RESULT")]
    public void InvalidUtf8IsMalformedInput(string topic)
    {
        var events = _registry.Parse(topic, [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], TestProtocols.At).Events;

        Assert.Contains("UTF-8", events.Reason(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tele/pow/SENSOR")]
    [InlineData("obk1/lastlog")]
    public void AMegabytePayloadIsRefusedBeforeParsing(string topic)
    {
        var payload = Encoding.UTF8.GetBytes("{\"ENERGY\":{\"Power\":[" + string.Concat(Enumerable.Repeat("1,", 500_000)) + "1]}}");

        var reason = _registry.Parse(topic, payload, TestProtocols.At).Events.Reason();

        Assert.Contains("over the 16384-byte limit", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLimitIsConfigurable()
    {
        var protocol = TestProtocols.OpenBeken(maxPayloadBytes: 300);

        Assert.Contains("over the 300-byte limit", protocol.Parse("obk1/lastlog", new string('x', 301)).Reason(), StringComparison.Ordinal);
        Assert.Single(protocol.Parse("obk1/lastlog", new string('x', 100)).OfType<BootLogReported>());
    }

    [Fact]
    public void DeeplyNestedJsonIsMalformedInput()
    {
        var payload = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);

        Assert.Contains("JSON", _registry.Parse("tele/pow/STATE", Encoding.UTF8.GetBytes(payload), TestProtocols.At).Events.Reason(), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytesOnEveryTopicNeverThrowAndNeverMixMalformedWithState()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 3000; i++)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var payload = random.Next(3) switch
            {
                0 => RandomBytes(random),
                1 => Mutated(random, Seeds[random.Next(Seeds.Length)]),
                _ => Truncated(random, Seeds[random.Next(Seeds.Length)]),
            };

            var events = _registry.Parse(topic, payload, TestProtocols.At).Events;

            Assert.NotNull(events);
            Assert.True(
                events.All(e => e is not MalformedInput) || events.Count == 1,
                $"{topic} mixed malformed input with state for {Convert.ToHexString(payload)}");
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutated(Random random, string seed)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static byte[] Truncated(Random random, string seed) => Encoding.UTF8.GetBytes(seed[..random.Next(seed.Length + 1)]);
}
