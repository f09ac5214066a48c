using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// The server-side half of a group commit: <c>audit_chain_append</c> appends a batch of records
/// to the chain in the statement's own transaction, so a flush is one round trip. It sets the
/// transaction's <c>synchronous_commit</c>, takes the chain's advisory lock (nodes append one
/// batch after the other), reads the last link, then for each record in order chains its hash
/// (<c>sha256(previous hash || position || digest)</c>, the digest of its columns computed by
/// the writer: <see cref="ChainHash"/>) and inserts it. Returns the position of the batch's
/// first record. Records are given as parallel arrays; the entity arrays of every record are
/// given one after the other, with their lengths. A Weasel function registered with Marten, so
/// <c>db-apply</c>, <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
public static class AuditChainAppend
{
    public const string Name = "audit_chain_append";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    /// <summary>The call, with its 13 parameters in order (always the same text: prepared once per connection).</summary>
    public static string Call(string schema) => $"select {QualifiedName(schema)}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

    public static ISchemaObject In(string schema) => new Function(
        new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.Function), Body(schema));

    // Written as pg_get_functiondef prints it, so that db-assert finds it unchanged.
    private static string Body(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{QualifiedName(schema)}}(record_kinds text[], record_ids text[], record_times timestamp with time zone[], record_agents text[], record_types text[], record_subtypes text[], record_entities text[], entity_counts integer[], record_entity_types text[], entity_type_counts integer[], record_contents text[], record_digests bytea[], wait_for_disk boolean)
         RETURNS bigint
         LANGUAGE plpgsql
        AS $function$
        DECLARE
            last_position bigint;
            last_hash bytea;
            next_hash bytea;
            entity_from integer := 1;
            type_from integer := 1;
        BEGIN
            PERFORM set_config('synchronous_commit', CASE WHEN wait_for_disk THEN 'on' ELSE 'off' END, true);
            PERFORM pg_advisory_xact_lock({{ChainWriter.ChainLock}});
            SELECT chain.position, chain.hash INTO last_position, last_hash
              FROM {{AuditChainTable.QualifiedName(schema)}} chain ORDER BY chain.position DESC LIMIT 1;
            IF last_position IS NULL THEN
                last_position := 0;
                last_hash := decode(repeat('00', 32), 'hex');
            END IF;
            FOR i IN 1 .. cardinality(record_ids) LOOP
                next_hash := sha256(last_hash || int8send(last_position + i) || record_digests[i]);
                INSERT INTO {{AuditChainTable.QualifiedName(schema)}}
                    (position, kind, id, recorded, agent, type, subtype, entities, entity_types, content, previous_hash, hash)
                VALUES (last_position + i, record_kinds[i], record_ids[i], record_times[i], record_agents[i], record_types[i], record_subtypes[i],
                    coalesce(record_entities[entity_from : entity_from + entity_counts[i] - 1], '{}'),
                    coalesce(record_entity_types[type_from : type_from + entity_type_counts[i] - 1], '{}'),
                    record_contents[i], last_hash, next_hash);
                entity_from := entity_from + entity_counts[i];
                type_from := type_from + entity_type_counts[i];
                last_hash := next_hash;
            END LOOP;
            RETURN last_position + 1;
        END;
        $function$;
        """;
}
