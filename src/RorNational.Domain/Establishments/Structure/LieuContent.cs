namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The part of a published lieu its establishment may edit directly, without a dossier: its
/// status, how to reach it, its other names, telecoms, equipment and residential capacity. Its
/// function, address, position and identifiers stay structural: a dossier changes them.
/// </summary>
public sealed record LieuContent
{
    /// <summary>Statut du lieu (TRE_R203): OP opérationnel, FT fermé temporairement, FD fermé définitivement.</summary>
    public string? OperationalStatus { get; init; }

    public string? Description { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<Telecom> Telecoms { get; init; } = [];
    public IReadOnlyList<Equipment> Equipments { get; init; } = [];
    public IReadOnlyList<ResidentialCapacity> ResidentialCapacities { get; init; } = [];

    /// <summary>The content a lieu holds now.</summary>
    public static LieuContent Of(LieuDescription lieu) => new()
    {
        OperationalStatus = lieu.OperationalStatus,
        Description = lieu.Description,
        Aliases = lieu.Aliases,
        Telecoms = lieu.Telecoms,
        Equipments = lieu.Equipments,
        ResidentialCapacities = lieu.ResidentialCapacities,
    };

    /// <summary>The lieu with this content instead of its own, its structural fields unchanged.</summary>
    public LieuDescription AppliedTo(LieuDescription lieu) => lieu with
    {
        OperationalStatus = OperationalStatus,
        Description = Description,
        Aliases = Aliases,
        Telecoms = Telecoms,
        Equipments = Equipments,
        ResidentialCapacities = ResidentialCapacities,
    };
}
