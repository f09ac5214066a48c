using BenchGenerator.Planning;
using BenchGenerator.Stages;

namespace BenchGenerator;

/// <summary>The clients the generator writes as: the loader (admin, editor and validator of every EG) and the suppliers.</summary>
public sealed record GeneratorClients(HttpClient Loader, IReadOnlyList<HttpClient> Suppliers);

/// <summary>How the stages run: EGs described at once, changes per capacity Bundle, the capacity's source date.</summary>
public sealed record GeneratorSettings(int Concurrency = 8, int BundleSize = 250, DateTimeOffset? CapacityDate = null);

/// <summary>
/// Builds the plan's repository through the host's real write paths, stage after stage:
/// FINESS import, dossiers, capacity. Each stage reports what it wrote and its rate.
/// </summary>
public static class Generator
{
    public static async Task<IReadOnlyList<StageResult>> RunAsync(
        NationalPlan plan, GeneratorClients clients, GeneratorSettings settings, TextWriter? log, CancellationToken cancellation = default)
    {
        var results = new List<StageResult>
        {
            await FinessStage.RunAsync(clients.Loader, plan, log, cancellation),
            await DossierStage.RunAsync(clients.Loader, plan, settings.Concurrency, log, cancellation),
            await CapacityStage.RunAsync(clients.Suppliers, plan, settings.BundleSize, settings.CapacityDate ?? DateTimeOffset.UtcNow.AddMinutes(-1), log, cancellation),
        };
        return results;
    }
}
