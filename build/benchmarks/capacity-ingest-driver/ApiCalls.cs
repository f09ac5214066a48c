using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CapacityIngest;

/// <summary>One call of the JSON API as the benchmarks' loaders make it: a failure stops the set-up with the answer's body.</summary>
public static class ApiCalls
{
    public static async Task<JsonNode?> Call(HttpClient http, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, new MediaTypeHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length > 0 ? JsonNode.Parse(text) : null;
    }
}
