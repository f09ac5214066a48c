using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Practitioners;

/// <summary>Bodies and calls of the professionals' commands, as an editor sends them.</summary>
public static class PractitionerRequests
{
    public static JsonObject Identity(string family, string civility = "MME", int mailboxLevel = 1) => new()
    {
        ["civility"] = civility,
        ["familyName"] = family,
        ["givenNames"] = new JsonArray("Anne"),
        ["mailboxes"] = new JsonArray(new JsonObject
        {
            ["channel"] = "3", ["value"] = $"{family.ToLowerInvariant()}@psy.mssante.fr", ["confidentiality"] = mailboxLevel,
        }),
    };

    public static Task<HttpResponseMessage> RecordPractitioner(this HttpClient client, string rpps, JsonObject identity) =>
        client.PutAsJsonAsync($"/api/practitioners/{rpps}", identity);

    public static JsonObject Role(string rpps, string profession, string? specialty = null, int telecomLevel = 1)
    {
        var role = new JsonObject
        {
            ["rpps"] = rpps,
            ["profession"] = profession,
            ["exerciseMode"] = "L",
            ["expertiseType"] = specialty is null ? "CM" : "S",
            ["specificCompetences"] = new JsonArray(),
            ["hours"] = new JsonObject { ["day"] = 3, ["type"] = "01", ["opens"] = "09:00:00", ["closes"] = "12:00:00" },
            ["telecom"] = new JsonObject { ["channel"] = "2", ["value"] = $"04743{rpps[^5..]}", ["confidentiality"] = telecomLevel },
        };
        if (specialty is not null) role["ordinalSpecialty"] = specialty;
        return role;
    }

    /// <summary>A ville UO (champ d'activité 05) of the maison de santé, in its lieu, with these roles.</summary>
    public static JsonObject VilleUO(string name, bool sensitive, params JsonObject[] roles) => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["uo"] = new JsonObject
        {
            ["champActivite"] = "05",
            ["activitesOperationnelles"] = new JsonArray("437"),
            ["modePriseEnCharge"] = "32",
            ["lieuIds"] = new JsonArray("lieu-cabinets"),
            ["content"] = Content(sensitive, roles),
        },
    };

    public static JsonObject Content(bool sensitive, params JsonObject[] roles) => new()
    {
        ["ageRange"] = new JsonObject { ["low"] = 0, ["high"] = 120 },
        ["sensitiveUnit"] = sensitive,
        ["practitionerRoles"] = new JsonArray(roles.Select(r => (JsonNode)r.DeepClone()).ToArray()),
    };
}
