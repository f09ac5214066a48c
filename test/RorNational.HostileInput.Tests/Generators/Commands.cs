using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>The commands of /api that take a JSON body: registration, direct edits, fiche drafts, decisions.</summary>
public static class Commands
{
    public const string Register = "POST /api/establishments";
    public const string EditContent = "PUT /api/establishments/{egId}/uo/{uoId}/content";
    public const string EditLieuContent = "PUT /api/establishments/{egId}/lieux/{lieuId}/content";
    public const string Patch = "PATCH /api/establishments/{egId}";
    public const string DraftFiche = "PUT /api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}";
    public const string Accept = "POST /api/establishments/{egId}/dossiers/{dossierId}/accept";
    public const string Reject = "POST /api/establishments/{egId}/dossiers/{dossierId}/reject";

    public static IEnumerable<RouteGenerator> Routes() =>
    [
        Route(Register, _ => "/api/establishments", _ => [CommandBodies.Registration()], RegistrationFaults),
        Route(EditContent, t => $"/api/establishments/{t.Eg}/uo/{t.PublishedUO}/content", _ => [CommandBodies.Content()], ContentFaults),
        Route(EditLieuContent, t => $"/api/establishments/{t.Eg}/lieux/{t.PublishedLieu}/content", _ => [CommandBodies.LieuContent()], LieuContentFaults),
        Route(Patch, t => $"/api/establishments/{t.Eg}", _ => [CommandBodies.Patch(), CommandBodies.EstablishmentFields()], PatchFaults,
            mergePatch: true),
        Route(DraftFiche, t => $"/api/establishments/{t.Eg}/dossiers/{t.OpenDossier}/fiches/hostile-fiche",
            t => CommandBodies.Fiches(t.PublishedUF), FicheFaults),
        Route(Accept, t => $"/api/establishments/{t.OtherEg}/dossiers/{t.SubmittedDossier}/accept", _ => [CommandBodies.Decision()], DecisionFaults,
            optionalBody: true),
        Route(Reject, t => $"/api/establishments/{t.OtherEg}/dossiers/{t.SubmittedDossier}/reject", _ => [CommandBodies.Decision()],
            _ => Gen.OneOf("{}", "{\"reason\":null}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":\"\\u0000\"}")
                .Select(body => (Category.NullItems, HostileBody.Json(body)))),
    ];

