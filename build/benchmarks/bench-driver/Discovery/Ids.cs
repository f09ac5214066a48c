namespace Bench.Discovery;

/// <summary>
/// What the workloads need from the repository, found by SQL on its tables (Discovery/IdQueries),
/// so that the bench runs on any data: the generator's, or the samples.
/// </summary>
public sealed record Ids(
    IReadOnlyList<ResourceId> Reads,
    IReadOnlyList<string> Regions,
    IReadOnlyList<OfferCriteria> Offers,
    IReadOnlyList<string> EstablishmentTrees,
    IReadOnlyList<string> Zones,
    DescribedEstablishment? Described,
    long Events)
{
    public string Summary =>
        $"{Reads.Count} resources to read, {Regions.Count} régions, {Offers.Count} offer criteria, {EstablishmentTrees.Count} EJ trees, " +
        $"{Zones.Count} lieux taking beds, $description on {Described?.Eg ?? "none"} ({Described?.Zones.Count ?? 0} lieux), {Events:N0} events";
}

/// <summary>A published resource: its type and id.</summary>
public sealed record ResourceId(string Type, string Id);

/// <summary>An offer search's criteria taken from one published UO: its specialty, an age it accepts, a postal code of its lieux.</summary>
public sealed record OfferCriteria(string SpecialtySystem, string SpecialtyCode, int? Age, string PostalCode);

/// <summary>The EG whose lieux workload 6 fills with capacity events, and their zone identifiers.</summary>
public sealed record DescribedEstablishment(string Eg, string Finess, IReadOnlyList<string> Zones);
