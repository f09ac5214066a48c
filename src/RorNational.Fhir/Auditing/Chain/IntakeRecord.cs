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
}

[JsonSerializable(typeof(ChainedRecord))]
internal sealed partial class IntakeJson : JsonSerializerContext;