    public static RouteGenerator Route(string route, Func<Targets, string> path, Func<Targets, JsonObject[]> plausible,
        Func<JsonObject, Gen<(string Category, HostileBody Body)>> specific, bool optionalBody = false, bool mergePatch = false)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ')]);
        HostileRequest Request(Targets t, string category, HostileBody body) => new(category, route, method, path(t)) { Body = body };
        return new RouteGenerator(route,
            t => Pick(plausible(t)).Select(body => Request(t, "plausible", JsonFaults.Json(body))),
            t => Gen.OneOf<HostileRequest>(
                [.. plausible(t).Select(body => Gen.Frequency<(string, HostileBody)>((2, JsonFaults.Of(body, optionalBody, mergePatch)), (1, specific(body)))
                    .Select(fault => Request(t, fault.Item1, fault.Item2)))]),
            HasBody: true);
    }

    private static Gen<(string, HostileBody)> Set(JsonObject body, string category, string path, params string[] literals) =>
        Gen.OneOf(literals).Select(literal => (category, JsonFaults.Marked(body, path, literal)));

    private static Gen<(string, HostileBody)> RegistrationFaults(JsonObject body) => Gen.OneOf<(string, HostileBody)>(
        Set(body, Category.Coordinates, "eg.coordinates.latitude", "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "1e999", "-1e999"),
        Set(body, Category.Coordinates, "eg.coordinates.longitude", "NaN", "\"-Infinity\"", "1e400"),
        Set(body, Category.OutOfRange, "eg.coordinates.latitude", "999", "-91", "90.0001", "1e300"),
        Set(body, Category.OutOfRange, "eg.coordinates.longitude", "181", "-180.5", "9999"),
        Set(body, Category.OutOfRange, "eg.address.communeCog", "\"99999\"", "\"00000\"", "\"ABCDE\"", "\"\"", $"\"{Malformed.Long(5000)}\""),
        Set(body, Category.OutOfRange, "eg.siret", $"\"{Malformed.Long(100_000)}\"", "\"abc\"", "\"123\"", "\"26010004500013x\""),
        Set(body, Category.OutOfRange, "eg.finess", "\"12\"", "\"ABCDEFGHI\"", "\"\"", $"\"{Malformed.Long(5000)}\""),
        Set(body, Category.OutOfRange, "ej.finess", "\"12\"", "\"0100084070\""),
        Set(body, Category.OutOfRange, "eg.name", "\"\"", "\"   \"", $"\"{Malformed.Long(100_000)}\""),
        Set(body, Category.OutOfRange, "eg.phone", $"\"{Malformed.Long(100_000)}\""),
        Set(body, Category.Year9999, "eg.openingDate", "\"9999-12-31\"", "\"10000-01-01\"", "\"0000-01-01\""),
        Set(body, Category.NullItems, "ej", "null"),
        Set(body, Category.NullItems, "eg", "null"),
        Set(body, Category.NullItems, "eg.address", "null"));

    private static Gen<(string, HostileBody)> ContentFaults(JsonObject body) => Gen.OneOf<(string, HostileBody)>(
        Set(body, Category.OutOfRange, "ageRange", "{\"low\":-1,\"high\":120}", "{\"low\":60,\"high\":10}", "{\"low\":0,\"high\":999}",
            "{\"low\":-2147483648,\"high\":2147483647}", "{\"low\":18}", "{}"),
        Set(body, Category.OutOfRange, "contacts.0.telecoms.0.value", $"\"{Malformed.Long(100_000)}\"", "\"\""),
        Set(body, Category.OutOfRange, "contacts.0.name", $"\"{Malformed.Long(100_000)}\""),
        Set(body, Category.OutOfRange, "psychiatricSectors.0", $"\"{Malformed.Long(50_000)}\"", "\"\""),
        Set(body, Category.OutOfRange, "openingHours.0.day", "0", "8", "-1", "99"),
        Set(body, Category.OutOfRange, "openingHours.0", "{\"day\":1,\"type\":\"01\",\"opens\":\"18:00:00\",\"closes\":\"08:00:00\"}",
            "{\"day\":1,\"type\":\"01\",\"effectiveFrom\":\"2026-12-31\",\"effectiveTo\":\"2026-01-01\"}"),
        Set(body, Category.Year9999, "closing", "{\"closedFrom\":\"9999-12-31\",\"reopeningOn\":\"9999-12-31\"}", "{\"closedFrom\":\"10000-01-01\"}"),
        Set(body, Category.OutOfRange, "closing", "{\"closedFrom\":\"2026-07-01\",\"reopeningOn\":\"2026-06-01\"}"),
        Set(body, Category.Year9999, "openingHours.0.effectiveFrom", "\"9999-12-31\""),
        Set(body, Category.WrongTypes, "contacts.0.confidentiality", "0", "4", "7", "-1", "99", "\"Public\"", "1.5"),
        Set(body, Category.WrongTypes, "contacts.0.telecoms.0.confidentiality", "0", "9"),
        Set(body, Category.WrongTypes, "contacts.0.purpose", "\"99\"", "\"\"", "\"ZZ\""),
        Set(body, Category.WrongTypes, "contacts.0.telecoms.0.channel", "\"99\"", "\"\""),
        Set(body, Category.WrongTypes, "publicPrisEnCharge.0", "\"ZZ\"", "\"999\""),
        Set(body, Category.WrongTypes, "interventionZones.0.type", "\"99\""),
        // J41 includes the whole TRE_R252, whose codes are not in the repository: only a code's shape can be refused.
        Set(body, Category.WrongTypes, "openingHours.0.type", "\"Z Z\"", "\"\"", "1"),
        Set(body, Category.NullItems, "contacts", "null", "[null]"),
        Set(body, Category.NullItems, "openingHours", "null", "[null]"),
        Set(body, Category.NullItems, "contacts.0.telecoms", "null", "[null]"),
        Set(body, Category.UnknownMembers, "sensitiveUnit", "false,\"sensitveUnit\":true"),
        Set(body, Category.WrongTypes, "resourceProfessions.0", "{\"table\":\"TRE_G15\",\"code\":\"41\"}", "{\"table\":\"TRE_R999\",\"code\":\"10\"}",
            "{\"code\":\"10\"}", "\"10\"", "null"),
        Set(body, Category.WrongTypes, "annualOpening", "\"09\"", "1", "[\"01\"]"),
        Set(body, Category.WrongTypes, "serviceStopTemporality", "\"XYZ\"", "\"\""),
        Set(body, Category.WrongTypes, "specificCompetences.0", "\"01; drop\"", "1"),
        Set(body, Category.WrongTypes, "mssMailboxes.0.value", "\"0474454647\"", "\"a@b\"", $"\"{Malformed.Long(100_000)}@x.fr\""),
        Set(body, Category.OutOfRange, "mssMailboxes.0.confidentiality", "0", "7"),
        Set(body, Category.NullItems, "receptionModalities", "null", "[null]"),
        Set(body, Category.NullItems, "mssMailboxes", "null", "[null]"));

    private static Gen<(string, HostileBody)> LieuContentFaults(JsonObject body) => Gen.OneOf<(string, HostileBody)>(
        Set(body, Category.WrongTypes, "equipments.0.type", "\"999\"", "\"\"", "null", "88", "[\"088\"]"),
        Set(body, Category.WrongTypes, "equipments.0.limits.0.feature", "\"009\"", "null", "{\"code\":\"001\"}"),
        Set(body, Category.WrongTypes, "equipments.0.limits.0.unit", "\"[lb_av]\"", "\"KG\"", "null", "1"),
        Set(body, Category.OutOfRange, "equipments.0.limits.0.value", "-1", "0", "1e999", "1e300", "\"250\"", "NaN"),
        Set(body, Category.OutOfRange, "equipments.0.inService", "-1", "1e12", "2.5", "\"1\""),
        Set(body, Category.NullItems, "equipments", "null", "[null]"),
        Set(body, Category.NullItems, "equipments.0.limits", "null", "[null]"),
        Set(body, Category.WrongTypes, "residentialCapacities.0.type", "\"99\"", "null", "2"),
        Set(body, Category.OutOfRange, "residentialCapacities.0.number", "-3", "1e12", "\"ten\""),
        Set(body, Category.WrongTypes, "operationalStatus", "\"XX\"", "5", "\"\""),
        Set(body, Category.OutOfRange, "telecoms.0.confidentiality", "0", "7", "\"1\"", "null"),
        Set(body, Category.WrongTypes, "telecoms.0.channel", "\"0\"", "null"),
        Set(body, Category.NullItems, "telecoms", "null", "[null]"),
        Set(body, Category.NullItems, "aliases", "null", "[null]", "[\"\"]"),
        Set(body, Category.OutOfRange, "description", $"\"{Malformed.Long(100_000)}\""),
        Set(body, Category.UnknownMembers, "operationalStatus", "\"OP\",\"idExterneSynchro\":\"X\"", "\"OP\",\"address\":{}"));

    private static Gen<(string, HostileBody)> PatchFaults(JsonObject body) => body.ContainsKey("prices")
        ? EstablishmentFieldFaults(body)
        : Gen.OneOf<(string, HostileBody)>(
        Set(body, Category.WrongTypes, "operationalName", "5", "true", "{\"a\":1}", "[\"a\"]", "1e999"),
        Set(body, Category.OutOfRange, "operationalName", "\"\"", "\"   \"", $"\"{Malformed.Long(100_000)}\"", "\"\\t\\n\""),
        Set(body, Category.UnknownMembers, "operationalName", "\"x\",\"bogus\":1", "\"x\",\"sensitveUnit\":true"),
        Gen.OneOf("{}", "{\"name\":\"x\"}", "{\"siret\":null}").Select(text => (Category.UnknownMembers, HostileBody.Json(text))));

    /// <summary>The EG's own fields: amounts (negative, 3 decimals, huge, text), codes outside their value sets, dates, counts, lists.</summary>
    private static Gen<(string, HostileBody)> EstablishmentFieldFaults(JsonObject body) => Gen.OneOf<(string, HostileBody)>(
        Set(body, Category.OutOfRange, "prices.0.amount", "-0.01", "12.345", "1e999", "1e300", "1000000.01", "NaN", "\"68.52\"", "null"),
        Set(body, Category.WrongTypes, "prices.0.type", "\"99\"", "\"\"", "null", "2", "[\"02\"]"),
        Set(body, Category.WrongTypes, "prices.0.unit", "\"5\"", "null", "{\"code\":\"2\"}"),
        Set(body, Category.Year9999, "prices.0.validFrom", "\"9999-12-31\"", "\"10000-01-01\"", "\"0000-01-01\"", "\"2026-02-30\"", "\"2026-01-01T00:00:00Z\""),
        Set(body, Category.WrongTypes, "prices.0.residentialType", "\"99\"", "3"),
        Set(body, Category.WrongTypes, "prices.0.welcomeType", "\"03\"", "true"),
        Set(body, Category.WrongTypes, "prices.0.specialPrice", "\"09\"", "[]"),
        Set(body, Category.WrongTypes, "prices.0.dependencyLevel", "\"not a code\"", $"\"{Malformed.Long(5000)}\""),
        Set(body, Category.UnknownMembers, "prices.0.amount", "10,\"currency\":\"USD\"", "10,\"amount\":20"),
        Set(body, Category.WrongTypes, "prices.0.under60", "\"true\"", "1", "[]"),
        Set(body, Category.NullItems, "prices.0.deliveryIncluded", "[null]", "[\"12\"]", "\"01\"", "[\"01\",\"not a code\"]"),
        Set(body, Category.NullItems, "prices.0.othersDeliveryIncluded", "[null]", "[\"\"]", $"[\"{Malformed.Long(5000)}\"]"),
        Set(body, Category.OutOfRange, "prices.0.mealDeliveryName", $"\"{Malformed.Long(100_000)}\"", "5"),
        Set(body, Category.OutOfRange, "prices.0.humanHelpPriceName", $"\"{Malformed.Long(5000)}\"", "[]"),
        Set(body, Category.NullItems, "prices", "[null]", "{}", "\"02\""),
        Set(body, Category.WrongTypes, "orsanLevel", "\"2\"", "1", "\"\""),
        Set(body, Category.WrongTypes, "dropZone", "\"true\"", "1", "{}"),
        Set(body, Category.WrongTypes, "accessibility", "\"0\"", "\"7\""),
        Set(body, Category.NullItems, "financialHelps", "[null]", "[\"02\",\"02\"]", "\"02\""),
        Set(body, Category.OutOfRange, "permanentSocialHelpPlaces", "-1", "100001", "2.5", "1e12", "\"40\""),
        Set(body, Category.OutOfRange, "temporarySocialHelpPlaces", "-2147483648", "2147483648"),
        Set(body, Category.NullItems, "healthTerritories", "[null]", "[\"\"]", $"[\"{Malformed.Long(5000)}\"]"),
        Set(body, Category.WrongTypes, "closingType", "\"ZZZ\"", "0"),
        Set(body, Category.Year9999, "closingDate", "\"9999-12-31\"", "\"10000-01-01\"", "\"31/12/2026\""),
        Set(body, Category.OutOfRange, "comment", $"\"{Malformed.Long(100_000)}\"", "5"),
        Set(body, Category.UnknownMembers, "comment", "\"x\",\"dropzone\":true", "\"x\",\"openingDate\":\"2020-01-01\""));

    private static Gen<(string, HostileBody)> FicheFaults(JsonObject body) =>
        body["type"]!.GetValue<string>() == "Pole"
            ? Gen.OneOf<(string, HostileBody)>(
                Set(body, Category.OutOfRange, "organisation", "{\"openingDate\":\"2026-01-01\",\"closingDate\":\"2025-01-01\"}", "[]", "5"),
                Set(body, Category.Year9999, "organisation.closingDate", "\"9999-12-31\"", "\"10000-01-01\"", "\"2026-13-01\""),
                Set(body, Category.WrongTypes, "organisation.closingType", "\"ZZZ\"", "1", "[\"PRO\"]"),
                Set(body, Category.UnknownMembers, "organisation.closingType", "\"PRO\",\"reopenDate\":\"2027-01-01\""),
                Set(body, Category.Year9999, "organisation.reopeningDate", "\"9999-12-31\"", "\"2027-02-30\"", "\"2026-01-01\"", "5"))
        : body["type"]!.GetValue<string>() == "Lieu"
            ? Gen.OneOf<(string, HostileBody)>(
                Set(body, Category.Coordinates, "lieu.position.latitude", "NaN", "1e999", "\"Infinity\""),
                Set(body, Category.OutOfRange, "lieu.position.latitude", "999", "-91"),
                Set(body, Category.OutOfRange, "lieu.position.longitude", "181"),
                Set(body, Category.OutOfRange, "lieu.address.communeCog", "\"99999\"", "\"ABCDE\""),
                Set(body, Category.OutOfRange, "lieu.idExterneSynchro", $"\"{Malformed.Long(100_000)}\""),
                Set(body, Category.WrongTypes, "lieu.equipments.0.type", "\"999\"", "\"\"", "null", "88", "[\"088\"]"),
                Set(body, Category.WrongTypes, "lieu.equipments.0.limits.0.feature", "\"009\"", "null", "{\"code\":\"001\"}"),
                Set(body, Category.WrongTypes, "lieu.equipments.0.limits.0.unit", "\"[lb_av]\"", "\"KG\"", "null", "1"),
                Set(body, Category.OutOfRange, "lieu.equipments.0.limits.0.value", "-1", "0", "1e999", "1e300", "\"250\"", "NaN"),
                Set(body, Category.OutOfRange, "lieu.equipments.0.inService", "-1", "1e12", "2.5", "\"1\""),
                Set(body, Category.WrongTypes, "lieu.residentialCapacities.0.type", "\"99\"", "null", "2"),
                Set(body, Category.OutOfRange, "lieu.residentialCapacities.0.number", "-3", "1e12", "\"ten\""),
                Set(body, Category.WrongTypes, "lieu.operationalStatus", "\"XX\"", "5", "\"\""),
                Set(body, Category.OutOfRange, "lieu.telecoms.0.confidentiality", "0", "7", "\"1\"", "null"),
                Set(body, Category.WrongTypes, "lieu.telecoms.0.channel", "\"0\"", "null"),
                Set(body, Category.OutOfRange, "lieu.description", $"\"{Malformed.Long(100_000)}\""),
                Set(body, Category.NullItems, "lieu.equipments", "null", "[null]"),
                Set(body, Category.NullItems, "lieu.equipments.0.limits", "null", "[null]"),
                Set(body, Category.NullItems, "lieu.residentialCapacities", "null", "[null]"),
                Set(body, Category.NullItems, "lieu.aliases", "null", "[null]", "[\"\"]"),
                Set(body, Category.NullItems, "lieu.telecoms", "null", "[null]"),
                Set(body, Category.WrongTypes, "type", "99", "-1", "5", "\"Bogus\"", "null", "\"\""))
            : Gen.OneOf<(string, HostileBody)>(
                Set(body, Category.WrongTypes, "type", "99", "-1", "7", "\"Bogus\"", "null", "1.5"),
                Set(body, Category.OutOfRange, "name", "\"\"", $"\"{Malformed.Long(100_000)}\""),
                Set(body, Category.OutOfRange, "uo.content.ageRange", "{\"low\":-1,\"high\":120}", "{\"low\":60,\"high\":10}"),
                Set(body, Category.WrongTypes, "uo.champActivite", "\"ZZ\"", "\"\""),
                Set(body, Category.NullItems, "uo.lieuIds", "null", "[null]"),
                Set(body, Category.NullItems, "uo.activitesOperationnelles", "null", "[null]"),
                Set(body, Category.NullItems, "uo.content.contacts", "null", "[null]"),
                Set(body, Category.NullItems, "uo.content.openingHours", "[null]"),
                Set(body, Category.UnknownMembers, "uo.content.sensitiveUnit", "false,\"sensitveUnit\":true"),
                Set(body, Category.WrongTypes, "uo.receptionType", "\"03\"", "1"),
                Set(body, Category.WrongTypes, "uo.expertiseLevels.0", "{\"table\":\"TRE_R253\",\"code\":\"10\"}", "{\"table\":\"\",\"code\":\"03\"}", "\"03\""),
                Set(body, Category.WrongTypes, "uo.operationalActivityFamily", "{\"table\":\"TRE_R266\",\"code\":\"99\"}", "\"02\"", "[]"),
                Set(body, Category.WrongTypes, "uo.noConsentHabilitation", "\"yes\"", "1"),
                Set(body, Category.NullItems, "uo.specificActs", "null", "[null]", "[\"\"]"),
                Set(body, Category.NullItems, "uo.outsideOfficeActs", "null", "[null]"),
                Gen.OneOf("{}", "{\"name\":\"x\"}", "{\"type\":\"Pole\"}").Select(text => (Category.NullItems, HostileBody.Json(text))));

    private static Gen<(string, HostileBody)> DecisionFaults(JsonObject body) =>
        Set(body, Category.UnknownMembers, "reason", "\"conforme\",\"bogus\":1", "\"conforme\",\"publish\":false");
}
