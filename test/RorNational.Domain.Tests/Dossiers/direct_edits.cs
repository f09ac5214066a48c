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

        var events = DirectEditDecisions.EditContent(eg, "uo-cardio-hc", content, Editor, Now);

        Assert.That(eg.Apply(events).Fiches["uo-cardio-hc"].UO!.Content.AgeRange, Is.EqualTo(new AgeRange(16, 120)));
        Assert.That(DirectEditDecisions.EditContent(eg.Apply(events), "uo-cardio-hc", content, Editor, Now), Is.Empty,
            "the same content again changes nothing");
    }

    [Test]
    public void content_with_a_contact_lacking_its_purpose_is_refused_with_the_field()
    {
        var content = UO.UO!.Content with { Contacts = [new Contact("X", null, "", Confidentiality.Public)] };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(Published(), "uo-cardio-hc", content, Editor, Now));

        Assert.That(rejection!.Problems.Single().Field, Is.EqualTo("contacts[0].purpose"));
    }

    [Test]
    public void a_finess_owned_field_is_refused_as_a_business_rule()
    {
        var fields = new Dictionary<string, string?> { ["name"] = "Autre nom", ["operationalName"] = "CH Fleyriat" };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditEstablishment(Published(), fields, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.BusinessRule));
        Assert.That(rejection.Problems.Single().Field, Is.EqualTo("name"));
    }

    [Test]
    public void the_operational_name_is_the_establishments_own()
    {
        var events = DirectEditDecisions.EditEstablishment(Published(), new Dictionary<string, string?> { ["operationalName"] = "CH Fleyriat" }, Editor, Now);

        Assert.That(Published().Apply(events).OperationalName, Is.EqualTo("CH Fleyriat"));
    }
}
