using Hub.Api.Auth;
using Hub.Api.Dashboard;
using Hub.Api.Energy;
using Hub.Api.Health;
using Hub.Api.Hosting;
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

var app = builder.Build();
app.UseHubPipeline();

app.MapHealthApi();
app.MapAuthApi();
app.MapTokensApi();
app.MapEnergyApi();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapMetrics();
app.MapDashboard();

return await app.RunReportingConfigurationErrorsAsync();
