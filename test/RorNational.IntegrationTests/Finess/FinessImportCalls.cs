using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Domain.Establishments;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Finess;

/// <summary>FINESS imports as an operator runs them: post the file, follow the import to its end.</summary>
internal static class FinessImportCalls
{
    public static string Sample() =>
        File.ReadAllText(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "finess", "etalab-cs1100507-stock-sample.csv"));

    public static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return compressed.ToArray();
    }

    public static Task<HttpResponseMessage> PostExtract(this HttpClient client, byte[] extract, string mediaType = "text/csv", string query = "") =>
        client.PostAsync("/api/finess/imports" + query,
            new ByteArrayContent(extract) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } });

    /// <summary>Posts the extract, expects 202, and waits for the import to end; gives its report.</summary>
    public static Task<JsonObject> Import(this HttpClient client, string extract, string query = "") =>
        client.Import(Encoding.UTF8.GetBytes(extract), "text/csv", query);

    public static async Task<JsonObject> Import(this HttpClient client, byte[] extract, string mediaType, string query = "")
    {
        var response = await client.PostExtract(extract, mediaType, query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return await client.WaitForImport(response.Headers.Location!);
    }

    /// <summary>
    /// Waits for the import at this location to end and gives its report. A test that starts an
    /// import waits for it: left running, it would write into the next test's data.
    /// </summary>
    public static async Task<JsonObject> WaitForImport(this HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var report = (await client.GetFromJsonAsync<JsonObject>(location))!;
            if (report["status"]!.GetValue<string>() != "Running") return report;
            await Task.Delay(100);
        }
        throw new TimeoutException($"import {location} still running after 60 s");
    }

    /// <summary>Asserts a 422 OperationOutcome whose diagnostics hold the reason.</summary>
    public static async Task AssertRefused(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(FhirJson.Parse<OperationOutcome>(body).Issue.Single().Diagnostics, Does.Contain(reason));
    }

    /// <summary>The EGs as stored: open or closed, and their coordinates.</summary>
    public static async Task<Dictionary<string, EG>> StoredEGs(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<EG>().ToListAsync()).ToDictionary(eg => eg.Data.Finess);
    }

    public static async Task<int> StoredEvents(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
