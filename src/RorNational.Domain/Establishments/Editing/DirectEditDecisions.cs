using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Editing;

/// <summary>
/// Edits that need no dossier: the content of a published UO, and the establishment's own
/// operational name. Fields owned by FINESS are refused: FINESS is the authority for them.
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
        if (!eg.RequireActive().Fiches.TryGetValue(uoId, out var fiche) || fiche.Type != FicheType.UO)
            throw CommandRejected.Because(RejectionKind.NotFound, $"{uoId} is not a published UO of {eg.Id}");
        if (eg.OpenDossier is { } dossier && dossier.Drafts.ContainsKey(uoId))
            throw CommandRejected.Because(RejectionKind.Conflict,
                $"{uoId} is drafted in dossier {dossier.Id}, whose acceptance replaces it by the draft: change its content " +
                "in that dossier, or here once the dossier is accepted or rejected");
        var checks = new FieldChecks();
        if (content.AgeRange is null) checks.Missing("ageRange");
        foreach (var problem in UOContentChecks.Of(content, terminology)) checks.Add(problem);
        CommandRejected.ThrowIfAny(checks.Problems);
        return Equivalence.Same(fiche.UO!.Content, content) ? [] : [new UOContentEdited(uoId, content, by, now)];
    }

    /// <summary>
    /// Applies a JSON merge patch of EG fields: FINESS-owned ones are refused as a whole (422,
    /// each named), unknown ones too (400), before anything is written. operationalName takes a
    /// non-blank string, or null to remove it.
    /// </summary>
    public static IDomainEvent[] EditEstablishment(EG eg, IReadOnlyDictionary<string, JsonElement> fields, Actor by, DateTimeOffset now)
    {
        eg.RequireActive();
        if (fields.Count == 0) throw CommandRejected.Because(RejectionKind.Invalid, "names no field to change");
        var refused = fields.Keys.Where(FinessOwnedFields.Contains)
            .Select(f => new Problem("is owned by FINESS, the national register; it changes only through a FINESS import", f))
            .ToList();
        if (refused.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, refused);
        var unknown = fields.Keys.Where(f => !f.Equals("operationalName", StringComparison.OrdinalIgnoreCase))
            .Select(f => new Problem("is not an editable field of an establishment (editable: operationalName)", f))
            .ToList();
        if (unknown.Count > 0) throw new CommandRejected(RejectionKind.Invalid, unknown);
        if (fields.Count > 1) throw CommandRejected.Because(RejectionKind.Invalid, "is named more than once", "operationalName");
        var (field, value) = fields.Single();
        var name = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => throw CommandRejected.Because(RejectionKind.Invalid, "must be a string, or null to remove it", field),
        };
        if (name is not null) CommandRejected.ThrowIfAny(new FieldChecks().Required(name, field).Problems);
        return name == eg.OperationalName ? [] : [new EGOperationalNameChanged(name, by, now)];
    }
}
