using Hub.Api.Alerts;
using Hub.Api.Auth;
using Hub.Api.Dashboard;
using Hub.Api.Discovery;
using Hub.Api.Energy;
using Hub.Api.Firmware;
using Hub.Api.Health;
using Hub.Api.Hosting;
using Hub.Api.Live;
using Hub.Api.Plugs;
using Hub.Api.Profiles;
using Hub.Api.Watchdog;
using Hub.Api.Rollouts;
using Hub.Api.Settings;
using Hub.Devices;
using Hub.Energy;
using Prometheus;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json and the dashboard live next to the binaries, wherever the hub is started from.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = DashboardFiles.WebRoot,
});
builder.Services.AddSingleton(TimeProvider.System);

builder.AddHubLogging();
builder.AddDevices();
builder.AddEnergy();
builder.AddHubAuth();
builder.AddApiEdge();
builder.AddLive();

var app = builder.Build();
app.UseHubPipeline();

app.MapHealthApi();
app.MapAuthApi();
app.MapTokensApi();
app.MapUsersApi();
app.MapSettingsApi();
app.MapPlugsApi();
app.MapProfilesApi();
app.MapDiscoveryApi();
app.MapWatchdogApi();
app.MapAlertsApi();
app.MapFirmwareApi();
app.MapPullApi();
app.MapRolloutsApi();
app.MapLive();
app.MapEnergyApi();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapMetrics();
app.MapDashboard();

return await app.RunReportingConfigurationErrorsAsync();
