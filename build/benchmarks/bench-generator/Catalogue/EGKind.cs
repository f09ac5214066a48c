namespace BenchGenerator.Catalogue;

/// <summary>
/// One kind of EG: its FINESS category and aggregate (as the etalab extract gives them), the
/// prefix of its names, its relative frequency among EGs, how many UOs it has (inclusive
/// bounds) and the UO kinds it draws them from (without repetition, by their weights).
/// </summary>
public sealed record EGKind(
    string Name, string Category, string CategoryLabel, string Aggregate, string AggregateLabel,
    string NamePrefix, double Weight, int MinUOs, int MaxUOs, IReadOnlyList<UOKind> Offer);
