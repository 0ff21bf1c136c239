namespace Hub.Api.Live;

public static class LiveSetup
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<LiveNotifier>();
        builder.Services.AddHostedService<RolloutLiveNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<LiveHub>("/live");
        return routes;
    }
}
