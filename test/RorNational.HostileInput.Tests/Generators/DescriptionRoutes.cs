using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// An establishment's description as of an instant (auditors only): a missing, malformed,
/// repeated or impossible <c>at</c>, dates in year 9999, unknown or malformed EG ids, and a
/// client that is no auditor.
/// </summary>
public static class DescriptionRoutes
{
    public const string Route = "GET /fhir/Organization/{id}/$description";

    private const string PlausibleAt = "at=2026-03-12T08:00:00Z";

    public static RouteGenerator Generator() => new(Route,
        t => Gen.Const(Get(t.Eg, PlausibleAt, "plausible")),
        t => Any(
            Gen.OneOf("", "at=", "at=garbage", "at=2026-03-12", "at=2026-03-12T08:00:00", "at=2026-03-12T08:00Z", "at=2026-13-45T08:00:00Z",
                    "at=2026-03-12T25:61:00Z", "at=2026-03-12T08:00:00+25:00", "at=12/03/2026", "at=1741766400", "at=" + Malformed.Long(3000),
                    "when=2026-03-12T08:00:00Z")
                .Select(query => Get(t.Eg, query, Category.WrongTypes)),
            Gen.OneOf("at=%00", "at=2026-03-12T08:00:00Z%00", "at=2026-03-12%00T08:00:00Z").Select(query => Get(t.Eg, query, Category.Nul)),
            Gen.OneOf("at=0000-01-01T00:00:00Z", "at=10000-01-01T00:00:00Z", "at=-0001-01-01T00:00:00Z")
                .Select(query => Get(t.Eg, query, Category.ImpossibleDates)),
            Gen.OneOf("at=2026-03-12T08:00:00Z&at=2026-03-13T08:00:00Z", "at=2026-03-12T08:00:00Z&at=")
                .Select(query => Get(t.Eg, query, Category.RepeatedParameters)),
            Malformed.Year9999Dates.Select(date => Get(t.Eg, "at=" + Uri.EscapeDataString(date), Category.Year9999Searched) with { MayBeAnswered = true }),
            Gen.OneOf([.. t.ResourceIds["Location"].Take(1), "ej-010008407", "eg-000000000"]).Select(id => Get(id, PlausibleAt, Category.UnknownIds)),
            Malformed.PathIds.Select(id => Get(id, PlausibleAt, Category.UnknownIds)),
            Gen.OneOf<Caller>(new Caller.Client("test-public"), new Caller.Client("test-other-editor"), new Caller.Client("test-supplier"))
                .Select(caller => Get(t.Eg, PlausibleAt, Category.Tokens) with { Caller = caller })));

    private static HostileRequest Get(string id, string query, string category) =>
        new(category, Route, HttpMethod.Get, $"/fhir/Organization/{id}/$description" + (query.Length == 0 ? "" : "?" + query));
}
