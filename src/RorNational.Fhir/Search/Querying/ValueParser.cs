using System.Globalization;
using Hl7.Fhir.Model;
using RorNational.Domain.Common;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Parses one value of a parameter by the parameter's type. A malformed value is refused
/// (400) with the parameter's name, before any SQL exists.
/// </summary>
public sealed class ValueParser(Territory territory)
{
    private static readonly Dictionary<string, SearchPrefix> Prefixes = new()
    {
        ["eq"] = SearchPrefix.Eq, ["ne"] = SearchPrefix.Ne, ["gt"] = SearchPrefix.Gt, ["ge"] = SearchPrefix.Ge,
        ["lt"] = SearchPrefix.Lt, ["le"] = SearchPrefix.Le, ["sa"] = SearchPrefix.Sa, ["eb"] = SearchPrefix.Eb,
        ["ap"] = SearchPrefix.Ap,
    };

    public SearchValue Parse(SearchParameterDefinition parameter, string name, string? modifier, string raw)
    {
        if (raw.Length == 0) throw Invalid(name, "has an empty value");
        if (modifier == "missing")
            return raw switch
            {
                "true" => new MissingValue(true),
                "false" => new MissingValue(false),
                _ => throw Invalid(name, "takes true or false with :missing"),
            };
        return parameter.Code switch
        {
            "_content" => Content(name, raw),
            "near" => Near(name, raw),
            "near-insee-code" => NearCommune(name, raw),
            _ => parameter.Type switch
            {
                SearchParamType.Token or SearchParamType.Uri => Token(raw),
                SearchParamType.String => new StringValue(Unescape(raw)),
                SearchParamType.Date => Date(parameter, name, raw),
                SearchParamType.Number => Number(parameter, name, raw, quantity: false),
                SearchParamType.Quantity => Number(parameter, name, raw, quantity: true),
                SearchParamType.Reference => Reference(name, raw),
                _ => throw Invalid(name, $"is a {parameter.Type} parameter this server cannot search on"),
            },
        };
    }

    private static TokenValue Token(string raw)
    {
        var bar = IndexOfUnescaped(raw, '|');
        if (bar < 0) return new TokenValue(null, Unescape(raw), NoSystem: false);
        var system = raw[..bar];
        var code = raw[(bar + 1)..];
        return new TokenValue(system.Length == 0 ? null : Unescape(system), code.Length == 0 ? null : Unescape(code), NoSystem: system.Length == 0);
    }

    private static (SearchPrefix Prefix, string Remainder) Prefix(SearchParameterDefinition parameter, string name, string raw)
    {
        if (raw.Length > 2 && char.IsAsciiLetterLower(raw[0]) && char.IsAsciiLetterLower(raw[1]))
        {
            if (!Prefixes.TryGetValue(raw[..2], out var prefix))
                throw Invalid(name, $"has an unknown prefix '{raw[..2]}' (eq, ne, gt, ge, lt, le, sa, eb, ap)");
            if (parameter.Comparators.Count > 0 && !parameter.Comparators.Contains(raw[..2]))
                throw Invalid(name, $"does not take the prefix '{raw[..2]}'");
            return (prefix, raw[2..]);
        }
        return (SearchPrefix.Eq, raw);
    }

    private static DateValue Date(SearchParameterDefinition parameter, string name, string raw)
    {
        var (prefix, rest) = Prefix(parameter, name, raw);
        if (!FhirDateRange.TryParse(rest, out var range))
            throw Invalid(name, $"'{raw}' is not a FHIR date (yyyy, yyyy-MM, yyyy-MM-dd or yyyy-MM-ddThh:mm:ss with a time zone)");
        return new DateValue(prefix, range.ToMicroseconds());
    }

    /// <summary>Bounds of a number or quantity: its precision range is computed exactly within them.</summary>
    private const int MaxDecimals = 20;
    private const decimal MaxMagnitude = 1_000_000_000_000_000_000m;

