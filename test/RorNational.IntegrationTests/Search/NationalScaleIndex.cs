using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Schema;
using Npgsql;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Fills the search index tables with a synthetic offer at a chosen scale: per EG, 3 UO
/// (HealthcareService) and 3 lieux (Location), one EJ per 3 EG, with the value spread of the
/// real directory (500 activities, 35,000 communes, 100 départements...). At 100,000 EG that
/// is the national scale of the issue: 100,000 establishments, 300,000 UO, 300,000 lieux.
/// Only index rows: query plans and timings depend on them, not on the stored JSON.
/// </summary>
public static class NationalScaleIndex
{
    public static async Task FillAsync(string connectionString, string schema, int establishments)
    {
        var n = establishments;
        var s = schema;
        string[] statements =
        [
            // One UO in 50 has no specialty (absent: what :missing=true finds, see the specialty rows).
            $"insert into {s}.fhir_search_resource (resource_type, id, last_updated, sort_name, absent) " +
            $"select 'Organization', 'eg-' || i, now() - i * interval '1 minute', 'etablissement ' || i, '{{}}'::text[] from generate_series(1, {n}) i " +
            $"union all select 'Organization', 'ej-' || i, now() - i * interval '1 minute', 'entite ' || i, '{{}}' from generate_series(1, {n / 3 + 1}) i " +
            $"union all select 'HealthcareService', i || '-uo-' || k, now() - (i * 3 + k) * interval '1 second', w.words[1 + (i + k) % 20] || ' ' || i, " +
            "case when (i + k) % 50 = 1 then '{specialty}'::text[] else '{}' end " +
            $"from generate_series(1, {n}) i, generate_series(1, 3) k, (select array['cardiologie','pneumologie','psychiatrie generale','hebergement permanent','accueil de jour'," +
            "'chirurgie','maternite','pediatrie','geriatrie','soins de suite','reanimation','urgences','neurologie','oncologie','dialyse','radiotherapie'," +
            "'addictologie','soins palliatifs','rhumatologie','dermatologie'] as words) w " +
            $"union all select 'Location', i || '-lieu-' || k, now() - (i * 3 + k) * interval '1 second', 'batiment ' || k || ' site ' || i, '{{}}' from generate_series(1, {n}) i, generate_series(1, 3) k",

            $"insert into {s}.fhir_search_token (resource_type, id, param, system, code, requires) " +
            $"select 'Organization', 'eg-' || i, 'identifier', 'https://finess.esante.gouv.fr', lpad(i::text, 9, '0'), 0 from generate_series(1, {n}) i " +
            $"union all select 'Organization', 'eg-' || i, 'type', 'TRE_R66', (100 + i % 60)::text, 0 from generate_series(1, {n}) i " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'specialty', 'TRE_R211', lpad(((i * 7 + k * 13) % 500)::text, 3, '0'), case when (i + k) % 50 = 0 then 4 else 0 end from generate_series(1, {n}) i, generate_series(1, 3) k where (i + k) % 50 <> 1 " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'characteristic', 'TRE_R213', ((i + k) % 30)::text, 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'service-type', 'TRE_R227', lpad(((i + k) % 10)::text, 2, '0'), 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'identifier', null, '84/' || i || '-uo-' || k, 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'Location', i || '-lieu-' || k, 'commune-cog', 'TRE_R13', lpad(((i * 31 + k) % 35000 + 1000)::text, 5, '0'), 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'Location', i || '-lieu-' || k, 'identifier', null, '1' || lpad(i::text, 9, '0') || '/L' || k, 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            // The source région (TRE_R30) of each lieu, 18 régions: the guide's consultation by région.
            $"union all select 'Location', i || '-lieu-' || k, '_tag', 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM', " +
            "(array['11','24','27','28','32','44','52','53','75','76','84','93','94','01','02','03','04','06'])[1 + i % 18], 0 " +
            $"from generate_series(1, {n}) i, generate_series(1, 3) k",

            // What each resource lacks, visible to all (ClassifiedIndex.AbsenceParam): what :missing=true and negations need.
            $"insert into {s}.fhir_search_token (resource_type, id, param, system, code, requires) " +
            $"select r.resource_type, r.id, '_absence', null, 'content', 0 from {s}.fhir_search_resource r",

            $"insert into {s}.fhir_search_string (resource_type, id, param, normalized, exact, requires) " +
            $"select 'HealthcareService', r.id, 'name', r.sort_name, r.sort_name, 0 from {s}.fhir_search_resource r where r.resource_type = 'HealthcareService' " +
            $"union all select 'Organization', r.id, 'name', r.sort_name, r.sort_name, 0 from {s}.fhir_search_resource r where r.resource_type = 'Organization' " +
            $"union all select 'Location', i || '-lieu-' || k, 'address-postalcode', lpad(((i * 7) % 95 + 1)::text, 2, '0') || lpad((i % 1000)::text, 3, '0'), '', 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'Location', i || '-lieu-' || k, 'address-city', 'commune ' || (i % 30000), '', 0 from generate_series(1, {n}) i, generate_series(1, 3) k",

            $"insert into {s}.fhir_search_number (resource_type, id, param, value, system, code, requires) " +
            $"select 'HealthcareService', i || '-uo-' || k, 'age-range-low', ((i + k) % 4) * 6, 'http://unitsofmeasure.org', 'a', 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'age-range-high', (array[17, 65, 120])[1 + (i + k) % 3], 'http://unitsofmeasure.org', 'a', 0 from generate_series(1, {n}) i, generate_series(1, 3) k",

            $"insert into {s}.fhir_search_reference (resource_type, id, param, target_type, target_id, requires) " +
            $"select 'Organization', 'eg-' || i, 'partof', 'Organization', 'ej-' || (i / 3 + 1), 0 from generate_series(1, {n}) i " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'organization', 'Organization', 'eg-' || i, 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'HealthcareService', i || '-uo-' || k, 'location', 'Location', i || '-lieu-' || k, 0 from generate_series(1, {n}) i, generate_series(1, 3) k " +
            $"union all select 'Location', i || '-lieu-' || k, 'organization', 'Organization', 'eg-' || i, 0 from generate_series(1, {n}) i, generate_series(1, 3) k",

            // Three capacity indicators per lieu (installed, available, occupied: TRE_R330), the
            // beds available in one lieu of 20.
            $"insert into {s}.fhir_search_capacity (resource_type, id, capacity_type, status, temporality, nb_capacity, update_low, update_high, requires) " +
            $"select 'Location', i || '-lieu-' || k, '01', st.status, '01', case when st.status = '02' then case when (i + k) % 20 = 0 then 1 + i % 5 else 0 end else 10 + (i + k) % 20 end, " +
            "now() - interval '1 hour', now() - interval '1 hour', 0 " +
            $"from generate_series(1, {n}) i, generate_series(1, 3) k, (values ('01'), ('02'), ('03')) st(status)",

            $"insert into {s}.fhir_search_position (resource_type, id, param, latitude, longitude, requires) " +
            $"select 'Location', i || '-lieu-' || k, case when k = 3 then 'commune-centroid' else 'near' end, " +
            $"42.3 + ((i * 37 + k * 11) % 1000) * 0.0087, -4.5 + ((i * 53 + k * 17) % 1000) * 0.0125, 0 from generate_series(1, {n}) i, generate_series(1, 3) k",

            $"insert into {s}.fhir_search_text (resource_type, id, document, requires) " +
            $"select r.resource_type, r.id, to_tsvector('french', r.sort_name), 0 from {s}.fhir_search_resource r",

            // The derived tables (each UO's lieu's indicators, the kept counts), in the order a rebuild derives them.
            .. SearchIndexSchema.ObjectsIn(s).OfType<IndexTable>().Where(t => t.Derivation is not null).Select(t => t.Derivation!),

            // As autovacuum would: statistics, and the visibility map that index-only scans need.
            $"vacuum analyze {string.Join(", ", SearchIndexSchema.ObjectsIn(s).OfType<IndexTable>().Select(t => t.QualifiedName))}",
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 1800 };
            await command.ExecuteNonQueryAsync();
        }
    }
}
