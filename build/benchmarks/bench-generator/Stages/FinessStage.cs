using System.Net;
using System.Text.Json.Nodes;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>
/// Stage 1: the plan's FINESS extract imported through POST /api/finess/imports (a durable
/// job: 202 and its location), polled until it ends. Importing it again, on a restart, changes
/// nothing (an import emits events only for real changes). An import that ends otherwise than
/// Completed, or that rejects a line, stops the generation. Says how many EGs were there already.
/// </summary>
public static class FinessStage
{
    public static async Task<(StageResult Result, int AlreadyThere)> RunAsync(HttpClient loader, NationalPlan plan, TextWriter? log, CancellationToken cancellation)
    {
        var extract = FinessExtract.Write(plan);
        using var progress = new Progress("FINESS", plan.EGs.Count, log);
        var (status, body, location) = await PostAsync(loader, extract, cancellation);
        if (status != HttpStatusCode.Accepted || location is null)
            throw new GenerationFailed($"POST /api/finess/imports answered {(int)status}: {body}");
        while (true)
        {
            await Task.Delay(250, cancellation);
            var report = (await Api.Call(loader, HttpMethod.Get, location, null, cancellation))!;
            var committed = report["registered"]!.GetValue<int>() + report["unchanged"]!.GetValue<int>() + report["updated"]!.GetValue<int>();
            progress.Advance(committed - progress.Done);
            var state = report["status"]!.GetValue<string>();
            if (state == "Running") continue;
            if (state == "ClosuresWithheld")
                throw new GenerationFailed("the repository holds establishments this plan does not list (filled with another seed or scale, or " +
                    "with other data): the generator fills an empty repository, or completes the one it filled with the same seed and scale. " +
                    $"The import {location} closed none of them: {Abridged(report)}");
            if (state != "Completed" || report["rejectedCount"]!.GetValue<int>() > 0)
                throw new GenerationFailed($"the FINESS import {location} ended {state}: {Abridged(report)}");
            var registered = report["registered"]!.GetValue<int>();
            return (new StageResult("FINESS import", "establishments", plan.EGs.Count, progress.Elapsed,
                registered < plan.EGs.Count ? $"({plan.EGs.Count - registered} there already)" : null), plan.EGs.Count - registered);
        }
    }

    private static async Task<(HttpStatusCode, string, string?)> PostAsync(HttpClient loader, string extract, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/finess/imports")
        {
            Content = new StringContent(extract, System.Text.Encoding.UTF8, "text/csv"),
        };
        using var response = await loader.SendAsync(request, cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation), response.Headers.Location?.OriginalString);
    }

    private static string Abridged(JsonNode report)
    {
        var text = report.ToJsonString();
        return text.Length <= 2000 ? text : text[..2000] + "…";
    }
}
