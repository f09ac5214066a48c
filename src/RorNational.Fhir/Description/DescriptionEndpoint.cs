using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Fhir.Publishing;
using RorNational.ReferenceData;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Description;

/// <summary>
/// <c>GET /fhir/Organization/{EG id}/$description?at=&lt;instant&gt;</c>: what the repository
/// published of an establishment at an instant (<see cref="EstablishmentDescription"/>), as a
/// Bundle of type collection, each resource in the version it had then, redacted for the
/// caller's profile as a vread of that version is. Auditor clients only (403 otherwise);
/// 400 for a missing or malformed instant; 404 for an unknown EG or an instant before it was published.
/// The cut on the event sequence the description was replayed to is told in <see cref="CutHeader"/>.
/// </summary>
public static partial class DescriptionEndpoint
{
    public const string CutHeader = "X-Event-Sequence";

    [WolverineGet("/fhir/Organization/{id}/$description")]
    public static async Task<IResult> Get(string id, HttpContext http, IQuerySession session, Territory territory, AccessProfiles profiles)
    {
        if (!Rights.IsAuditor(Callers.Of(http))) throw Rights.Refusal();
        var format = FhirFormat.Of(http.Request);
        var at = Instant(http.Request.Query["at"]);
        var description = await EstablishmentDescription.AsOfAsync(session, new EstablishmentRendering(territory.RegionOfCommune), id, at, http.RequestAborted);
        var profile = profiles.For(http);
        var resources = await DescriptionRedaction.ForProfileAsync(session, description.Resources, description.At, profile, http.RequestAborted);
        await http.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(http, profile, new AuditedRead(AuditedRead.Operation, "Organization",
            description.Resources.Select(r => new ReturnedResource(r.Type, r.Id, r.Version, r.ClassSets.ToArray())).ToList(),
            RawQuery: ReadAudit.RawQueryOf(http.Request, null)));
        var request = http.Request;
        var json = DescriptionBundle.Write(description, resources, $"{request.Scheme}://{request.Host}{request.PathBase}/fhir");
        http.Response.Headers[CutHeader] = description.Cut.ToString(CultureInfo.InvariantCulture);
        return Results.Text(FhirOutput.Render(json, format), format.ContentType, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>A FHIR instant: a date, a time to the second at least, and a time zone.</summary>
    private static DateTimeOffset Instant(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && InstantShape().IsMatch(values[0]!)
        && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw CommandRejected.Because(RejectionKind.Invalid,
                "must be given once, as an instant with its time zone such as 2026-03-12T08:00:00Z or 2026-03-12T09:00:00+01:00", "at");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantShape();
}
