using Npgsql;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// The streams whose resources an <c>Organization/{id}/$export</c> holds: an EG's own stream
/// (the EG, its pôles, services, UF, UO, lieux and professionals' roles), or an EJ's stream and
/// those of its EGs. Read in the export's snapshot.
/// </summary>
public static class ExportScope
{
    public static async Task<string[]> StreamsAsync(string publicationStates, string organizationId, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        if (EstablishmentIds.FinessOfEG(organizationId) is not null) return [organizationId];
        var ejFiness = organizationId["ej-".Length..];
        await using var command = new NpgsqlCommand(EGsOfEJ(publicationStates), transaction.Connection, transaction)
        {
            Parameters = { new() { Value = ejFiness } },
        };
        var streams = new List<string> { organizationId };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) streams.Add(reader.GetString(0));
        return [.. streams];
    }

    /// <summary>The EG streams of the EJ whose FINESS is $1, through the index on the EG's EJ (FhirModule: PublicationState).</summary>
    public static string EGsOfEJ(string publicationStates) =>
        $"select id from {publicationStates} where data -> 'EG' -> 'Data' ->> 'EJFiness' = $1 order by id";

    public static CommandRejected NotAnEstablishment(string organizationId) => CommandRejected.Because(RejectionKind.BusinessRule,
        $"Organization/{organizationId} is a unit of an establishment: $export at the Organization level takes an EJ (ej-<FINESS>) or an EG (eg-<FINESS>)");
}