    private static NumberValue Number(SearchParameterDefinition parameter, string name, string raw, bool quantity)
    {
        var (prefix, rest) = Prefix(parameter, name, raw);
        var parts = quantity ? rest.Split('|') : [rest];
        if (parts.Length is not (1 or 3) || !decimal.TryParse(parts[0], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
            throw Invalid(name, quantity
                ? $"'{raw}' is not a quantity ([prefix]number[|system|code])"
                : $"'{raw}' is not a number ([prefix]number)");
        // The precision of the value: 100 matches [99.5, 100.5), 1.50 matches [1.495, 1.505).
        var decimals = parts[0].Contains('.') ? parts[0].Length - parts[0].IndexOf('.') - 1 : 0;
        if (decimals > MaxDecimals || Math.Abs(value) >= MaxMagnitude)
            throw Invalid(name, $"'{raw}' is beyond what this server searches (at most {MaxDecimals} decimals, less than 10^18 in size)");
        var half = new decimal(5, 0, 0, false, (byte)(decimals + 1));
        string? system = parts.Length == 3 && parts[1].Length > 0 ? parts[1] : null;
        string? code = parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
        return new NumberValue(prefix, value, value - half, value + half, system, code);
    }

    private static ReferenceValue Reference(string name, string raw)
    {
        var path = raw;
        var history = path.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0) path = path[..history];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            [var id] => new ReferenceValue(null, id),
            [.., var type, var id] when ModelInfo.IsKnownResource(type) => new ReferenceValue(type, id),
            _ => throw Invalid(name, $"'{raw}' is not a reference (id, Type/id or an absolute URL)"),
        };
    }

    private static ContentValue Content(string name, string raw)
    {
        var words = TextNormalizer.Words(raw).ToList();
        return words.Count == 0 ? throw Invalid(name, "has no word to look for") : new ContentValue(words);
    }

    /// <summary>near=latitude|longitude|distance|unit (km or m; 10 km when not given).</summary>
    private static NearValue Near(string name, string raw)
    {
        var parts = raw.Split('|');
        if (parts.Length is < 2 or > 4
            || !TryDouble(parts[0], out var latitude) || latitude is < -90 or > 90
            || !TryDouble(parts[1], out var longitude) || longitude is < -180 or > 180)
            throw Invalid(name, $"'{raw}' is not latitude|longitude|distance|unit (WGS84 degrees, e.g. 48.85|2.35|5|km)");
        return new NearValue(latitude, longitude, Distance(name, parts.Length > 2 ? parts[2] : "", parts.Length > 3 ? parts[3] : ""), false);
    }

    /// <summary>The guide's near-insee-code=cog|distance|unit, around the commune's centroid.</summary>
    private NearValue NearCommune(string name, string raw)
    {
        var parts = raw.Split('|');
        if (parts.Length is < 1 or > 3) throw Invalid(name, $"'{raw}' is not commune-code|distance|unit (e.g. 44109|15|km)");
        var centroid = territory.CentroidOf(parts[0])
            ?? throw Invalid(name, $"'{parts[0]}' is not a commune code (COG) known to the reference data");
        return new NearValue(centroid.Latitude, centroid.Longitude,
            Distance(name, parts.Length > 1 ? parts[1] : "", parts.Length > 2 ? parts[2] : ""), true);
    }

    private static double Distance(string name, string distance, string unit)
    {
        if (distance.Length == 0) return 10;
        if (!TryDouble(distance, out var value) || value <= 0 || value > 1000)
            throw Invalid(name, $"'{distance}' is not a distance (a positive number, at most 1000 km)");
        return unit switch
        {
            "" or "km" or "[km]" => value,
            "m" => value / 1000,
            _ => throw Invalid(name, $"'{unit}' is not a distance unit (km or m)"),
        };
    }

    /// <summary>A finite number: NaN and Infinity, which double parsing takes, are no coordinates or distances.</summary>
    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static int IndexOfUnescaped(string text, char c)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == c) return i;
        }
        return -1;
    }

    private static string Unescape(string text) =>
        text.Replace("\\|", "|").Replace("\\,", ",").Replace("\\$", "$").Replace("\\\\", "\\");

    public static CommandRejected Invalid(string parameter, string message) =>
        CommandRejected.Because(RejectionKind.Invalid, message, parameter);
}
