namespace Hub.Devices.Ota.Delivery;

/// <summary>A plug's HTTP answer as read off the socket; <see cref="Status"/> may be OpenBeken's -20.</summary>
public sealed record PlugHttpReply(int Status, string Body)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The plug's own words for a refusal (<c>{"error":-20, "msg":"Wrong chip family"}</c>), else the body.</summary>
    public string Message
    {
        get
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(Body);
                return json.RootElement.TryGetProperty("msg", out var msg) ? msg.ToString() : Body;
            }
            catch (System.Text.Json.JsonException)
            {
                return Body.Length > 200 ? Body[..200] : Body;
            }
        }
    }
}
