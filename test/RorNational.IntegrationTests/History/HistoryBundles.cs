using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.History;

/// <summary>History Bundles read as JSON: their entries as "Type/id/version" keys, pages followed through next links.</summary>
public static class HistoryBundles
{
    public static async Task<JsonObject> Bundle(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{url}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static IEnumerable<JsonObject> Entries(this JsonObject bundle) => (bundle["entry"] as JsonArray ?? []).Select(e => e!.AsObject());

    /// <summary>"Type/id/version" of each entry, from its fullUrl and ETag.</summary>
    public static List<string> Keys(this JsonObject bundle) => bundle.Entries().Select(Key).ToList();

    public static string Key(JsonObject entry)
    {
        var fullUrl = entry["fullUrl"]!.GetValue<string>();
        var path = fullUrl[(fullUrl.IndexOf("/fhir/", StringComparison.Ordinal) + 6)..];
        var etag = entry["response"]!["etag"]!.GetValue<string>();
        return $"{path}/{etag[3..^1]}";
    }

    public static string? Next(this JsonObject bundle) =>
        (bundle["link"] as JsonArray ?? []).Select(l => l!.AsObject()).FirstOrDefault(l => l["relation"]!.GetValue<string>() == "next")?["url"]!.GetValue<string>();

    /// <summary>Every entry of a history, page after page; <paramref name="between"/> runs before each next page.</summary>
    public static async Task<List<string>> AllPages(this HttpClient client, string url, Func<int, Task>? between = null)
    {
        var keys = new List<string>();
        var page = 0;
        for (string? next = url; next is not null; page++)
        {
            if (page > 0 && between is not null) await between(page);
            var bundle = await client.Bundle(next);
            keys.AddRange(bundle.Keys());
            next = bundle.Next();
        }
        return keys;
    }
}
