using Marten;

namespace RorNational.Fhir.Search.Indexing.Prices;

/// <summary>
/// Writes the price index (fhir_search_price, <see cref="SearchIndexSchema"/>): one row per price
/// of an Organization, set-based, in the projection batch's transaction. The rows of a
/// republished Organization went with its other index rows (<see cref="SearchIndexWriter"/>).
/// </summary>
public static class PriceIndexWriter
{
    public static void Insert(IDocumentOperations operations, IReadOnlyList<PriceRow> rows)
    {
        if (rows.Count == 0) return;
        var schema = IndexWriteTarget.SchemaOf(operations);
        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_price (resource_type, id, price_type, unit, amount, start_low, start_high, " +
            "residential_type, dependency_level, welcome_type, special_price, requires) " +
            "select 'Organization', * from unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::timestamptz[], ?::timestamptz[], " +
            "?::text[], ?::text[], ?::text[], ?::text[], ?::integer[])",
            rows.Select(r => r.OrganizationId).ToArray(), rows.Select(r => r.Type).ToArray(), rows.Select(r => r.Unit).ToArray(),
            rows.Select(r => r.Amount).ToArray(), rows.Select(r => Utc(r.StartLow)).ToArray(), rows.Select(r => Utc(r.StartHigh)).ToArray(),
            rows.Select(r => r.ResidentialType).ToArray(), rows.Select(r => r.DependencyLevel).ToArray(),
            rows.Select(r => r.WelcomeType).ToArray(), rows.Select(r => r.SpecialPrice).ToArray(),
            rows.Select(r => (int)r.Requires).ToArray());
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc), TimeSpan.Zero) : null;
}
