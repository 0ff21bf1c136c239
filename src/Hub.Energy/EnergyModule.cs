using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Microsoft.Extensions.Hosting;

namespace Hub.Energy;

public static class EnergyModule
{
    public static IHostApplicationBuilder AddEnergy(this IHostApplicationBuilder builder)
    {
        builder.AddHubDataFolder();
        builder.AddModuleDatabase<EnergyDb>("Energy");
        return builder;
    }
}
