using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Dossiers;

[JsonConverter(typeof(NamedEnumConverter<DossierStatus>))]
public enum DossierStatus { Draft, Submitted }

/// <summary>
/// A dossier as stored in the EG snapshot and served by <c>GET /api/establishments/{id}</c>:
/// the shape it had before it was a union (<c>id, status, openedBy, openedAt, drafts</c>), so
/// snapshots stored earlier still load. The status is read wherever it stands in the object
/// (PostgreSQL's jsonb reorders keys, which System.Text.Json's own polymorphism refuses by default).
/// </summary>
internal sealed class DossierJson : JsonConverter<Dossier>
{
    internal sealed record Stored(
        string Id, DossierStatus Status, string OpenedBy, DateTimeOffset OpenedAt, ImmutableSortedDictionary<string, DraftFiche>? Drafts);

    public override Dossier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonSerializer.Deserialize<Stored>(ref reader, options) ?? throw new JsonException("a dossier cannot be null");
        var drafts = (stored.Drafts ?? Dossier.NoDrafts).WithComparers(StringComparer.Ordinal);
        return stored.Status switch
        {
            DossierStatus.Draft => new Dossier.Draft(stored.Id, stored.OpenedBy, stored.OpenedAt, drafts),
            _ => new Dossier.Submitted(stored.Id, stored.OpenedBy, stored.OpenedAt, drafts),
        };
    }

    public override void Write(Utf8JsonWriter writer, Dossier value, JsonSerializerOptions options)
    {
        var status = value is Dossier.Submitted ? DossierStatus.Submitted : DossierStatus.Draft;
        JsonSerializer.Serialize(writer, new Stored(value.Id, status, value.OpenedBy, value.OpenedAt, value.Drafts), options);
    }
}
