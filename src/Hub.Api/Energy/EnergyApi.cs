namespace Hub.Api.Energy;

/// <summary>
/// Readings, totals, cost and tariffs. A plug is known to these endpoints once it has sent one accepted reading
/// (the fleet registry is not consulted); an id with no data is a 404.
/// </summary>
public static class EnergyApi
{
    public static RouteGroupBuilder MapEnergyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/energy").WithTags("Energy");
        group.MapGet("/plugs/{plugId:long}/series", EnergySeriesEndpoints.SeriesAsync);
        group.MapGet("/plugs/{plugId:long}/export.csv", EnergySeriesEndpoints.ExportAsync);
        group.MapGet("/plugs/{plugId:long}/summary", EnergyTotalsEndpoints.SummaryAsync);
        group.MapGet("/plugs/{plugId:long}/totals", EnergyTotalsEndpoints.PlugTotalsAsync);
        group.MapGet("/plugs/{plugId:long}/events", EnergyTotalsEndpoints.EventsAsync);
        group.MapGet("/plugs/{plugId:long}/max-power", PlugMaxPowerEndpoints.GetAsync);
        group.MapPut("/plugs/{plugId:long}/max-power", PlugMaxPowerEndpoints.SetAsync);
        group.MapGet("/fleet/totals", EnergyTotalsEndpoints.FleetTotalsAsync);
        group.MapGet("/fleet/top", EnergyTotalsEndpoints.TopAsync);
        group.MapGet("/groups/{group}/totals", EnergyGroupEndpoints.GroupTotalsAsync);
        group.MapGet("/tags/{tag}/totals", EnergyGroupEndpoints.TagTotalsAsync);
        group.MapGet("/ingest", EnergyTotalsEndpoints.Ingest);
        group.MapGet("/today", EnergyTodayEndpoint.TodayAsync);
        group.MapGet("/tariffs", TariffEndpoints.ListAsync);
        group.MapPost("/tariffs", TariffEndpoints.CreateAsync);
        group.MapDelete("/tariffs/{id:long}", TariffEndpoints.DeleteAsync);
        return group;
    }
}
