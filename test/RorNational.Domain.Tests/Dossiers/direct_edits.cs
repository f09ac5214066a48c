using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

public sealed class direct_edits
{
    [Test]
    public void content_of_a_published_uo_is_edited_without_a_dossier()
    {
        var eg = Published();
        var content = UO.UO!.Content with { AgeRange = new AgeRange(16, 120) };

        var events = DirectEditDecisions.EditContent(eg, "uo-cardio-hc", content, Codes, Editor, Now);

        Assert.That(eg.Apply(events).Fiches["uo-cardio-hc"].UO!.Content.AgeRange, Is.EqualTo(new AgeRange(16, 120)));
        Assert.That(DirectEditDecisions.EditContent(eg.Apply(events), "uo-cardio-hc", content, Codes, Editor, Now), Is.Empty,
            "the same content again changes nothing");
    }

    [Test]
    public void content_with_a_contact_lacking_its_purpose_is_refused_with_the_field()
    {
        var content = UO.UO!.Content with { Contacts = [new Contact("X", null, "", Confidentiality.Public)] };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Codes, Editor, Now));

        Assert.That(rejection!.Problems.Single().Field, Is.EqualTo("contacts[0].purpose"));
    }

    [Test]
    public void a_finess_owned_field_is_refused_as_a_business_rule()
    {
        var fields = Patch("""{ "name": "Autre nom", "operationalName": "CH Fleyriat" }""");

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditEstablishment(Published(), fields, Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.BusinessRule));
        Assert.That(rejection.Problems.Single().Field, Is.EqualTo("name"));
    }

    [Test]
    public void the_operational_name_is_the_establishments_own()
    {
        var events = DirectEditDecisions.EditEstablishment(Published(), Patch("""{ "operationalName": "CH Fleyriat" }"""), Codes, Editor, Now);

        Assert.That(Published().Apply(events).OperationalName, Is.EqualTo("CH Fleyriat"));
    }

    private static Dictionary<string, JsonElement> Patch(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static IEnumerable<TestCaseData> ContentOutOfBounds()
    {
        var content = UO.UO!.Content;
        yield return new TestCaseData(content with { AgeRange = new AgeRange(-5, 120) }, "ageRange").SetName("a negative age");
        yield return new TestCaseData(content with { AgeRange = new AgeRange(60, 18) }, "ageRange").SetName("an inverted age range");
        yield return new TestCaseData(content with { OpeningHours = [new OpeningHours(1, "01", null, null) { EffectiveFrom = new(2026, 6, 1), EffectiveTo = new(2026, 1, 1) }] },
            "openingHours[0].effectiveTo").SetName("effectiveFrom after effectiveTo");
        yield return new TestCaseData(content with { Contacts = [new Contact("X", null, "06", Confidentiality.Public) { Telecoms = [new Telecom("2", new string('0', 100_000), Confidentiality.Public)] }] },
            "contacts[0].telecoms[0].value").SetName("a 100 KB telecom value");
        yield return new TestCaseData(content with { OpeningHours = [null!] }, "openingHours[0]").SetName("a null opening hours item");
        yield return new TestCaseData(content with { Contacts = null! }, "contacts").SetName("a null list of contacts");
        yield return new TestCaseData(content with { PublicPrisEnCharge = ["01; drop table"] }, "publicPrisEnCharge[0]").SetName("a code that is no code");
        yield return new TestCaseData(content with { Contacts = [new Contact("X", null, "06", (Confidentiality)7)] }, "contacts[0].confidentiality").SetName("an unknown confidentiality");
        yield return new TestCaseData(content with { Closing = new ClosingPeriod(new(9999, 12, 31), null) }, "closing.closedFrom").SetName("a closing date in year 9999");
    }

    [TestCaseSource(nameof(ContentOutOfBounds))]
    public void content_out_of_bounds_is_refused_as_invalid_naming_the_field(UOContent content, string field)
    {
        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EqualTo(new[] { field }));
    }

    [TestCase("""{ "operationalName": 5 }""")]
    [TestCase("""{ "operationalName": true }""")]
    [TestCase("""{ "operationalName": {"a": 1} }""")]
    [TestCase("""{ "operationalName": "   " }""")]
    [TestCase("""{ "operationalName": "" }""")]
    public void an_operational_name_that_is_no_text_is_refused(string patch)
    {
        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditEstablishment(Published(), Patch(patch), Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Single().Field, Is.EqualTo("operationalName"));
    }

    [Test]
    public void a_null_operational_name_removes_it()
    {
        var named = Published().Apply(DirectEditDecisions.EditEstablishment(Published(), Patch("""{ "operationalName": "CH Fleyriat" }"""), Codes, Editor, Now));

        var events = DirectEditDecisions.EditEstablishment(named, Patch("""{ "operationalName": null }"""), Codes, Editor, Now);

        Assert.That(named.Apply(events).OperationalName, Is.Null);
    }
}
