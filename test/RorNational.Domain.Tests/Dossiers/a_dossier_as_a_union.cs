using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>An open dossier is a Draft, then Submitted; a UO it drafts is not edited beside it.</summary>
public sealed class a_dossier_as_a_union
{
    [Test]
    public void a_dossier_opens_as_a_draft_and_submitting_it_freezes_its_drafts()
    {
        var draft = WithDraftedStructure();
        Assert.That(draft.OpenDossier, Is.InstanceOf<Dossier.Draft>());

        var submitted = draft.Apply(DossierDecisions.Submit(draft, "d1", Editor, Now));

        Assert.That(submitted.OpenDossier, Is.InstanceOf<Dossier.Submitted>());
        Assert.That(submitted.OpenDossier!.Drafts, Is.EqualTo(draft.OpenDossier!.Drafts));
        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.DraftRemoval(submitted, "d1", "uo-cardio-hc", Editor, Now))!;
        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Conflict));
    }

    [Test]
    public void a_direct_edit_of_a_uo_the_open_dossier_drafts_is_refused_naming_the_dossier()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));
        eg = eg.Apply(DossierDecisions.Draft(eg, "d2", UO with { Name = "Cardiologie" }, KnownCommunes, Codes, Editor, Now));
        var content = UO.UO!.Content with { AgeRange = new AgeRange(16, 120) };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditContent(eg, "uo-cardio-hc", content, Codes, Editor, Now))!;

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Conflict));
        Assert.That(rejection.Problems.Single().Message, Does.StartWith("uo-cardio-hc is drafted in dossier d2"));
    }

    [Test]
    public void a_uo_the_open_dossier_does_not_draft_is_still_edited_directly()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));
        eg = eg.Apply(DossierDecisions.Draft(eg, "d2", Lieu with { Name = "Bâtiment B" }, KnownCommunes, Codes, Editor, Now));
        var content = UO.UO!.Content with { AgeRange = new AgeRange(16, 120) };

        Assert.That(DirectEditDecisions.EditContent(eg, "uo-cardio-hc", content, Codes, Editor, Now), Is.Not.Empty);
    }

    [Test]
    public void the_state_reads_back_from_its_json_whatever_the_order_of_its_keys()
    {
        var eg = WithDraftedStructure();
        eg = eg.Apply(DossierDecisions.Submit(eg, "d1", Editor, Now));
        eg = eg.Apply([new EGClosed("absent", Editor, Now)]);
        var json = JsonSerializer.SerializeToNode(eg)!.AsObject();
        // PostgreSQL's jsonb orders keys by length: the status no longer comes first.
        var dossier = json["OpenDossier"]!.AsObject();
        var status = dossier["Status"]!.DeepClone();
        dossier.Remove("Status");
        dossier["Status"] = status;

        var read = JsonSerializer.Deserialize<EG>(json.ToJsonString())!;

        Assert.That(read.Status, Is.EqualTo(eg.Status));
        Assert.That(read.OpenDossier, Is.InstanceOf<Dossier.Submitted>());
        Assert.That(read.OpenDossier!.Drafts.Keys, Is.EqualTo(eg.OpenDossier!.Drafts.Keys));
        Assert.That(json["Closed"]!.GetValue<bool>(), Is.True, "the flag queries use is stored");
    }

    [Test]
    public void a_snapshot_stored_before_the_unions_still_reads()
    {
        var json = JsonSerializer.SerializeToNode(WithDraftedStructure())!.AsObject();
        json.Remove("Status");
        json["Closed"] = true;

        var read = JsonSerializer.Deserialize<EG>(json.ToJsonString())!;

        Assert.That(read.Status, Is.EqualTo(EGStatus.Closed.NotRecorded));
        Assert.That(read.OpenDossier, Is.InstanceOf<Dossier.Draft>());
        Assert.That(json["OpenDossier"]!["Status"]!.GetValue<string>(), Is.EqualTo("Draft"), "the dossier kept its stored shape");
    }
}
