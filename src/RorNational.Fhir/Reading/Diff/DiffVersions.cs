using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Reading.History;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading.Diff;

/// <summary>
/// Which two versions of a resource <c>$diff</c> compares, from its parameters:
/// <c>fromVersion</c>/<c>toVersion</c> (version numbers, as HAPI's instance <c>$diff</c>),
/// or <c>from</c>/<c>to</c>, each a version number, a versioned reference to this resource
/// (<c>Location/{id}/_history/3</c>, as HAPI's type-level <c>$diff</c>) or an instant (the
/// version current then: the history's <c>_at=eq</c>). Without <c>to</c>, the current
/// version; without <c>from</c>, the version before <c>to</c> (none before version 1).
/// </summary>
public static class DiffVersions
{
    public sealed record Chosen(FhirResourceVersion? From, FhirResourceVersion To);

    private sealed record Bound(long? Version, DateTimeOffset? At);

    public static async Task<Chosen> ChooseAsync(string type, string id, IQueryCollection query, IQuerySession session,
        HistoryReader history, AccessProfile profile, CancellationToken cancellation)
    {
        var from = BoundOf(type, id, query, "from", "fromVersion");
        var to = BoundOf(type, id, query, "to", "toVersion");
        var current = await StoredVersions.NewestAsync(session, type, id, cancellation);
        if (current == 0) throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} is not known");

        var toVersion = to is null ? current : await VersionOf(type, id, to, history, profile, cancellation);
        var fromVersion = from is null ? toVersion - 1 : await VersionOf(type, id, from, history, profile, cancellation);
        var toLoaded = await Load(session, type, id, toVersion, cancellation);
        var fromLoaded = fromVersion < 1 && from is null ? null : await Load(session, type, id, fromVersion, cancellation);
        return new Chosen(fromLoaded, toLoaded);
    }

    private static Bound? BoundOf(string type, string id, IQueryCollection query, string name, string versionName)
    {
        var value = Single(query, name);
        var version = Single(query, versionName);
        if (value is not null && version is not null)
            throw CommandRejected.Because(RejectionKind.Invalid, $"give {name} or {versionName}, not both", name);
        if (version is not null) return new Bound(Number(version, versionName), null);
        if (value is null) return null;
        if (value.All(char.IsAsciiDigit)) return new Bound(Number(value, name), null);
        var reference = Regex.Match(value, @"^(?<type>[A-Za-z]+)/(?<id>[A-Za-z0-9\-\.]{1,64})/_history/(?<version>\d{1,18})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        if (reference.Success)
        {
            if (reference.Groups["type"].Value != type || reference.Groups["id"].Value != id)
                throw CommandRejected.Because(RejectionKind.Invalid, $"must name a version of {type}/{id}", name);
            return new Bound(Number(reference.Groups["version"].Value, name), null);
        }
        return AtParameter.InstantOrNull(value, name) is { } at ? new Bound(null, at)
            : throw CommandRejected.Because(RejectionKind.Invalid, "must be a version number, a reference such as Location/{id}/_history/3, or an instant such as 2026-03-12T08:00:00Z", name);
    }

    private static async Task<long> VersionOf(string type, string id, Bound bound, HistoryReader history, AccessProfile profile, CancellationToken cancellation)
    {
        if (bound.Version is { } version) return version;
        var at = bound.At!.Value;
        var request = new HistoryRequest(HistoryScope.OfResource(type, id), 1, null, [new AtParameter(at, at, true)], null, null);
        var page = await history.ReadAsync(request, profile, cancellation);
        return page.Entries.Count == 1 ? page.Entries[0].Version.Version
            : throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} was not published yet at {BundleInstant(at)}");
    }

    private static async Task<FhirResourceVersion> Load(IQuerySession session, string type, string id, long version, CancellationToken cancellation)
    {
        var loaded = await StoredVersions.LoadAsync(session, type, id, version, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} has no version {version}");
        return loaded.Deleted
            ? throw CommandRejected.Because(RejectionKind.Gone, $"{type}/{id} was no longer published at version {version}")
            : loaded;
    }

    private static long Number(string value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be a version number (1, 2...)", name);

    private static string? Single(IQueryCollection query, string name) => query[name] switch
    {
        { Count: 0 } => null,
        { Count: 1 } values => values[0],
        _ => throw CommandRejected.Because(RejectionKind.Invalid, "may be given once", name),
    };

    private static string BundleInstant(DateTimeOffset at) => Http.BundleJson.Instant(at);
}
