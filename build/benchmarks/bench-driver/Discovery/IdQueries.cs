using Npgsql;

namespace Bench.Discovery;

/// <summary>
/// The SQL that finds the ids: documents not retired, index rows as the publication wrote them.
/// Orders are by md5(id), so a given database always yields the same ids, spread over it.
/// </summary>
public static class IdQueries
{
    /// <summary>A lieu's zone identifier (idExterneSynchro: "1" + the EG's FINESS + "/" + code) when it holds beds or no capacity yet.</summary>
    // A retired Location has no index rows (its rows go when it is retired): the index alone says which
    // are published. Joined to the document table as well (text against varchar, no index usable), the
    // query took over 600 s after a rebuild that left the planner expecting two rows.
    private const string BedZones = """
        select t.code, o.target_id
        from ror.fhir_search_token t
        join ror.fhir_search_reference o on o.resource_type = 'Location' and o.id = t.id and o.param = 'organization'
        where t.resource_type = 'Location' and t.param = 'identifier' and coalesce(t.system, '') = ''
          and t.code ~ '^1[0-9][0-9AB][0-9]{7}/'
          and not exists (select 1 from ror.fhir_search_capacity c where c.resource_type = 'Location' and c.id = t.id and c.capacity_type <> '01')
        """;

    public static async Task<Ids> FindAsync(string connectionString, int perKind)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        var reads = new List<ResourceId>();
        foreach (var (type, table) in new[] { ("Organization", "organizationdocument"), ("HealthcareService", "healthcareservicedocument"), ("Location", "locationdocument") })
            reads.AddRange((await Column(data, $"select id from ror.mt_doc_{table} where not coalesce((data->>'Retired')::boolean, false) order by md5(id) limit {perKind}"))
                .Select(id => new ResourceId(type, id)));
        var regions = await Column(data, """
            select code from ror.fhir_search_token
            where resource_type = 'Location' and param = '_tag' and system like '%TRE_R30-RegionOM%'
            group by code order by count(*) desc
            """);
        var offers = await Rows(data, $"""
            select s.system, s.code, (select min(n.value)::int from ror.fhir_search_number n where n.resource_type = 'HealthcareService' and n.id = s.id and n.param = 'age-range-low'), p.normalized
            from ror.fhir_search_token s
            join ror.fhir_search_reference l on l.resource_type = 'HealthcareService' and l.id = s.id and l.param = 'location'
            join ror.fhir_search_string p on p.resource_type = 'Location' and p.id = l.target_id and p.param = 'address-postalcode'
            where s.resource_type = 'HealthcareService' and s.param = 'specialty'
            order by md5(s.id || s.code) limit {perKind}
            """, r => new OfferCriteria(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetString(3)));
        offers.RemoveAll(o => o.Age is null);
        var trees = await Column(data, $"""
            with recursive up as (
              select r.target_id as org, r.id as hs from ror.fhir_search_reference r where r.resource_type = 'HealthcareService' and r.param = 'organization'
              union
              select p.target_id, u.hs from up u join ror.fhir_search_reference p on p.resource_type = 'Organization' and p.param = 'partof' and p.id = u.org)
            select substr(org, 4) from up where org like 'ej-%' group by org order by count(*) desc, org limit {perKind}
            """);
        var zones = await Rows(data, BedZones + " order by md5(t.code)", r => (Zone: r.GetString(0), Eg: r.GetString(1)));
        var described = zones.GroupBy(z => z.Eg).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault() is { } eg
            ? new DescribedEstablishment(eg.Key, eg.Key[3..], [.. eg.Select(z => z.Zone).Take(10)])
            : null;
        var events = (long)(await Column(data, "select count(*)::text from ror.mt_events")).Select(long.Parse).Single();
        return new Ids(reads, regions, offers, trees, [.. zones.Select(z => z.Zone)], described, events);
    }

    private static Task<List<string>> Column(NpgsqlDataSource data, string sql) => Rows(data, sql, r => r.GetString(0));

    private static async Task<List<T>> Rows<T>(NpgsqlDataSource data, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = data.CreateCommand(sql);
        // The planner's estimates for these joins over the index tables move with each ANALYZE:
        // after a rebuild the bed-zone query took 17 s instead of under 1 (a nested loop), past Npgsql's 30 s default once the cache was cold.
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
