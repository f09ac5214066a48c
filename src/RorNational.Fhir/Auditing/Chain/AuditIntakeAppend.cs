using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// The server-side half of a group commit: <c>audit_intake_append</c> inserts a batch of records
/// into the intake (<see cref="AuditIntakeTable"/>) in the statement's own transaction, in the
/// order given, after setting the transaction's <c>synchronous_commit</c>; a flush is one round
/// trip. A Weasel function registered with Marten, so <c>db-apply</c>, <c>db-patch</c> and
/// <c>db-assert</c> know it.
/// </summary>
public static class AuditIntakeAppend
{
    public const string Name = "audit_intake_append";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    /// <summary>The call, with its 2 parameters (always the same text: prepared once per connection).</summary>
    public static string Call(string schema) => $"select {QualifiedName(schema)}($1, $2)";

    public static ISchemaObject In(string schema) => new Function(
        new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.Function), Body(schema));

    // Written as pg_get_functiondef prints it, so that db-assert finds it unchanged.
    private static string Body(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{QualifiedName(schema)}}(intake_records text[], wait_for_disk boolean)
         RETURNS void
         LANGUAGE plpgsql
        AS $function$
        BEGIN
            PERFORM set_config('synchronous_commit', CASE WHEN wait_for_disk THEN 'on' ELSE 'off' END, true);
            INSERT INTO {{AuditIntakeTable.QualifiedName(schema)}} (record)
                SELECT given.record FROM unnest(intake_records) WITH ORDINALITY AS given(record, ordinal) ORDER BY given.ordinal;
        END;
        $function$;
        """;
}
