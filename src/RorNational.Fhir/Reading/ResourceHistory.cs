using System.Globalization;
using System.Text;
using Marten;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>
/// One version of a published resource (vread), as the caller's profile may see it, with its
/// own version as ETag. Histories are read by <see cref="History.HistoryReader"/>.
/// </summary>
public static class ResourceHistory
{
    public static async Task<FhirResourceResult> VreadAsync(string type, string id, string vid, IQuerySession session, CancellationToken cancellation)
    {
        if (!long.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} has no version {vid}");
        var version = await StoredVersions.LoadAsync(session, type, id, number, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} has no version {vid}");
        if (version.Deleted) throw CommandRejected.Because(RejectionKind.Gone, $"{type}/{id} was no longer published at version {vid}");
        var since = await LaterVersions.SinceAsync(session, type, id, number, cancellation);
        return new FhirResourceResult(type, id, AuditedRead.Vread, version.Version, version.LastUpdated, Encoding.UTF8.GetBytes(version.Json!), version.ClassSets, since);
    }
}
