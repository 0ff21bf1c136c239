using System.Net;
using System.Threading.Channels;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Devices.Tests.Alerts;

/// <summary>A real Kestrel server on 127.0.0.1 that records webhook deliveries; it can refuse the first few on purpose.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"http://127.0.0.1:{port}/hook");
    }

    public Uri Url { get; }

    public int Attempts { get; private set; }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port) { _failuresLeft = failFirst };
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Attempts++;
            if (receiver._failuresLeft-- > 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            await receiver._received.Writer.WriteAsync(new ReceivedWebhook(body.ToArray(),
                request.Headers["X-Hub-Signature-256"].ToString(), request.Headers["X-Hub-Event"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<ReceivedWebhook> NextAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var item = await _received.Reader.ReadAsync(deadline.Token);
            if (match(item))
            {
                return item;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
