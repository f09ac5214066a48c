using System.Globalization;
using System.Text.Json.Nodes;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>The fiche drafts of a planned EG, as an editor sends them (PUT …/fiches/{fiche}).</summary>
public static class DossierBodies
{
    public static JsonObject Lieu(PlannedEG eg, PlannedLieu lieu)
    {
        var address = new JsonObject
        {
            ["houseNumber"] = eg.HouseNumber, ["streetType"] = eg.StreetType, ["streetName"] = eg.StreetName,
            ["postalCode"] = lieu.Commune.PostalCodes[0], ["city"] = lieu.Commune.Name.ToUpperInvariant(), ["communeCog"] = lieu.Commune.Cog,
        };
        var body = new JsonObject { ["function"] = lieu.Function, ["idExterneSynchro"] = lieu.IdExterneSynchro, ["address"] = address };
        if (lieu.Position is { } position)
            body["position"] = new JsonObject { ["latitude"] = position.Latitude, ["longitude"] = position.Longitude };
        return new JsonObject { ["type"] = "Lieu", ["name"] = lieu.Name, ["lieu"] = body };
    }

    public static JsonObject UO(PlannedEG eg, PlannedUO uo, int index)
    {
        var kind = uo.Kind;
        var phone = eg.Phone[..^2] + (10 + index).ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["champActivite"] = kind.Champ,
            ["activitesOperationnelles"] = new JsonArray(kind.Activity),
            ["modePriseEnCharge"] = kind.Mode,
            ["lieuIds"] = new JsonArray(uo.Lieu.FicheId),
            ["content"] = new JsonObject
            {
                ["ageRange"] = new JsonObject { ["low"] = kind.AgeLow, ["high"] = kind.AgeHigh },
                ["contacts"] = new JsonArray(new JsonObject
                {
                    ["name"] = "Secrétariat", ["purpose"] = "06", ["confidentiality"] = 1,
                    ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = phone, ["confidentiality"] = 1 }),
                }),
            },
        };
        if (kind.Category is not null) body["categorieOrganisation"] = kind.Category;
        return new JsonObject { ["type"] = "UO", ["name"] = uo.Name, ["uo"] = body };
    }
}
