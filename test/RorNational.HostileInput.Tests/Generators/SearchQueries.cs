using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>Search queries that must be refused, by resource type: (category, query string already escaped).</summary>
public static class SearchQueries
{
    private static readonly Dictionary<string, (string[] Strings, string[] Dates, string[] Numbers, string Chain)> Parameters = new()
    {
        ["Organization"] = (["name", "address", "address-city", "oi-name"], ["_lastUpdated", "period-end", "price-validity-start-date"],
            ["price-amount-value"], "partof"),
        ["HealthcareService"] = (["name", "psychiatric-sector"], ["_lastUpdated", "notavailable-closing-reopeningdate"],
            ["age-range-low", "age-range-high"], "organization"),
        ["Location"] = (["name", "address", "address-city"], ["_lastUpdated", "capacity-update-date"],
            ["nb-capacity", "residential-number", "limit-value"], "partof"),
        ["Practitioner"] = (["name", "family", "given"], ["_lastUpdated"], [], "identifier"),
        ["PractitionerRole"] = (["_content"], ["_lastUpdated"], [], "service"),  // no string parameter of its own
    };

    /// <summary>Every query stays under Kestrel's 8 KB request line, so that the host, not the server, answers.</summary>
    public static Gen<(string Category, string Query)> For(string type)
    {
        var (strings, dates, numbers, chain) = Parameters[type];
        var tokens = new[] { "_id", "identifier", "active", "_tag", "type" };
        var cases = new List<IGen<(string, string)>>
        {
            Gen.Select(Pick([.. strings, .. tokens, "_content"]), Gen.OneOf("ab\0cd", "\0", "a\0", "\0\0\0"),
                (p, v) => (Category.Nul, $"{p}={Q(v)}")),
            Gen.OneOf("_filter=" + Q("name eq \0"), "_filter=" + Q("name eq \"a\0b\""), "_cursor=%00", "_sort=%00", "_count=%00",
                "_include=%00", "_has:%00=x", "name:%00=x").Select(q => (Category.Nul, q)),
            Gen.Select(Pick(dates), Malformed.Year9999Dates, (p, v) => (Category.Year9999Searched, $"{p}={Q(v)}")),
            Gen.Select(Gen.OneOf("gt", "le", "eq", "ne"), Malformed.Year9999Dates.Where(d => char.IsDigit(d[0])),
                (op, v) => (Category.Year9999Searched, "_filter=" + Q($"_lastUpdated {op} {v}"))),
            Gen.Select(Pick(dates), Malformed.ImpossibleDates, (p, v) => (Category.ImpossibleDates, $"{p}={Q(v)}")),
            // The professionals have no number parameter: a huge _count instead.
            numbers.Length > 0
                ? Gen.Select(Pick(numbers), Malformed.HugeDecimals, Gen.OneOf("", "gt", "le", "ne", "sa"),
                    (p, v, prefix) => (Category.DecimalOverflow, $"{p}={Q(prefix + v)}"))
                : Malformed.HugeDecimals.Select(v => (Category.DecimalOverflow, $"_count={Q(v)}")),
            Malformed.Cursors.Select(c => (Category.Cursor, $"_cursor={c}")),
            Gen.Int[60, 1100].Select(depth => (Category.DeepFilter, "_filter=" + Q(Malformed.Repeat("(", depth) + "name eq a" + Malformed.Repeat(")", depth)))),
            Gen.Int[60, 550].Select(depth => (Category.DeepFilter, "_filter=" + Q(Malformed.Repeat("not (", depth) + "name eq a" + Malformed.Repeat(")", depth)))),
            Gen.Int[150, 320].Select(terms => (Category.DeepFilter, "_filter=" + Q(Malformed.Repeat("name eq a", terms, " and ")))),
            Gen.Int[150, 320].Select(terms => (Category.DeepFilter, "_filter=" + Q(Malformed.Repeat("name sw b", terms, " or ")))),
            Gen.OneOf("bogus eq 1", "name eq a or nosuch eq b", "(name eq a) and unknown-param pr true", "name eq", "eq a", "name eq a and",
                "((name eq a)", "name zz a", "name eq " + Malformed.Long(2500))
                .Select(f => (Category.DeepFilter, "_filter=" + Q(f))),
            Gen.Int[120, 600].Select(n => (Category.RepeatedParameters, Malformed.Repeat($"{strings[0]}=a", n, "&"))),
            Gen.Int[120, 600].Select(n => (Category.RepeatedParameters, Malformed.Repeat("_id=x", n, "&"))),
            Gen.Int[300, 1500].Select(n => (Category.RepeatedParameters, $"{strings[0]}=" + Malformed.Repeat("a", n, ","))),
            Gen.Int[200, 900].Select(n => (Category.RepeatedParameters, "_sort=" + Malformed.Repeat("name", n, ","))),
            Gen.Int[60, 400].Select(n => (Category.LongChains, $"{chain}.{Malformed.Repeat("partof.", n)}name=x")),
            Gen.Int[20, 200].Select(n => (Category.LongChains, $"{Malformed.Repeat($"_has:{type}:partof:", n)}name=x")),
            Gen.Int[30, 180].Select(n => (Category.LongChains, "_include:iterate=" + Malformed.Repeat("Organization:partof", n, "&_include:iterate="))),
            Gen.OneOf("_count=-1", "_count=abc", "_count=1e10", "_count=99999999999999", "_sort=bogus", "_sort=-", "_summary=bogus",
                "_total=bogus", "name:bogus=x", "_lastUpdated=xx2020", "_lastUpdated=2020-13-45", "_lastUpdated=abc", "_id:above=x",
                $"{numbers.FirstOrDefault() ?? "_count"}=abc", $"{numbers.FirstOrDefault() ?? "_count"}=zz12", $"{dates[0]}=2020-02-30", "_elements=%00", "_include=Bogus:nothing")
                .Select(q => (Category.WrongTypes, q)),
        };
        if (type == "Location") cases.Add(Gen.OneOf(
            "near=NaN|5|10|km", "near=45|Infinity|10|km", "near=-Infinity|5|10|km", "near=45|5|NaN|km", "near=91|5|10|km", "near=45|181|10|km",
            "near=-91|-181|10|km", "near=45|5|-10|km", "near=45|5|1e400|km", "near=45|5|10|parsec", "near=1e400|5", "near=45", "near=%00",
            "near-insee-code=99999|10|km", "near-insee-code=ABCDE|10|km", "near-insee-code=69383|-5|km", "near-insee-code=69383|NaN|km",
            "near-insee-code=69383|10|parsec", "near-insee-code=%00|10|km", "near-insee-code=1e400")
            .Select(q => (q.Contains("NaN") || q.Contains("Infinity") ? Category.Coordinates : Category.OutOfRange, q)));
        return Gen.OneOf<(string, string)>([.. cases]);
    }
}
