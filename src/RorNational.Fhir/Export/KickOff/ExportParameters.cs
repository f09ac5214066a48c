using System.Globalization;
using RorNational.Domain.Common;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Export;

/// <summary>
/// Reads the kick-off parameters of <c>$export</c> (from the query string of a GET, or the
/// Parameters of a POST) into what the export selects. <c>_outputFormat</c> (ndjson only),
/// <c>_type</c>, <c>_since</c> and <c>_typeFilter</c> are understood; any other parameter, and
/// the Bulk Data ones this server does not implement (<c>_elements</c>, <c>includeAssociatedData</c>,
/// <c>patient</c>...), are refused with 400, or ignored with <c>Prefer: handling=lenient</c>.
/// </summary>
public static class ExportParameters
{
    public static readonly string[] OutputFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];

    /// <summary>Parameters of the HTTP exchange rather than the export.</summary>
    private static readonly HashSet<string> Ignored = ["_format", "_pretty"];

    public static ExportSelection Read(IReadOnlyList<KeyValuePair<string, string>> parameters, bool lenient, SearchRequestParser parser)
    {
        var selection = new ExportSelection();
        var types = parameters.Where(p => p.Key == "_type").SelectMany(p => p.Value.Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (types.Count > 0)
        {
            if (types.FirstOrDefault(t => !ExportSelection.AllTypes.Contains(t)) is { } unknown)
                throw Invalid("_type", $"'{unknown}' is not a resource type this server exports: {string.Join(", ", ExportSelection.AllTypes)}");
            selection.Types = [.. ExportSelection.AllTypes.Where(types.Contains)];
        }
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "_type":
                    break;
                case "_outputFormat":
                    if (!OutputFormats.Contains(value))
                        throw Invalid(name, $"'{value}' is not a format this server writes: {string.Join(", ", OutputFormats)}");
                    break;
                case "_since":
                    if (selection.Since is not null) throw Invalid(name, "_since is given once");
                    selection.Since = Instant(value);
                    break;
                case "_typeFilter":
                    selection.TypeFilters.AddRange(ExportTypeFilters.Read(value, selection.Types, parser));
                    break;
                default:
                    if (!lenient && !Ignored.Contains(name))
                        throw Invalid(name, $"{name} is not a parameter of $export on this server (it takes _outputFormat, _type, _since and _typeFilter); " +
                                            "send Prefer: handling=lenient to have it ignored");
                    break;
            }
        }
        return selection;
    }

    /// <summary>A FHIR instant: a date and time to the second at least, with its time zone.</summary>
    private static DateTimeOffset Instant(string value)
    {
        if (value.Length >= 20 && value[10] == 'T' && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        throw Invalid("_since", $"'{value}' is not an instant: write it as 2026-11-23T10:00:00Z or 2026-11-23T11:00:00+01:00");
    }

    private static CommandRejected Invalid(string parameter, string message) => CommandRejected.Because(RejectionKind.Invalid, message, parameter);
}
