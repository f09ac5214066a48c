using BenchGenerator.Planning;
using BenchGenerator.Stages;

namespace BenchGenerator;

/// <summary>The clients the generator writes as: the loader (admin, editor and validator of every EG) and the suppliers.</summary>
public sealed record GeneratorClients(HttpClient Loader, IReadOnlyList<HttpClient> Suppliers);

/// <summary>How the stages run: EGs described at once, changes per capacity Bundle, the capacity's source date;
/// <see cref="Cpu"/>, when given, measures the CPU time of the host and PostgreSQL during each stage.</summary>
public sealed record GeneratorSettings(int Concurrency = 8, int BundleSize = 250, DateTimeOffset? CapacityDate = null, ProcessCpu? Cpu = null);

/// <summary>
/// Builds the plan's repository through the host's real write paths, stage after stage:
/// FINESS import, dossiers, capacity. Each stage reports what it wrote and its rate.
/// </summary>
public static class Generator
{
    public static async Task<IReadOnlyList<StageResult>> RunAsync(
        NationalPlan plan, GeneratorClients clients, GeneratorSettings settings, TextWriter? log, CancellationToken cancellation = default)
    {
        var alreadyThere = 0;
        var results = new List<StageResult>
        {
            await Measured(settings.Cpu, async () =>
            {
                var (result, there) = await FinessStage.RunAsync(clients.Loader, plan, log, cancellation);
                alreadyThere = there;
                return result;
            }),
            await Measured(settings.Cpu, () => DossierStage.RunAsync(clients.Loader, plan, settings.Concurrency, resuming: alreadyThere > 0, log, cancellation)),
            await Measured(settings.Cpu, () => CapacityStage.RunAsync(clients.Suppliers, plan, settings.BundleSize,
                settings.CapacityDate ?? DateTimeOffset.UtcNow.AddMinutes(-1), log, cancellation)),
        };
        return results;
    }

    private static async Task<StageResult> Measured(ProcessCpu? cpu, Func<Task<StageResult>> stage)
    {
        if (cpu is null) return await stage();
        var before = cpu.Sample();
        var result = await stage();
        var after = cpu.Sample();
        return result with { HostCpu = after.Host - before.Host, PostgresCpu = after.Postgres - before.Postgres };
    }
}
