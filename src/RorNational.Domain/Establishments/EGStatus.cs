using System.Text.Json;
using System.Text.Json.Serialization;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments;

/// <summary>
/// Where an EG stands in FINESS: <see cref="Active"/>, or <see cref="Closed"/> since a full
/// extract left it out, until an extract lists it again. A closed EG takes no change to its
/// description; only FINESS imports still change (and reopen) it.
/// </summary>
[JsonConverter(typeof(EGStatusJson))]
public abstract record EGStatus
{
    private EGStatus()
    {
    }

    public sealed record Active : EGStatus;

    /// <param name="Reason">Why FINESS closed it, as <see cref="Editing.EGClosed"/> tells.</param>
    public sealed record Closed(string Reason, Actor By, DateTimeOffset At) : EGStatus
    {
        /// <summary>Closures read from snapshots stored before the status carried them.</summary>
        public static readonly Closed NotRecorded = new("reason not recorded", Actor.System, DateTimeOffset.MinValue);

        /// <summary>Why a change of <paramref name="egId"/> is refused, for the refusal's message.</summary>
        public string Describe(string egId) => At == DateTimeOffset.MinValue
            ? $"{egId} is closed in FINESS; it takes no change until a FINESS import lists it again"
            : $"{egId} was closed by FINESS on {At:yyyy-MM-dd} ({Reason}); it takes no change until a FINESS import lists it again";
    }
}

/// <summary>
/// The status as stored and served: <c>{"state": "Closed", "reason": ..., "by": ..., "at": ...}</c>,
/// the state read wherever it stands in the object (PostgreSQL's jsonb reorders keys, which
/// System.Text.Json's own polymorphism does not accept by default).
/// </summary>
internal sealed class EGStatusJson : JsonConverter<EGStatus>
{
    [JsonConverter(typeof(NamedEnumConverter<EGState>))]
    internal enum EGState { Active, Closed }

    internal sealed record Stored(
        EGState State,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Actor? By = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At = null);

    public override EGStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonSerializer.Deserialize<Stored>(ref reader, options) ?? throw new JsonException("an EG status cannot be null");
        return stored.State switch
        {
            EGState.Active => new EGStatus.Active(),
            _ => new EGStatus.Closed(
                stored.Reason ?? EGStatus.Closed.NotRecorded.Reason, stored.By ?? Actor.System, stored.At ?? DateTimeOffset.MinValue),
        };
    }

    public override void Write(Utf8JsonWriter writer, EGStatus value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value switch
        {
            EGStatus.Closed closed => new Stored(EGState.Closed, closed.Reason, closed.By, closed.At),
            _ => new Stored(EGState.Active),
        }, options);
}
