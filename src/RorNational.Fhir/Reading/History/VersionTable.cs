using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// The SQL of the versions' table (<see cref="ResourceVersionTable"/>): its columns, and who
/// may see a version at all.
/// </summary>
public sealed class VersionTable(IDocumentStore store)
{
    public string Name { get; } = ResourceVersionTable.QualifiedName(store);

    public static string Type(string alias) => $"{alias}.resource_type";

    public static string Id(string alias) => $"{alias}.resource_id";

    public static string Version(string alias) => $"{alias}.version";

    public static string LastUpdated(string alias) => $"{alias}.last_updated";

    public static string Deleted(string alias) => $"{alias}.deleted";

    public static string Json(string alias) => $"{alias}.json";

    /// <summary>The version of the same resource that follows the version <paramref name="alias"/>, as alias <paramref name="next"/>.</summary>
    public string Following(string alias, string next, string extra) =>
        $"select 1 from {Name} {next} where {Type(next)} = {Type(alias)} and {Id(next)} = {Id(alias)} and {Version(next)} = {Version(alias)} + 1 and {extra}";

    /// <summary>
    /// A condition that holds for the versions <paramref name="profile"/> may see something of
    /// beyond id and meta; null when it sees them all. A version is hidden whole when its
    /// content's classes (<see cref="ElementClassification.ContentOf"/>: its setting, and a
    /// sensitive unit's flag), with those its content gains from the later versions
    /// (<see cref="ClassesSince.WholeResource"/>: a unit flagged sensitive later), are hidden:
    /// the same rule as the redaction, read from the versions' stored class sets.
    /// </summary>
    public string? Visible(AccessProfile profile, string alias)
    {
        bool Hidden(bool outside, bool sensitive) => profile.Hides(
            (outside ? DataClass.OutsideMedicoSocial : DataClass.None) | (sensitive ? DataClass.SensitiveUnit : DataClass.None));
        // The usual case (P0, P2): sensitive units hidden wherever they are, nothing else whole.
        if (Hidden(false, true) && Hidden(true, true) && !Hidden(false, false) && !Hidden(true, false))
            return $"not ({SensitiveNowOrLater(alias)})";
        var hidden = new List<string>();
        foreach (var outside in new[] { false, true })
            foreach (var sensitive in new[] { false, true })
            {
                if (Hidden(outside, sensitive)) hidden.Add($"({Has(alias, DataClass.OutsideMedicoSocial)}) = {Bool(outside)} and ({SensitiveNowOrLater(alias)}) = {Bool(sensitive)}");
            }
        return hidden.Count == 0 ? null : $"not ({string.Join(" or ", hidden.Select(h => $"({h})"))})";
    }

    private string SensitiveNowOrLater(string alias) =>
        $"{Has(alias, DataClass.SensitiveUnit)} or exists (select 1 from {Name} later where {Type("later")} = {Type(alias)} and {Id("later")} = {Id(alias)} " +
        $"and {Version("later")} > {Version(alias)} and not {Deleted("later")} and {Has("later", DataClass.SensitiveUnit)})";

    /// <summary>Whether one of a version's class sets holds the class.</summary>
    private static string Has(string alias, DataClass single) =>
        $"exists (select 1 from unnest({alias}.class_sets) c where (c & {(int)single}) <> 0)";

    private static string Bool(bool value) => value ? "true" : "false";
}
