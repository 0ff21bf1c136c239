using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Devices.Protocols;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>
/// Request and reply with mosquitto's dynamic-security plugin over the hub's own MQTT link: commands go to
/// <c>$CONTROL/dynamic-security/v1</c>, answers come back on its <c>/response</c> topic, matched by correlation data.
/// </summary>
internal sealed class DynamicSecurityClient(
    MqttLink link,
    IOptions<DynamicSecurityOptions> options,
    TimeProvider time,
    ILogger<DynamicSecurityClient> logger)
{
    public const string CommandTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = CommandTopic + "/response";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<DynamicSecurityReply>> _pending = new(StringComparer.Ordinal);
    // Every admin client subscribed to the response topic sees every answer, so ids must be unique across processes.
    private readonly string _idPrefix = "hub-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private long _next;
    private int _routed;

    /// <summary>
    /// Sends the commands as one batch (the plugin runs them in order), fails on the first unexpected error, and
    /// returns each command's answer in order.
    /// </summary>
    public async Task<IReadOnlyList<DynamicSecurityReply>> SendAsync(IReadOnlyList<DynamicSecurityCommand> commands, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _routed, 1) == 0)
        {
            await link.RouteAsync(ResponseTopic, OnResponse, ct);
        }

        var waits = new List<(DynamicSecurityCommand Command, string Id, Task<DynamicSecurityReply> Reply)>(commands.Count);
        var batch = new JsonArray();
        foreach (var command in commands)
        {
            var id = _idPrefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            var reply = new TaskCompletionSource<DynamicSecurityReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = reply;
            var body = command.Body.DeepClone().AsObject();
            body["correlationData"] = id;
            batch.Add(body);
            waits.Add((command, id, reply.Task));
        }

        try
        {
            var payload = new JsonObject { ["commands"] = batch }.ToJsonString();
            await link.EnqueueAsync(new OutboundMessage(CommandTopic, payload), ct);
            var timeout = TimeSpan.FromSeconds(options.Value.ReplyTimeoutSeconds);
            var replies = new List<DynamicSecurityReply>(waits.Count);
            foreach (var (command, _, wait) in waits)
            {
                DynamicSecurityReply reply;
                try
                {
                    reply = await wait.WaitAsync(timeout, time, ct);
                }
                catch (TimeoutException ex)
                {
                    throw new BrokerAccountException(
                        $"mosquitto's dynamic-security plugin did not answer '{command.Name}' within {timeout.TotalSeconds} s; " +
                        "is the plugin loaded and is the hub's account a dynsec admin?", ex);
                }

                if (!command.Accepts(reply.Error))
                {
                    throw new BrokerAccountException($"mosquitto's dynamic-security plugin refused '{command.Name}': {reply.Error}");
                }

                replies.Add(reply);
            }

            return replies;
        }
        finally
        {
            foreach (var (_, id, _) in waits)
            {
                _pending.TryRemove(id, out _);
            }
        }
    }

    private void OnResponse(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (!document.RootElement.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var response in responses.EnumerateArray())
            {
                if (response.TryGetProperty("correlationData", out var id) && id.ValueKind == JsonValueKind.String
                    && _pending.TryGetValue(id.GetString()!, out var reply))
                {
                    reply.TrySetResult(new DynamicSecurityReply(
                        response.TryGetProperty("error", out var error) ? error.GetString() ?? "error" : null,
                        response.TryGetProperty("data", out var data) ? JsonNode.Parse(data.GetRawText()) : null));
                }
            }
        }
        catch (JsonException ex)
        {
            // Another admin client's traffic or a newer plugin's format: ours will time out with a clear message instead.
            logger.LogWarning("Unreadable dynamic-security response: {Reason}", ex.Message);
        }
    }
}
