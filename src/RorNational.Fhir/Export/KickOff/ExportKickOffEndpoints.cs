using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Export.Running;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Storage;
using RorNational.Security.Callers;
using RorNational.Security.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Export;

/// <summary>
/// Bulk Data kick-off: <c>GET|POST /fhir/$export</c> (the whole repository) and
/// <c>GET|POST /fhir/Organization/{id}/$export</c> (an EJ or EG and everything under it).
/// Always asynchronous (with or without <c>Prefer: respond-async</c>): 202 with the absolute
/// poll URL in Content-Location; the job and the message that runs it are committed together.
/// A registered client only (401 anonymously), at most Export:MaxActivePerClient exports at a
/// time (429 beyond); its files are redacted with the client's access profile.
/// </summary>
public static class ExportKickOffEndpoints
{
    [WolverineGet("/fhir/$export")]
    public static Task<(IResult, RunExport)> GetSystem(HttpContext http, IDocumentSession session, ExportKickOff kickOff) =>
        kickOff.StartAsync(http, session, null, http.RequestAborted);

    [WolverinePost("/fhir/$export")]
    public static Task<(IResult, RunExport)> PostSystem(HttpContext http, IDocumentSession session, ExportKickOff kickOff) =>
        kickOff.StartAsync(http, session, null, http.RequestAborted);

    [WolverineGet("/fhir/Organization/{id}/$export")]
    public static Task<(IResult, RunExport)> GetOrganization(string id, HttpContext http, IDocumentSession session, ExportKickOff kickOff) =>
        kickOff.StartAsync(http, session, id, http.RequestAborted);

    [WolverinePost("/fhir/Organization/{id}/$export")]
    public static Task<(IResult, RunExport)> PostOrganization(string id, HttpContext http, IDocumentSession session, ExportKickOff kickOff) =>
        kickOff.StartAsync(http, session, id, http.RequestAborted);
}

/// <summary>What every kick-off does: who asks, what, whether it may, then the job.</summary>
public sealed class ExportKickOff(AccessProfiles profiles, SearchRequestParser parser, ReadAudit audit, IOptions<ExportOptions> options, TimeProvider clock)
{
    public async Task<(IResult, RunExport)> StartAsync(HttpContext http, IDocumentSession session, string? organization, CancellationToken cancellation)
    {
        var caller = Callers.Of(http);
        if (caller.Client is not { } client)
            throw new HttpRefusal(HttpRefusalKind.Unauthorized, "$export needs a bearer token: the files are made for one client and its access profile");
        var parameters = HttpMethods.IsPost(http.Request.Method)
            ? await ExportParametersBody.ReadAsync(http.Request, cancellation)
            : http.Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        var selection = ExportParameters.Read(parameters, Lenient(http.Request), parser);
        if (organization is not null)
        {
            await EnsureEstablishmentAsync(session, organization, cancellation);
            selection.Organization = organization;
        }
        var active = await session.Query<ExportJob>().CountAsync(j => j.ClientId == client.Id
            && (j.Status == ExportStatus.Accepted || j.Status == ExportStatus.Running), cancellation);
        if (active >= options.Value.MaxActivePerClient)
            throw new HttpRefusal(HttpRefusalKind.TooManyRequests,
                $"this client has {active} exports waiting or running, the most it may have at once: poll them, or cancel one (DELETE its Content-Location)")
            { RetryAfter = TimeSpan.FromSeconds(30) };

        var profile = profiles.For(http);
        var request = http.Request;
        var job = new ExportJob
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ClientId = client.Id,
            Profile = profile.Id,
            Request = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
            Selection = selection,
            Status = ExportStatus.Accepted,
            RequestedAt = clock.GetUtcNow(),
        };
        session.Store(job);
        // An export above the public level is recorded as a query (BALP), with its request, before it runs.
        await audit.RecordAsync(http, profile, new AuditedRead(AuditedRead.Operation, "", [],
            CriteriaAbovePublic: !ReferenceEquals(profile, audit.PublicProfile), RawQuery: ReadAudit.RawQueryOf(request, HttpMethods.IsPost(request.Method) ? parameters : null)));
        http.Response.Headers.ContentLocation = ExportUrls.Status(request, job.Id);
        // Wolverine's transactional middleware commits the job with the message, sent to the durable queue.
        return (Results.StatusCode(StatusCodes.Status202Accepted), new RunExport(job.Id));
    }

    private static async Task EnsureEstablishmentAsync(IQuerySession session, string organization, CancellationToken cancellation)
    {
        var document = await session.LoadAsync<OrganizationDocument>(organization, cancellation);
        if (document is null or { Retired: true })
            throw CommandRejected.Because(RejectionKind.NotFound, $"Organization/{organization} is not known");
        if (!RorNational.Domain.Establishments.EstablishmentIds.IsEstablishmentStream(organization)) throw ExportScope.NotAnEstablishment(organization);
    }

    private static bool Lenient(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Any(p => p.Trim().Equals("handling=lenient", StringComparison.OrdinalIgnoreCase));
}
