using System.Text.Json.Nodes;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>
/// Stage 2: each EG described through one collaborative dossier, as its editor and validator
/// do (the loader is both): open, draft and finalize each lieu then each UO, submit, accept.
/// EGs run <paramref name="concurrency"/> at a time, the calls of one EG in order. Restartable:
/// when <paramref name="resuming"/> (the EGs were there before the import), each EG is read
/// first: one already published with every planned fiche is skipped, and a dossier left open
/// by the interrupted run is rejected before the EG is described again.
/// </summary>
public static class DossierStage
{
    public static async Task<StageResult> RunAsync(
        HttpClient loader, NationalPlan plan, int concurrency, bool resuming, TextWriter? log, CancellationToken cancellation)
    {
        var skipped = 0;
        using var progress = new Progress("dossiers", plan.EGs.Count, log);
        await Parallel.ForEachAsync(plan.EGs, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellation },
            async (eg, token) =>
            {
                if (!await DescribeAsync(loader, eg, resuming, token)) Interlocked.Increment(ref skipped);
                progress.Advance();
            });
        return new StageResult("dossiers", "dossiers", plan.EGs.Count - skipped, progress.Elapsed,
            skipped > 0 ? $"({skipped} EG already published, skipped)" : null);
    }

    /// <summary>False when the EG was already published as planned.</summary>
    private static async Task<bool> DescribeAsync(HttpClient loader, PlannedEG eg, bool resuming, CancellationToken cancellation)
    {
        var root = $"/api/establishments/{eg.Id}";
        if (resuming && !await UnfinishedAsync(loader, eg, cancellation)) return false;
        var dossier = (await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers", null, cancellation))!["dossierId"]!.GetValue<string>();
        var fiches = $"{root}/dossiers/{dossier}/fiches";
        foreach (var uo in eg.UOs)
            await DraftAsync(loader, $"{fiches}/{uo.Lieu.FicheId}", DossierBodies.Lieu(eg, uo.Lieu), cancellation);
        for (var index = 0; index < eg.UOs.Count; index++)
            await DraftAsync(loader, $"{fiches}/{eg.UOs[index].FicheId}", DossierBodies.UO(eg, eg.UOs[index], index), cancellation);
        await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers/{dossier}/submit", null, cancellation);
        await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers/{dossier}/accept", new JsonObject { ["reason"] = "bench-generator" }, cancellation);
        return true;
    }

    /// <summary>False when the EG is published with every planned fiche; rejects the dossier an interrupted run left open.</summary>
    private static async Task<bool> UnfinishedAsync(HttpClient loader, PlannedEG eg, CancellationToken cancellation)
    {
        var root = $"/api/establishments/{eg.Id}";
        var current = (await Api.Call(loader, HttpMethod.Get, root, null, cancellation))!;
        var published = current["fiches"]?.AsObject();
        var planned = eg.UOs.SelectMany(uo => new[] { uo.FicheId, uo.Lieu.FicheId }).ToList();
        if (published is not null && planned.All(published.ContainsKey)) return false;
        if (current["openDossier"]?["id"]?.GetValue<string>() is { } interrupted)
            await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers/{interrupted}/reject", new JsonObject { ["reason"] = "bench-generator: a run was interrupted" }, cancellation);
        return true;
    }

    private static async Task DraftAsync(HttpClient loader, string fiche, JsonObject body, CancellationToken cancellation)
    {
        await Api.Call(loader, HttpMethod.Put, fiche, body, cancellation);
        await Api.Call(loader, HttpMethod.Post, fiche + "/finalize", null, cancellation);
    }
}
