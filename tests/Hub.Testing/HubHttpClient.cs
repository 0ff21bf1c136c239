using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hub.Testing;

/// <summary>Speaks to the hub the way the dashboard does: antiforgery header on every state-changing call.</summary>
public sealed class HubHttpClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        using var request = await WithAntiforgeryAsync(HttpMethod.Post, "/api/auth/login");
        request.Content = JsonContent.Create(new { userName, password });
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = await WithAntiforgeryAsync(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Posts raw bytes (a firmware image) as <c>application/octet-stream</c>.</summary>
    public async Task<HttpResponseMessage> PostBytesAsync(string url, byte[] body)
    {
        using var request = await WithAntiforgeryAsync(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await http.SendAsync(request);
    }

    /// <summary>A request carrying a bearer token instead of the session cookie.</summary>
    public static HttpRequestMessage WithToken(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public void Dispose() => http.Dispose();

    private async Task<HttpRequestMessage> WithAntiforgeryAsync(HttpMethod method, string url)
    {
        var token = await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return request;
    }
}
