using System.Text.Json;

namespace RorNational.Finess.Structures;

// The part of the FINESS Structures schema v1 (ansforge/finess,
// flux/out/data.gouv/structure/schema/schema-structures-v1.json) that carries the
// administrative data of EJ and EG. Every value in the flux is a string; names match the
// schema's case-insensitively.

internal sealed record PmejEntry(
    PmejInformation? InformationsGeneralesPMEJ,
    List<EgeEntry>? Ege,
    string? EtatObjet,
    // Only in FINESS Activités, whose pmej entries look alike: tells the two datasets apart.
    JsonElement? ActivitesAutorisees);

internal sealed record PmejInformation(string? NumFinessPm, string? DenominationPm, string? DenominationLonguePmSmsse,
    string? Siren, string? StatutJuridique);

internal sealed record EgeEntry(
    EgeInformation? InformationsGeneralesEGE,
    string? CategorieentiteGeographiqueExercice,
    List<StructureAddress>? Adresse,
    List<StructureContact>? Contact,
    string? EtatObjet);

internal sealed record EgeInformation(string? NumFinessEge, string? NomEgeCourt, string? NomEgeLong, string? Siret,
    string? DateOuverture, List<string>? Espic);

internal sealed record StructureAddress(string? UsageAdresse, string? NumeroVoie, string? TypeVoie, string? LibelleVoie,
    string? ComplementVoie, string? ComplementPointGeographique, string? LieuDit, string? CogCommune,
    string? LigneAcheminement, string? CodePostal, GeographicCoordinates? CoordonneesGeographique);

internal sealed record GeographicCoordinates(string? DirectionLatitude, string? DirectionLongitude);

internal sealed record StructureContact(ContactType? TypeContact, Telecom? Telecom);

internal sealed record ContactType(string? RoleContact);

internal sealed record Telecom(string? Telephone, string? Telecopie);

internal static class StructuresJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
