using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Serving;
using RorNational.Fhir.Http;
using RorNational.Fhir.Search.Querying;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Provenances.Serving;

/// <summary>
/// The Provenance of writes, for auditor clients only (others: 403), served from the audit
/// chain (what is served is what is chained) once chained (<see cref="ProvenanceChaining"/>),
/// under the auditor's own profile (<see cref="ProvenanceRedaction"/>). No route changes them:
/// PUT, PATCH, DELETE and POST are 405.
/// </summary>
public static class ProvenanceEndpoints
{
    [WolverineGet("/fhir/Provenance/{id}")]
    public static async Task ReadProvenance(string id, HttpContext context, IDocumentStore store, AccessProfiles profiles, ChainLinker linker)
    {
        AuditorsOnly(context);
        // Ids are UUIDs: anything else is not known, and never reaches the database.
        if (!Guid.TryParse(id, out _)) throw NotKnown(id);
        await linker.CatchUpAsync(context.RequestAborted);
        var query = new SqlQuery();
        query.Append($"select a.content, p.target_classes{From(store)} where a.kind = {query.Add(ProvenanceRecord.Kind)} and a.id = {query.Add(id)}");
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var command = query.ToCommand(connection, null);
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        if (!await reader.ReadAsync(context.RequestAborted)) throw NotKnown(id);
        var content = ProvenanceRedaction.ForProfile(reader.GetString(0), reader.GetFieldValue<int[]>(1), profiles.For(context)) ?? throw NotKnown(id);
        context.Response.Headers.ETag = "W/\"1\"";
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, content, FhirFormat.Of(context.Request));
    }

    [WolverineGet("/fhir/Provenance")]
    public static async Task SearchProvenance(HttpContext context, IDocumentStore store, AccessProfiles profiles, ChainLinker linker)
    {
        AuditorsOnly(context);
        await linker.CatchUpAsync(context.RequestAborted);
        var request = context.Request;
        var profile = profiles.For(context);
        var (chain, records) = Tables(store);
        var parsed = ProvenanceQuery.Parse(request.Query, chain, records, profile);
        var page = await ChainPage.ReadAsync(store, parsed, () => ProvenanceQuery.Parse(request.Query, chain, records, profile).Where,
            "a.content, p.target_classes",
            reader => ProvenanceRedaction.ForProfile(reader.GetString(2), reader.GetFieldValue<int[]>(3), profile)!, context.RequestAborted);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        var bundle = AuditEventBundle.Write(page.Rows.Select(r => (r.Id, r.Content)).ToList(), page.Total, baseUrl,
            ChainPage.Link($"{baseUrl}/Provenance", request, null),
            page.NextBefore is { } next ? ChainPage.Link($"{baseUrl}/Provenance", request, next) : null, ProvenanceRecord.Kind);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, bundle, FhirFormat.Of(request));
    }

    private static (string Chain, string Records) Tables(IDocumentStore store) => (
        AuditChainTable.QualifiedName(store.Options.DatabaseSchemaName),
        ProvenanceRecordTable.QualifiedName(store));

    private static string From(IDocumentStore store)
    {
        var (chain, records) = Tables(store);
        return $" from {chain} a join {records} p on p.id = a.id";
    }

    private static CommandRejected NotKnown(string id) => CommandRejected.Because(RejectionKind.NotFound, $"Provenance/{id} is not known");

    private static void AuditorsOnly(HttpContext context)
    {
        if (!Rights.IsAuditor(Callers.Of(context))) throw Rights.Refusal();
    }
}
