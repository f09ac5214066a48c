namespace RorNational.Fhir.Reading.History;

/// <summary>Whose versions a history lists: every resource's, one type's, or one resource's.</summary>
public sealed record HistoryScope(string? Type, string? Id)
{
    public static readonly HistoryScope System = new(null, null);

    public static HistoryScope OfType(string type) => new(type, null);

    public static HistoryScope OfResource(string type, string id) => new(type, id);

    public bool IsInstance => Id is not null;

    /// <summary>The path of the history under /fhir.</summary>
    public string Path => Type is null ? "_history" : Id is null ? $"{Type}/_history" : $"{Type}/{Id}/_history";
}
