using RorNational.Security.Limits;

namespace RorNational.Security.Clients;

/// <summary>
/// A registered client: the consumer access profile it reads with, and the rights it has on
/// the offer. Registered in configuration, never in code.
/// </summary>
public sealed record ClientRegistration
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The consumer access profile (an id of the configured profiles, e.g. "public").</summary>
    public required string Profile { get; init; }

    /// <summary>FINESS numbers of the EGs whose capacity it may post ("*": all).</summary>
    public IReadOnlyList<string> SupplierOf { get; init; } = [];

    /// <summary>FINESS numbers of the EGs whose description it may edit through dossiers ("*": all).</summary>
    public IReadOnlyList<string> EditorOf { get; init; } = [];

    /// <summary>INSEE codes of the régions whose dossiers it may accept or reject ("*": all).</summary>
    public IReadOnlyList<string> ValidatorOf { get; init; } = [];

    public bool Auditor { get; init; }
    public bool Admin { get; init; }

    /// <summary>Its own limits per kind of FHIR route, each replacing the default (Limits:Defaults) for that kind; null: the defaults.</summary>
    public ClientLimits? Limits { get; init; }
}
