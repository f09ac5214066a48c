using CsCheck;
using RorNational.HostileInput.Tests.Generators;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>
/// Generates the requests of every route from one seed, sends them and judges each: reads in
/// parallel batches (one store snapshot before and after each batch), writes one at a time (a
/// snapshot after each, so that what was stored is traced to the request that stored it).
/// </summary>
public sealed class HostileRun(HostileClient client, Func<Task<StoreSnapshot>> snapshot, FailureReport report)
{
    private const int ReadParallelism = 4;

    public static IReadOnlyList<HostileRequest> Generate(Targets targets, string seed, int perRoute)
    {
        var pcg = PCG.Parse(seed);
        var requests = new List<HostileRequest>();
        foreach (var generator in RouteCatalogue.Generators)
        {
            var gen = generator.For(targets);
            for (var i = 0; i < perRoute; i++) requests.Add(gen.Generate(pcg, null!, out _));
            if (generator.HasBody && generator.Route != FinessImports.Route) requests.Add(Oversized(generator, targets));
        }
        return requests;
    }

    /// <summary>One body over 30 MB per route that reads one, on the route's plausible path.</summary>
    private static HostileRequest Oversized(RouteGenerator generator, Targets targets)
    {
        var plausible = generator.Plausible(targets).Generate(PCG.Parse(DefaultSeed), null!, out _);
        return plausible with
        {
            Category = Category.Oversized,
            Body = new HostileBody(Malformed.OversizedJson.Value, plausible.Body!.ContentType),
        };
    }

    public static string DefaultSeed { get; } = new PCG(10, 20261201).ToString();

    public async Task SendAllAsync(IReadOnlyList<HostileRequest> requests)
    {
        foreach (var routeRequests in requests.GroupBy(r => r.Route))
        {
            await ReadsAsync([.. routeRequests.Where(r => !r.Writes)]);
            foreach (var write in routeRequests.Where(r => r.Writes)) await WriteAsync(write);
        }
    }

    private async Task ReadsAsync(IReadOnlyList<HostileRequest> reads)
    {
        if (reads.Count == 0) return;
        var before = await snapshot();
        var answers = new Answer[reads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism },
            async (i, _) => answers[i] = await client.SendAsync(reads[i]));
        foreach (var answer in answers) Judge(answer);
        var changes = (await snapshot()).ChangesSince(before);
        if (changes.Count > 0)
            report.Add(new Failure(Verdict.Stored, answers[0], $"during a batch of {reads.Count} reads of {reads[0].Route}: {string.Join("; ", changes)}"));
    }

    private async Task WriteAsync(HostileRequest write)
    {
        var before = await snapshot();
        var answer = await client.SendAsync(write);
        report.Count(write.Category);
        var failure = Verdict.Of(answer);
        if (answer.Accepted && answer.Location is { } location && write.Route == FinessImports.Route
            && !await client.SettleAsync(location, TimeSpan.FromSeconds(60)))
            failure = new Failure(Verdict.Hang, answer, "the accepted FINESS import did not settle within 60 s");
        var changes = (await snapshot()).ChangesSince(before);
        if (changes.Count > 0)
            failure = new Failure(Verdict.Stored, answer, (failure is null ? "" : $"{failure.Kind}, and ") + string.Join("; ", changes));
        if (failure is not null) report.Add(failure);
    }

    private void Judge(Answer answer)
    {
        report.Count(answer.Request.Category);
        if (Verdict.Of(answer) is { } failure) report.Add(failure);
    }
}
