using System.Net;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Export;

/// <summary>A Bulk Data client, as a consumer's would be: kick-off, poll until the manifest, download the files.</summary>
public static class BulkExports
{
    public static async Task<HttpResponseMessage> KickOff(this HttpClient client, string url, string? prefer = "respond-async")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        return await client.SendAsync(request);
    }

    /// <summary>Kicks off an export and answers its poll URL (the Content-Location of the 202).</summary>
    public static async Task<string> Started(this HttpClient client, string url)
    {
        var response = await client.KickOff(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return response.StatusUrl();
    }

    /// <summary>The poll URL a kick-off's 202 gives: its absolute Content-Location.</summary>
    public static string StatusUrl(this HttpResponseMessage response)
    {
        var location = response.Content.Headers.ContentLocation;
        Assert.That(location, Is.Not.Null.And.Property(nameof(Uri.IsAbsoluteUri)).True, "an absolute Content-Location");
        return location!.ToString();
    }

    /// <summary>Polls until the export is done (at most 60 s; after a 429, as Retry-After says), then its manifest.</summary>
    public static async Task<JsonObject> Manifest(this HttpClient client, string statusUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync(statusUrl);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
                Assert.That(response.Content.Headers.Expires, Is.Not.Null, "the manifest says when the files expire");
                return JsonNode.Parse(body)!.AsObject();
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Polled too often for the client's limit: as a Bulk Data client does, wait as told.
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
            Assert.That(response.Headers.GetValues("X-Progress").Single(), Has.Length.LessThan(100));
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
            if (DateTime.UtcNow > deadline) Assert.Fail($"the export at {statusUrl} did not end within 60 s");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonObject> Exported(this HttpClient client, string url) => await client.Manifest(await client.Started(url));

    public static IEnumerable<JsonObject> Outputs(this JsonObject manifest, string array = "output") =>
        manifest[array]!.AsArray().Select(o => o!.AsObject());

    /// <summary>The lines of one file, each parsed.</summary>
    public static async Task<List<string>> Lines(this HttpClient client, JsonObject output)
    {
        HttpResponseMessage response;
        // Past the client's export limit: wait as Retry-After says, as a Bulk Data client does.
        while ((response = await client.GetAsync(output["url"]!.GetValue<string>())).StatusCode == HttpStatusCode.TooManyRequests)
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+ndjson"));
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.That(lines, Has.Count.EqualTo(output["count"]!.GetValue<long>()), "count as the manifest says");
        return lines;
    }

    /// <summary>Every resource of every file of a type, by "Type/id", as exported (text).</summary>
    public static async Task<Dictionary<string, string>> Resources(this HttpClient client, JsonObject manifest, string? type = null)
    {
        var resources = new Dictionary<string, string>();
        foreach (var output in manifest.Outputs().Where(o => type is null || o["type"]!.GetValue<string>() == type))
            foreach (var line in await client.Lines(output))
            {
                var resource = JsonNode.Parse(line)!.AsObject();
                Assert.That(resource["resourceType"]!.GetValue<string>(), Is.EqualTo(output["type"]!.GetValue<string>()), "one type per file");
                resources.Add($"{resource["resourceType"]}/{resource["id"]}", line);
            }
        return resources;
    }
}
