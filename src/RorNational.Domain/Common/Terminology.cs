namespace RorNational.Domain.Common;

/// <summary>
/// A value set of the national terminologies (a JDV of the ROR) that a coded field is bound to
/// by the FHIR rendering, and the NOS table (TRE) its codes come from.
/// </summary>
public sealed record ValueSetBinding(string ValueSet, string Table);

/// <summary>
/// The codes of the national value sets this server binds, loaded once from the value sets it
/// publishes. A value set that includes a whole NOS table, rather than listing its codes, is
/// not held: the table itself is not in this repository, so only the code's shape can be
/// checked for it (<see cref="Contains"/> answers null). A value set drawing on several tables is
/// also held table by table, under "value set|table", for the codes that name their table
/// (<see cref="Structure.NosCode"/>).
/// </summary>
public sealed class Terminology(IReadOnlyDictionary<string, IReadOnlySet<string>> codesByValueSet)
{
    /// <summary>Whether <paramref name="code"/> is in the bound value set; null when its codes are not listed here.</summary>
    public bool? Contains(ValueSetBinding binding, string code) =>
        codesByValueSet.TryGetValue(ByTable(binding.ValueSet, binding.Table), out var ofTable) ? ofTable.Contains(code)
        : codesByValueSet.TryGetValue(binding.ValueSet, out var codes) ? codes.Contains(code) : null;

    /// <summary>The key of a value set's codes drawn from one of its tables.</summary>
    public static string ByTable(string valueSet, string table) => $"{valueSet}|{table}";

    /// <summary>The value sets whose codes are listed, by name (JDV_J20-ChampActivite-ROR...).</summary>
    public IEnumerable<string> ListedValueSets => codesByValueSet.Keys.Where(key => !key.Contains('|'));
}
