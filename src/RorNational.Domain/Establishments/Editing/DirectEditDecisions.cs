using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Editing;

/// <summary>
/// Edits that need no dossier: the content of a published UO or lieu, and the establishment's
/// own fields (operational name, description). Fields owned by FINESS are refused: FINESS is the authority for them.
/// A closed EG refuses both; a UO its open dossier drafts changes only through that dossier.
/// </summary>
public static class DirectEditDecisions
{
    /// <summary>EG fields that only FINESS changes (their JSON names).</summary>
    public static readonly IReadOnlySet<string> FinessOwnedFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "finess", "ejFiness", "name", "longName", "address", "siret", "category", "categoryAggregate",
        "publicServiceParticipation", "phone", "fax", "openingDate", "coordinates",
    };

    /// <summary>
    /// Replaces the content of a published UO. A UO the open dossier drafts (changed, moved or
    /// removed) is refused with 409 naming the dossier: accepting it publishes the drafted
    /// fiche whole, which would silently undo this edit.
    /// </summary>
    public static IDomainEvent[] EditContent(EG eg, string uoId, UOContent content, Terminology terminology, Actor by, DateTimeOffset now)
    {
        var fiche = EditableFiche(eg, uoId, FicheType.UO, "UO");
        var checks = new FieldChecks();
        if (content.AgeRange is null) checks.Missing("ageRange");
        foreach (var problem in UOContentChecks.Of(content, terminology)) checks.Add(problem);
        CommandRejected.ThrowIfAny(checks.Problems);
        return Equivalence.Same(fiche.UO!.Content, content) ? [] : [new UOContentEdited(uoId, content, by, now)];
    }

    /// <summary>
    /// Replaces the content of a published lieu (<see cref="LieuContent"/>), refused as a UO's is
    /// when the open dossier drafts the lieu: its acceptance would publish the drafted fiche whole.
    /// </summary>
    public static IDomainEvent[] EditLieuContent(EG eg, string lieuId, LieuContent content, Terminology terminology, Actor by, DateTimeOffset now)
    {
        var fiche = EditableFiche(eg, lieuId, FicheType.Lieu, "lieu");
        var lieu = fiche.Lieu ?? new LieuDescription();
        CommandRejected.ThrowIfAny(LieuContentChecks.Of(content.AppliedTo(lieu), terminology));
        return Equivalence.Same(LieuContent.Of(lieu), content) ? [] : [new LieuContentEdited(lieuId, content, by, now)];
    }

    /// <summary>
    /// The published fiche of that type whose content an editor changes directly: 404 when there
    /// is none, 409 naming the dossier when the open dossier drafts it.
    /// </summary>
    private static Fiche EditableFiche(EG eg, string id, FicheType type, string name)
    {
        if (!eg.RequireActive().Fiches.TryGetValue(id, out var fiche) || fiche.Type != type)
            throw CommandRejected.Because(RejectionKind.NotFound, $"{id} is not a published {name} of {eg.Id}");
        if (eg.OpenDossier is { } dossier && dossier.Drafts.ContainsKey(id))
            throw CommandRejected.Because(RejectionKind.Conflict,
                $"{id} is drafted in dossier {dossier.Id}, whose acceptance replaces it by the draft: change its content " +
                "in that dossier, or here once the dossier is accepted or rejected");
        return fiche;
    }

    /// <summary>
    /// Applies a JSON merge patch of EG fields: FINESS-owned ones are refused as a whole (422,
    /// each named), unknown ones too (400), then every value is checked (400, each named) before
    /// anything is written. operationalName takes a non-blank string, or null to remove it; the
    /// description fields (<see cref="EGDescriptionPatch.Fields"/>) follow merge-patch semantics
    /// and their bounds (<see cref="EGDescriptionChecks"/>). A patch that changes nothing records nothing.
    /// </summary>
    public static IDomainEvent[] EditEstablishment(EG eg, IReadOnlyDictionary<string, JsonElement> fields, Terminology terminology, Actor by, DateTimeOffset now)
    {
        eg.RequireActive();
        if (fields.Count == 0) throw CommandRejected.Because(RejectionKind.Invalid, "names no field to change");
        var refused = fields.Keys.Where(FinessOwnedFields.Contains)
            .Select(f => new Problem("is owned by FINESS, the national register; it changes only through a FINESS import", f))
            .ToList();
        if (refused.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, refused);
        var editable = EditableFields.ToDictionary(f => f, StringComparer.OrdinalIgnoreCase);
        var unknown = fields.Keys.Where(f => !editable.ContainsKey(f))
            .Select(f => new Problem($"is not an editable field of an establishment (editable: {string.Join(", ", EditableFields)})", f))
            .ToList();
        if (unknown.Count > 0) throw new CommandRejected(RejectionKind.Invalid, unknown);
        var named = fields.GroupBy(f => editable[f.Key]).ToList();
        var repeated = named.Where(g => g.Count() > 1).Select(g => new Problem("is named more than once", g.Key)).ToList();
        if (repeated.Count > 0) throw new CommandRejected(RejectionKind.Invalid, repeated);
        var values = named.ToDictionary(g => g.Key, g => g.Single().Value);

        var checks = new FieldChecks();
        var name = eg.OperationalName;
        if (values.Remove("operationalName", out var nameValue))
        {
            name = nameValue.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => nameValue.GetString(),
                _ => throw CommandRejected.Because(RejectionKind.Invalid, "must be a string, or null to remove it", "operationalName"),
            };
            if (name is not null) checks.Required(name, "operationalName");
        }
        var (description, problems) = EGDescriptionPatch.Apply(eg.Description, values);
        foreach (var problem in problems) checks.Add(problem);
        if (problems.Count == 0)
            foreach (var problem in EGDescriptionChecks.Of(description, terminology).Where(p => values.Keys.Any(f => p.Field?.StartsWith(f) == true)))
                checks.Add(problem);
        CommandRejected.ThrowIfAny(checks.Problems);

        var events = new List<IDomainEvent>();
        if (name != eg.OperationalName) events.Add(new EGOperationalNameChanged(name, by, now));
        if (!Equivalence.Same(description, eg.Description)) events.Add(new EGDescriptionChanged(description, by, now));
        return [.. events];
    }

    /// <summary>The EG fields an editor changes directly, by JSON name.</summary>
    public static IReadOnlyList<string> EditableFields { get; } = ["operationalName", .. EGDescriptionPatch.Fields];
}
