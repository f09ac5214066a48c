using Hl7.Fhir.Model;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.HealthcareServices;

/// <summary>Renders a UO (unité opérationnelle, the offer) as a ror-healthcareservice.</summary>
public static class HealthcareServiceRendering
{
    public static HealthcareService Render(Fiche fiche, Publication publication)
    {
        var uo = fiche.UO!;
        var content = uo.Content;
        var id = publication.IdOf(fiche.Id);
        var service = new HealthcareService
        {
            Id = id,
            Meta = publication.Meta(RorCanonical.HealthcareServiceProfile),
            Identifier =
            [
                // The guide allows one identifier only: the offer's, which holds the editor's id of the unit.
                new Identifier { Type = RorDatatypes.Coded(T.OfferIdentifierTypes, "35", "Identifiant de l'offre"), Value = $"{publication.RegionCode ?? "00"}/{publication.EditorIdOf(fiche.Id)}" },
            ],
            Active = !publication.EG.Closed,
            ProvidedBy = publication.ParentReference(fiche.ParentId),
            Category = uo.CategorieOrganisation is null ? [] : [RorDatatypes.Coded(T.CategorieOrganisation, uo.CategorieOrganisation)],
            Type = uo.ChampActivite is null ? [] : [RorDatatypes.Coded(T.ChampActivite, uo.ChampActivite)],
            Specialty = UOCharacteristicRendering.Specialties(uo),
            Location = uo.LieuIds.Select(lieu => new ResourceReference("Location/" + publication.IdOf(lieu))).ToList(),
            Name = fiche.Name,
            Characteristic = UOCharacteristicRendering.Characteristics(uo),
            Telecom = UOCharacteristicRendering.MssMailboxes(content),
            AvailableTime = content.OpeningHours.Select(AvailableTime).ToList(),
        };
        service.Extension.Add(new Extension(E.SensitiveUnit, new FhirBoolean(content.SensitiveUnit)));
        service.Extension.AddRange(UOCharacteristicRendering.Extensions(uo));
        service.Extension.Add(PatientType(content));
        service.Extension.AddRange(content.PsychiatricSectors.Select(sector => new Extension(E.PsychiatricSector, new FhirString(sector))));
        service.Extension.AddRange(content.InterventionZones.Select(TerritorialDivision));
        service.Extension.AddRange(content.Contacts.Select(Contact));
        service.Extension.Add(RorDatatypes.CreationDate(publication.CreatedAt("HealthcareService", fiche.Id)));
        if (content.Closing is { } closing)
            service.NotAvailable.Add(new HealthcareService.NotAvailableComponent
            {
                ElementId = "closingReopeningDate",
                Description = "Période de fermeture et de réouverture prévisionnelle",
                During = new Period(new FhirDateTime(closing.ClosedFrom.ToString("yyyy-MM-dd")),
                    closing.ReopeningOn is { } reopening ? new FhirDateTime(reopening.ToString("yyyy-MM-dd")) : null),
            });
        return service;
    }

    private static Extension PatientType(UOContent content)
    {
        var extension = new Extension { Url = E.PatientType };
        foreach (var code in content.PublicPrisEnCharge)
            extension.Extension.Add(new Extension("supportedPatientInfo", RorDatatypes.Coded(T.PublicPrisEnCharge, code)));
        if (content.AgeRange is { } ages)
            extension.Extension.Add(new Extension("ageRange", new Hl7.Fhir.Model.Range
            {
                Low = new Quantity(ages.Low, "a", RorCanonical.Ucum),
                High = new Quantity(ages.High, "a", RorCanonical.Ucum),
            }));
        return extension;
    }

    private static Extension TerritorialDivision(InterventionZone zone) => new()
    {
        Url = E.TerritorialDivision,
        Extension =
        [
            new Extension("typeTerritorialDivision", RorDatatypes.Coded(T.TypeDivisionTerritoriale, zone.Type)),
            new Extension("codeTerritorialDivision", new CodeableConcept { Coding = [new Coding { Code = zone.Code }] }),
        ],
    };

    private static Extension Contact(Contact contact)
    {
        var extension = new Extension { Url = E.HealthcareServiceContact };
        if (contact.Name is not null) extension.Extension.Add(new Extension("name", new HumanName { Text = contact.Name }));
        if (contact.Function is not null) extension.Extension.Add(new Extension(E.ContactFunction, new CodeableConcept { Text = contact.Function }));
        extension.Extension.Add(new Extension("purposeContact", RorDatatypes.Coded(T.NatureContact, contact.Purpose)));
        extension.Extension.Add(new Extension(E.ConfidentialityLevel, RorDatatypes.ConfidentialityLevel(contact.Confidentiality)));
        foreach (var telecom in contact.Telecoms)
            extension.Extension.Add(new Extension
            {
                Url = E.ContactTelecom,
                Extension =
                [
                    new Extension(E.TelecomChannel, RorDatatypes.Channel(telecom.Channel)),
                    new Extension(E.TelecomConfidentialityLevel, RorDatatypes.ConfidentialityLevel(telecom.Confidentiality)),
                    new Extension("telecomAddress", new FhirString(telecom.Value)),
                ],
            });
        return extension;
    }

    private static HealthcareService.AvailableTimeComponent AvailableTime(OpeningHours hours)
    {
        var slot = new HealthcareService.AvailableTimeComponent
        {
            DaysOfWeek = [(DaysOfWeek)(hours.Day - 1)],
            AllDay = hours.Opens is null && hours.Closes is null ? true : null,
            AvailableStartTime = hours.Opens?.ToString("HH:mm:ss"),
            AvailableEndTime = hours.Closes?.ToString("HH:mm:ss"),
        };
        slot.Extension.AddRange(RorHours.Extensions(hours));
        return slot;
    }
}
