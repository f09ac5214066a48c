using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>Plausible command bodies, as the integration tests and the samples write them: the starting point of every fault.</summary>
public static class CommandBodies
{
    public static JsonObject Registration()
    {
        var body = RorNational.IntegrationTests.Infrastructure.Requests.Registration();
        var eg = body["eg"]!.AsObject();
        eg["siret"] = "26010004500012";
        eg["openingDate"] = "1980-01-01";
        eg["phone"] = "0474454647";
        eg["category"] = new JsonObject { ["code"] = "355", ["label"] = "Centre Hospitalier (C.H.)" };
        eg["coordinates"] = new JsonObject { ["latitude"] = 46.2135, ["longitude"] = 5.2418 };
        return body;
    }

    public static JsonObject Content()
    {
        var content = StructureRequests.Content(18);
        content["sensitiveUnit"] = false;
        content["psychiatricSectors"] = new JsonArray("69G01");
        content["interventionZones"] = new JsonArray(new JsonObject { ["type"] = "3", ["code"] = "69" });
        content["closing"] = new JsonObject { ["closedFrom"] = "2026-07-01", ["reopeningOn"] = "2026-09-01" };
        content["openingHours"]![0]!["effectiveFrom"] = "2026-01-01";
        content["openingHours"]![0]!["effectiveTo"] = "2026-12-31";
        content["receptionModalities"] = new JsonArray("01");
        content["managementTypes"] = new JsonArray("01");
        content["takingCareSpecialities"] = new JsonArray("01");
        content["annualOpening"] = "01";
        content["resourceProfessions"] = new JsonArray(new JsonObject { ["table"] = "TRE_G15", ["code"] = "60" });
        content["specificCompetences"] = new JsonArray("01");
        content["serviceStopTemporality"] = "PRO";
        content["mssMailboxes"] = new JsonArray(new JsonObject { ["channel"] = "MSSANTE", ["value"] = "cardio@ch-bourg.mssante.fr", ["confidentiality"] = 2 });
        return content;
    }

    /// <summary>A new UO under a published UF of the EG, and a new lieu.</summary>
    public static JsonObject[] Fiches(string parentUF) =>
    [
        new JsonObject
        {
            ["type"] = "UO",
            ["name"] = "Unité hostile",
            ["parentId"] = parentUF,
            ["uo"] = new JsonObject
            {
                ["champActivite"] = "01",
                ["activitesOperationnelles"] = new JsonArray("022"),
                ["modePriseEnCharge"] = "28",
                ["categorieOrganisation"] = "157",
                ["lieuIds"] = new JsonArray("lieu-hostile"),
                ["operationalActivityFamily"] = new JsonObject { ["table"] = "TRE_R266", ["code"] = "02" },
                ["receptionType"] = "01",
                ["expertiseLevels"] = new JsonArray(new JsonObject { ["table"] = "TRE_R253", ["code"] = "03" }),
                ["specificActs"] = new JsonArray("0630"),
                ["outsideOfficeActs"] = new JsonArray("0178"),
                ["noConsentHabilitation"] = false,
                ["content"] = Content(),
            },
        },
        WithEquipment(StructureRequests.Lieu()),
        new JsonObject
        {
            ["type"] = "Pole",
            ["name"] = "Pôle hostile",
            ["organisation"] = new JsonObject
            {
                ["openingDate"] = "2012-01-02", ["closingDate"] = "2027-06-30", ["closingType"] = "PRE", ["reopeningDate"] = "2027-09-01",
            },
        },
    ];

    /// <summary>The content of a published lieu, edited directly: what <see cref="WithEquipment"/> adds to a lieu fiche.</summary>
    public static JsonObject LieuContent()
    {
        var content = WithEquipment(StructureRequests.Lieu())["lieu"]!.AsObject();
        foreach (var structural in new[] { "function", "idExterneSynchro", "address", "position" }) content.Remove(structural);
        return content;
    }

    /// <summary>A lieu holding what a lieu may hold beyond its address: equipment with a limit, residential capacity, a telecom, a status.</summary>
    private static JsonObject WithEquipment(JsonObject lieu)
    {
        var content = lieu["lieu"]!.AsObject();
        content["operationalStatus"] = "OP";
        content["aliases"] = new JsonArray("Bâtiment A");
        content["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0474450000", ["confidentiality"] = 1 });
        content["equipments"] = new JsonArray(new JsonObject
        {
            ["type"] = "221", ["inService"] = 1,
            ["limits"] = new JsonArray(new JsonObject { ["feature"] = "001", ["value"] = 250, ["unit"] = "kg" }),
        });
        content["residentialCapacities"] = new JsonArray(new JsonObject { ["type"] = "02", ["number"] = 10 });
        return lieu;
    }

    public static JsonObject Patch() => new() { ["operationalName"] = "Nom opérationnel" };

    /// <summary>The EG's own fields beyond its name, every one of them (merge patch).</summary>
    public static JsonObject EstablishmentFields() => new()
    {
        ["prices"] = new JsonArray(new JsonObject
        {
            ["type"] = "02", ["unit"] = "2", ["amount"] = 68.52, ["validFrom"] = "2026-01-01",
            ["residentialType"] = "02", ["welcomeType"] = "01", ["specialPrice"] = "02", ["dependencyLevel"] = "01",
            ["under60"] = false, ["deliveryIncluded"] = new JsonArray("01", "08"), ["othersDeliveryIncluded"] = new JsonArray("Animations"),
            ["mealDeliveryName"] = "Portage du midi", ["humanHelpPriceName"] = "Aide au lever",
        }),
        ["orsanLevel"] = "1",
        ["dropZone"] = true,
        ["accessibility"] = "1",
        ["financialHelps"] = new JsonArray("02"),
        ["familyAccommodation"] = false,
        ["permanentSocialHelpPlaces"] = 40,
        ["temporarySocialHelpPlaces"] = 2,
        ["healthTerritories"] = new JsonArray("835"),
        ["closingType"] = "PRE",
        ["closingDate"] = "2027-06-30",
        ["comment"] = "Hélistation sur le toit.",
    };

    public static JsonObject Decision() => new() { ["reason"] = "conforme" };
}
