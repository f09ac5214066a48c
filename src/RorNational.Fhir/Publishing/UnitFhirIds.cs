using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// The FHIR ids of an EG's units (UO, lieu, pôle, service, UF): opaque, so that an id tells
/// nothing of the unit (an editor's "uo-psy-adultes" would name a sensitive unit to anyone
/// listing ids). A unit's id is derived from the event that first published it: the hash of
/// the stream, that event's id and the editor's id of the unit. Event ids are random (Marten
/// generates them), never served and never change, so the id cannot be guessed from the
/// unit, yet replaying the same events gives the same ids: a rebuild of the projection
/// republishes every unit under the id it had. A unit removed and published again keeps its id.
/// The editor's id stays an identifier of the resource (<see cref="Publication.EditorIdentifier"/>).
/// </summary>
public static class UnitFhirIds
{
    /// <summary>Gives an id to each unit of the EG (and each professional's role, <see cref="PractitionerRoleKeys"/>) that has none yet, from the event that published it.</summary>
    public static void Assign(PublicationState state, IEvent published)
    {
        if (state.EG is not { } eg) return;
        foreach (var key in eg.Fiches.Keys.Concat(PractitionerRoleKeys.In(eg)))
            if (!state.UnitIds.ContainsKey(key))
                state.UnitIds[key] = Of(state.Id, published.Id, key);
    }

    /// <summary>32 hexadecimal digits: 128 bits of a SHA-256 of the stream, the event id and the unit's editor id.</summary>
    public static string Of(string stream, Guid eventId, string ficheId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stream}\n{eventId:N}\n{ficheId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
