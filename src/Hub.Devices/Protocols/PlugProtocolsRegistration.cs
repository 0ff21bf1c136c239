using Hub.Devices.Hosting;
using Hub.Devices.Protocols.OpenBeken;
using Hub.Devices.Protocols.Tasmota;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Devices.Protocols;

public static class PlugProtocolsRegistration
{
    /// <summary>The protocols, their options (<c>Protocols</c>, <c>Protocols:OpenBeken</c>, <c>Protocols:Tasmota</c>) and the <see cref="PlugProtocols"/> registry.</summary>
    public static IHostApplicationBuilder AddPlugProtocols(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PlugProtocolOptions>(PlugProtocolOptions.Section);
        builder.Services.AddValidatedOptions<OpenBekenOptions>(OpenBekenOptions.Section);
        builder.Services.AddValidatedOptions<TasmotaOptions>(TasmotaOptions.Section);

        // Registration order is the registry's preference order for topics both dialects use.
        builder.Services.AddSingleton<IPlugProtocol, OpenBekenProtocol>();
        builder.Services.AddSingleton<IPlugProtocol, TasmotaProtocol>();
        builder.Services.AddSingleton<PlugProtocols>();
        return builder;
    }
}
