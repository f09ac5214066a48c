using System.Text.Json;
using System.Text.Json.Serialization;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// A <see cref="ChainedRecord"/> as the intake stores it (<see cref="AuditIntakeTable"/>): JSON,
/// every field kept exactly (strings as given, the instant with its ticks), so that the record the
/// linker reads back hashes as the one handed over.
/// </summary>
public static class IntakeRecord
{
    public static string Write(ChainedRecord record) => JsonSerializer.Serialize(record, IntakeJson.Default.ChainedRecord);

    public static ChainedRecord Read(string json) =>
        JsonSerializer.Deserialize(json, IntakeJson.Default.ChainedRecord) ?? throw new JsonException("an empty intake record");

    /// <summary>The kind of a row the linker could not read (altered in SQL): chained as found, its text the content.</summary>
    public const string UnreadableKind = "UnreadableIntake";

    /// <summary>
    /// The record of an intake row, or, for a row that is not one (not JSON, a field missing or
    /// null), a record of kind <see cref="UnreadableKind"/> holding the row's text: chained rather
    /// than dropped (the chain keeps the evidence) or left to block every link after it.
    /// </summary>
    public static ChainedRecord ReadOrKeep(long seq, string json, DateTimeOffset now)
    {
        try
        {
            var record = Read(json);
            if (new[] { record.Kind, record.Id, record.Agent, record.Type, record.Subtype, record.Content }.All(v => v is not null)
                && record.Entities?.All(e => e is not null) == true && record.EntityTypes?.All(e => e is not null) == true)
                return record;
        }
        catch (JsonException)
        {
        }
        return new ChainedRecord(UnreadableKind, $"intake-{seq}", Ror.RorDatatypes.Instant(now), "", "", "", [], [], json);
    }
}

[JsonSerializable(typeof(ChainedRecord))]
internal sealed partial class IntakeJson : JsonSerializerContext;
