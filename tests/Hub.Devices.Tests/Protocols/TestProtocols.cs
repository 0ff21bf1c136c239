using System.Text;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Hub.Devices.Protocols.OpenBeken;
using Hub.Devices.Protocols.Tasmota;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Tests.Protocols;

/// <summary>The protocols built as the registration builds them, with options a test can change.</summary>
internal static class TestProtocols
{
    public static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static OpenBekenProtocol OpenBeken(OpenBekenOptions? options = null, int maxPayloadBytes = 16 * 1024) =>
        new(Options.Create(options ?? new OpenBekenOptions()), Limits(maxPayloadBytes));

    public static TasmotaProtocol Tasmota(TasmotaOptions? options = null, int maxPayloadBytes = 16 * 1024) =>
        new(Options.Create(options ?? new TasmotaOptions()), Limits(maxPayloadBytes));

    public static PlugProtocols Registry(TasmotaOptions? tasmota = null) => new([OpenBeken(), Tasmota(tasmota)]);

    public static IReadOnlyList<PlugEvent> Parse(this IPlugProtocol protocol, string topic, string payload) =>
        protocol.Parse(topic, Encoding.UTF8.GetBytes(payload), At) ?? throw new Xunit.Sdk.XunitException($"{topic} was not claimed");

    public static T Single<T>(this IReadOnlyList<PlugEvent> events)
        where T : PlugEvent => Assert.IsType<T>(Assert.Single(events));

    public static string Reason(this IReadOnlyList<PlugEvent> events) => events.Single<MalformedInput>().Reason;

    private static IOptions<PlugProtocolOptions> Limits(int max) => Options.Create(new PlugProtocolOptions { MaxPayloadBytes = max });
}
