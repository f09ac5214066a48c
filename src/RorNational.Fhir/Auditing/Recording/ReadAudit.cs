using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Security.Callers;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>
/// Records a FHIR read whose answer holds data above the public level (<see cref="PublicLevel"/>)
/// as a BALP AuditEvent on the audit chain (stored compact: <see cref="CompactAuditRecord"/>), before the answer is sent: the request awaits the
/// commit of its record (<see cref="ChainWriter"/>), so a 200 never goes out unrecorded. A read
/// showing only public data records nothing.
/// </summary>
public sealed class ReadAudit
{
    public const string Kind = "AuditEvent";
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The anonymous caller, when the deployment lets it read with a profile above the public one.</summary>
    public const string AnonymousClient = "anonymous";

    private readonly ChainWriter _writer;
    private readonly IOptions<AuditOptions> _options;
    private readonly TimeProvider _clock;
    private readonly AccessProfiles _profiles;
    private readonly AccessProfile _public;

    public ReadAudit(ChainWriter writer, AccessProfiles profiles, IOptions<AuditOptions> options, TimeProvider clock, ILogger<ReadAudit> logger)
    {
        _writer = writer;
        _options = options;
        _clock = clock;
        _profiles = profiles;
        _public = profiles.Of(options.Value.PublicProfile);
        if (!options.Value.RecordReads)
            logger.LogWarning("Audit:RecordReads is false: reads above the public level are NOT recorded (measurement only)");
        else if (options.Value.Measurement != AuditMeasurement.None)
            logger.LogWarning("Audit:Measurement is {Measurement}: reads above the public level are NOT recorded (measurement only)", options.Value.Measurement);
    }

    public AccessProfile PublicProfile => _public;

    public Task RecordAsync(HttpContext context, AccessProfile caller, AuditedRead read) =>
        !_options.Value.RecordReads || !PublicLevel.Exceeded(read, caller, _public) ? Task.CompletedTask : AppendAsync(context, caller, read);

    /// <summary>
    /// An /api view read by an auditor (the editors' view of an EG, an establishment's
    /// timeline): all of it is above the public level (drafts, validators, reasons), so it is
    /// recorded whatever the auditor's profile, as a BALP Read naming the path. The EG's own
    /// editors and validators reading their views are not recorded: they read their own work.
    /// </summary>
    public Task RecordApiReadAsync(HttpContext context)
    {
        if (!_options.Value.RecordReads || !Rights.IsAuditor(Callers.Of(context))) return Task.CompletedTask;
        var path = $"{context.Request.PathBase}{context.Request.Path}";
        return AppendAsync(context, _profiles.For(context), new AuditedRead(AuditedRead.Read, "api", []) { ApiPath = path });
    }

    private async Task AppendAsync(HttpContext context, AccessProfile caller, AuditedRead read)
    {
        var id = Guid.CreateVersion7().ToString();
        // To the millisecond, as the AuditEvent states it and the chain hashes it.
        var now = _clock.GetUtcNow();
        var recorded = Ror.RorDatatypes.Instant(now);
        var who = Callers.Of(context).Client;
        var readContext = new ReadContext(
            who?.Id ?? AnonymousClient, who?.Name, caller,
            context.Connection.RemoteIpAddress?.ToString(),
            context.Connection.LocalIpAddress?.ToString() ?? context.Request.Host.Host,
            context.Request.Headers[RequestIdHeader] is { Count: > 0 } header ? header.ToString() : null);
        // The facts of the AuditEvent, rendered when it is read (CompactAuditRecord): a small row to write.
        var content = CompactAuditRecord.Write(readContext, read);
        await _writer.AppendAsync(new ChainedRecord(
            Kind, id, recorded, readContext.ClientId, "rest", read.Subtype,
            // Each version read, and its resource without version: entity=Location/1 finds every read of it.
            read.Returned.SelectMany(r => new[] { r.VersionedReference, $"{r.Type}/{r.Id}" }).Concat(read.ApiPath is null ? [] : [read.ApiPath]).Distinct().ToList(),
            read.Returned.Select(r => r.Type).Append(read.ResourceType).Where(type => type.Length > 0).Distinct().ToList(),
            content));
    }

    /// <summary>The raw request of a search as BALP's query entity keeps it: method, path and query, and a POST's form body.</summary>
    public static string RawQueryOf(HttpRequest request, IEnumerable<KeyValuePair<string, string>>? form) =>
        $"{request.Method} {request.PathBase}{request.Path}{request.QueryString}"
        + (form is null ? "" : "\n" + string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
}
