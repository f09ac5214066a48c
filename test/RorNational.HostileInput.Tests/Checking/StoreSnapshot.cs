using Npgsql;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>
/// What a refused request must leave as it was: the offer's event streams (their versions, and
/// the highest event sequence outside FINESS import bookkeeping), every Marten document
/// (count and versions per table), FHIR resources included, the resources' versions (their
/// own table, fhir_resource_version: count and keys), the lieux' figures (availability_figures:
/// every row) and the Provenance records (provenance_record: count and ids). A FINESS
/// import's own report and stream are left out: an accepted import records itself. So are
/// Marten's tombstones (mt_tombstone), which it appends, in the background, for the event
/// sequence numbers a failed transaction had reserved: nothing is stored by them.
/// </summary>
public sealed record StoreSnapshot(long LastOfferEvent, string Streams, IReadOnlyDictionary<string, string> Documents)
{
    private static readonly string[] Bookkeeping = ["mt_doc_finessimport", "mt_doc_establishmenttimeline"];

    private const string Versions = RorNational.Fhir.Storage.ResourceVersionTable.Name;
    private const string Figures = RorNational.Fhir.Availability.Figures.AvailabilityFiguresTable.Name;
    private const string Provenances = RorNational.Fhir.Provenances.ProvenanceRecordTable.Name;

    public static async Task<StoreSnapshot> TakeAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = @schema and table_name like 'mt_doc_%' order by 1", connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var documents = tables.Where(t => !Bookkeeping.Any(t.StartsWith)).Select(t =>
            $"select '{t}', count(*)::text || ':' || coalesce(md5(string_agg(id::text || '@' || mt_version::text, ',' order by id)), '') from {schema}.{t}");
        var sql = string.Join(" union all ", [
            $"select 'events', coalesce(max(seq_id), 0)::text from {schema}.mt_events where stream_id not like 'finess-import-%' and stream_id <> 'mt_tombstone'",
            $"select 'streams', count(*)::text || ':' || coalesce(md5(string_agg(id || '@' || version, ',' order by id)), '') from {schema}.mt_streams where id not like 'finess-import-%' and id <> 'mt_tombstone'",
            $"select '{Versions}', count(*)::text || ':' || coalesce(md5(string_agg(resource_type || '/' || resource_id || '@' || version, ',' " +
            $"order by resource_type, resource_id, version)), '') from {schema}.{Versions}",
            $"select '{Figures}', count(*)::text || ':' || coalesce(md5(string_agg(f::text, ',' order by f.id)), '') from {schema}.{Figures} f",
            $"select '{Provenances}', count(*)::text || ':' || coalesce(md5(string_agg(p.id, ',' order by p.id)), '') from {schema}.{Provenances} p",
            .. documents]);
        var values = new Dictionary<string, string>();
        await using (var query = new NpgsqlCommand(sql, connection))
        await using (var reader = await query.ExecuteReaderAsync())
            while (await reader.ReadAsync()) values[reader.GetString(0)] = reader.GetString(1);
        return new StoreSnapshot(long.Parse(values["events"]), values["streams"],
            values.Where(v => v.Key.StartsWith("mt_doc_", StringComparison.Ordinal) || v.Key is Versions or Figures or Provenances).ToDictionary());
    }

    /// <summary>What differs from an earlier snapshot, in words; empty when nothing does.</summary>
    public IReadOnlyList<string> ChangesSince(StoreSnapshot before)
    {
        var changes = new List<string>();
        if (LastOfferEvent != before.LastOfferEvent) changes.Add($"events appended (sequence {before.LastOfferEvent} -> {LastOfferEvent})");
        if (Streams != before.Streams) changes.Add("stream versions changed");
        changes.AddRange(Documents.Where(d => !before.Documents.TryGetValue(d.Key, out var old) || old != d.Value)
            .Select(d => $"{d.Key} changed ({(before.Documents.TryGetValue(d.Key, out var old) ? old.Split(':')[0] : "0")} -> {d.Value.Split(':')[0]} rows)"));
        return changes;
    }
}
