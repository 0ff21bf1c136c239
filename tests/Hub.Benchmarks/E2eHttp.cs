using System.Net.Http.Json;
using System.Text.Json;

namespace Hub.Benchmarks;

/// <summary>A cookie-holding client signed in to a hub process as admin, with the antiforgery header for writes.</summary>
internal static class E2eHttp
{
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string password)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = baseAddress };
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = "admin", password }),
        };
        login.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        (await http.SendAsync(login)).EnsureSuccessStatusCode();
        return http;
    }
}
