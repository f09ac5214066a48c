using System.Text.Json.Nodes;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>
/// Stage 2: each EG described through one collaborative dossier, as its editor and validator
/// do (the loader is both): open, draft and finalize each lieu then each UO, submit, accept.
/// EGs run <paramref name="concurrency"/> at a time, the calls of one EG in order. Restartable:
/// when <paramref name="resuming"/> (the EGs were there before the import), each EG is read
/// first: one already published with every planned fiche is skipped; a dossier the interrupted
/// run left open is completed (drafted again if still a draft, then submitted) and accepted.
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
        var found = resuming ? await FindAsync(loader, eg, cancellation) : new Found(false, null, null);
        if (found.Published) return false;
        if (found.Submitted is { } submitted)
        {
            await AcceptAsync(loader, root, submitted, cancellation);
            return true;
        }
        var dossier = found.Draft ?? (await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers", null, cancellation))!["dossierId"]!.GetValue<string>();
        var fiches = $"{root}/dossiers/{dossier}/fiches";
        foreach (var uo in eg.UOs)
            await DraftAsync(loader, $"{fiches}/{uo.Lieu.FicheId}", DossierBodies.Lieu(eg, uo.Lieu), cancellation);
        for (var index = 0; index < eg.UOs.Count; index++)
            await DraftAsync(loader, $"{fiches}/{eg.UOs[index].FicheId}", DossierBodies.UO(eg, eg.UOs[index], index), cancellation);
        await Api.Call(loader, HttpMethod.Post, $"{root}/dossiers/{dossier}/submit", null, cancellation);
        await AcceptAsync(loader, root, dossier, cancellation);
        return true;
    }

    private static Task AcceptAsync(HttpClient loader, string root, string dossier, CancellationToken cancellation) =>
        Api.Call(loader, HttpMethod.Post, $"{root}/dossiers/{dossier}/accept", new JsonObject { ["reason"] = "bench-generator" }, cancellation);

    /// <summary>What an interrupted run left: the EG published as planned, or the id of its open dossier, still a draft or submitted.</summary>
    private sealed record Found(bool Published, string? Draft, string? Submitted);

    private static async Task<Found> FindAsync(HttpClient loader, PlannedEG eg, CancellationToken cancellation)
    {
        var current = (await Api.Call(loader, HttpMethod.Get, $"/api/establishments/{eg.Id}", null, cancellation))!;
        var published = current["fiches"]?.AsObject();
        if (published is not null && eg.UOs.All(uo => published.ContainsKey(uo.FicheId) && published.ContainsKey(uo.Lieu.FicheId)))
            return new Found(true, null, null);
        if (current["openDossier"] is not { } open) return new Found(false, null, null);
        var id = open["id"]!.GetValue<string>();
        // The generator submits a dossier once every fiche is drafted: a submitted one only awaits its acceptance.
        var submitted = open["status"]?.ToJsonString() is "\"Submitted\"" or "1";
        return submitted ? new Found(false, null, id) : new Found(false, id, null);
    }

    private static async Task DraftAsync(HttpClient loader, string fiche, JsonObject body, CancellationToken cancellation)
    {
        await Api.Call(loader, HttpMethod.Put, fiche, body, cancellation);
        await Api.Call(loader, HttpMethod.Post, fiche + "/finalize", null, cancellation);
    }
}
