using System.Text.Json.Serialization;

namespace Hub.Api.Live;

public static class LiveSetup
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        // Enums as names, as the HTTP API sends them, so the dashboard reads an alert the same way from either.
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHostedService<LiveNotifier>();
        builder.Services.AddHostedService<ChangeLiveNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<LiveHub>("/live");
        return routes;
    }
}
