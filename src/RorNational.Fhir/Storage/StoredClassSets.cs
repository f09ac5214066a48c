using System.Text.Json;
using System.Text.Json.Serialization;
using RorNational.Fhir.Access;

namespace RorNational.Fhir.Storage;

/// <summary>The class sets of a stored resource or version, read from their JSON text in a raw SQL row.</summary>
public static class StoredClassSets
{
    /// <summary>The store writes enums by name (older rows by number): both are read.</summary>
    private static readonly JsonSerializerOptions StoredEnums = new() { Converters = { new JsonStringEnumConverter() } };

    public static DataClass[] Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<DataClass[]>(json, StoredEnums) ?? [];
}
