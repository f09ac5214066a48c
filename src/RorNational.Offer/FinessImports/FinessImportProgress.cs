using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// The order of an import's batches, whose SQL runs side by side: each batch's transaction first
/// takes a lock of its own (<see cref="HoldTurn"/>, the import and the batch's number), and its last
/// statements wait for the lock of the batch before (<see cref="AwaitTurn"/>, released when that
/// transaction ends), then store the progress: <c>finess_import_progress</c> replaces the import's
/// report only if it is still running and says the entries committed before this batch. A report
/// that says otherwise (the batch before failed, or another run moved the import on) fails the
/// batch with <see cref="MovedOnCode"/>. The function is a Weasel schema object registered with
/// Marten, so <c>db-apply</c>, <c>db-patch</c> and <c>db-assert</c> know it.
/// </summary>
public static class FinessImportProgress
{
    public const string Name = "finess_import_progress";

    /// <summary>The SQLSTATE of a report that no longer says the entries committed before the batch.</summary>
    public const string MovedOnCode = "RN409";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    /// <summary>The call, for Marten's <c>QueueSqlCommand</c>: the import's id, the entries committed before the batch, the report as JSON.</summary>
    public static string Call(string schema) => $"select {QualifiedName(schema)}(?, ?, ?::jsonb)";

    /// <summary>The lock of batch number N of an import (parameters: the import's id, N), held until its transaction ends.</summary>
    public const string HoldTurn = "select count(*) from pg_advisory_xact_lock(hashtext(?), ?)";

    /// <summary>Waits for the transaction of batch N - 1 to end (parameters: the import's id, N - 1).</summary>
    public const string AwaitTurn = "select pg_advisory_xact_lock(hashtext(?), ?)";

    /// <summary>Whether a batch failed because the report had moved on.</summary>
    public static bool MovedOn(Exception exception) => exception switch
    {
        PostgresException { SqlState: MovedOnCode } => true,
        _ => exception.InnerException is { } inner && MovedOn(inner),
    };

    public static ISchemaObject In(string schema) => new Function(
        new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.Function), Body(schema));

    // Written as pg_get_functiondef prints it, so that db-assert finds it unchanged.
    private static string Body(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{QualifiedName(schema)}}(import_id character varying, committed_before bigint, report jsonb)
         RETURNS void
         LANGUAGE plpgsql
        AS $function$
        BEGIN
            UPDATE {{schema}}.mt_doc_finessimport
                SET data = report, mt_last_modified = transaction_timestamp(), mt_version = gen_random_uuid()
                WHERE id = import_id AND data ->> 'Status' = 'Running' AND (data ->> 'EntriesCommitted')::bigint = committed_before;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'FINESS import % has moved on: its batch before failed, or another run committed this one', import_id
                    USING ERRCODE = '{{MovedOnCode}}';
            END IF;
        END;
        $function$;
        """;
}
