using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Locations;

/// <summary>
/// What a lieu holds beyond its address, where the guide's ror-location puts it: status,
/// description, aliases, telecoms (each with its channel and confidentiality), equipment
/// (ror-location-equipment with its nested ror-location-equipment-limit) and residential
/// capacity (ror-location-residential-capacity).
/// </summary>
public static class LocationContentRendering
{
    public static void Render(LieuDescription lieu, Location location)
    {
        if (lieu.OperationalStatus is { } status) location.OperationalStatus = new Coding(T.StatutLieu, status);
        location.Description = lieu.Description;
        location.Alias = [.. lieu.Aliases];
        location.Telecom = [.. lieu.Telecoms.Select(Telecom)];
    }

    /// <summary>The lieu's equipment and residential capacity, as Location extensions.</summary>
    public static IEnumerable<Extension> Extensions(LieuDescription lieu) =>
        lieu.Equipments.Select(EquipmentExtension).Concat(lieu.ResidentialCapacities.Select(ResidentialExtension));

    private static Extension EquipmentExtension(Equipment equipment)
    {
        var extension = new Extension { Url = E.LocationEquipment };
        extension.Extension.Add(new Extension("equipmentType", RorDatatypes.Coded(T.Equipement, equipment.Type)));
        if (equipment.InService is { } inService) extension.Extension.Add(new Extension("nbInService", new Integer(inService)));
        foreach (var limit in equipment.Limits)
            extension.Extension.Add(new Extension
            {
                Url = E.LocationEquipmentLimit,
                Extension =
                [
                    new Extension("equipmentFeature", RorDatatypes.Coded(T.TypeCaracteristiqueEquipement, limit.Feature)),
                    new Extension("limitValue", new Quantity(limit.Value, limit.Unit, T.Ucum) { Unit = limit.Unit }),
                ],
            });
        return extension;
    }

    private static Extension ResidentialExtension(ResidentialCapacity capacity)
    {
        var extension = new Extension { Url = E.LocationResidentialCapacity };
        extension.Extension.Add(new Extension("residentialType", RorDatatypes.Coded(T.TypeHabitation, capacity.Type)));
        if (capacity.Number is { } number) extension.Extension.Add(new Extension("residentialNumber", new Integer(number)));
        return extension;
    }

    /// <summary>A telecom with its channel and confidentiality, as every ROR profile writes one.</summary>
    public static ContactPoint Telecom(Telecom telecom) => new(SystemOf(telecom.Value), null, telecom.Value)
    {
        Extension =
        [
            new Extension(E.TelecomChannel, RorDatatypes.Channel(telecom.Channel)),
            new Extension(E.TelecomConfidentialityLevel, RorDatatypes.ConfidentialityLevel(telecom.Confidentiality)),
        ],
    };

    /// <summary>The FHIR system a telecom value is written in (the channel, TRE_R200, says more).</summary>
    private static ContactPoint.ContactPointSystem SystemOf(string value) =>
        value.Contains('@') ? ContactPoint.ContactPointSystem.Email
        : value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? ContactPoint.ContactPointSystem.Url
        : ContactPoint.ContactPointSystem.Phone;
}
