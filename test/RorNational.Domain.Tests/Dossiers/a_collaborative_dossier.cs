using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

public sealed class a_collaborative_dossier
{
    [Test]
    public void only_one_dossier_is_open_at_a_time()
    {
        var eg = RegisteredEG().Apply(DossierDecisions.Open(RegisteredEG(), "d1", Editor, Now));

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Open(eg, "d2", Editor, Now));
        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.Conflict));
        Assert.That(DossierDecisions.Open(eg, "d1", Editor, Now), Is.Empty, "opening the same dossier again changes nothing");
    }

    [Test]
    public void drafts_are_not_published_until_the_dossier_is_accepted()
    {
        var eg = WithDraftedStructure();
        Assert.That(eg.Fiches, Is.Empty);

        eg = eg.Apply(DossierDecisions.Submit(eg, "d1", Editor, Now));
        Assert.That(eg.Fiches, Is.Empty);

        eg = eg.Apply(DossierDecisions.Accept(eg, "d1", null, Validator, Now));
        Assert.That(eg.Fiches.Keys, Is.EquivalentTo(All.Select(f => f.Id)));
        Assert.That(eg.OpenDossier, Is.Null);
    }

    [Test]
    public void a_uo_lacking_mandatory_fields_cannot_be_finalized_and_each_missing_field_is_named()
    {
        var eg = RegisteredEG().Apply(DossierDecisions.Open(RegisteredEG(), "d1", Editor, Now));
        var incomplete = new Fiche("uo-x", FicheType.UO, "", null) { UO = new UODescription() };
        eg = eg.Apply(DossierDecisions.Draft(eg, "d1", incomplete, KnownCommunes, Codes, Editor, Now));

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Finalize(eg, "d1", "uo-x", KnownCommunes, Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.BusinessRule));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "name", "uo.champActivite", "uo.modePriseEnCharge", "uo.activitesOperationnelles", "uo.lieuIds", "uo.content.ageRange",
        }));
    }

    [Test]
    public void a_dossier_with_unfinalized_fiches_cannot_be_submitted()
    {
        var eg = WithDraftedStructure(finalized: false);

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Submit(eg, "d1", Editor, Now));

        Assert.That(rejection!.Problems.Select(p => p.Field), Is.EquivalentTo(All.Select(f => f.Id)));
    }

    [Test]
    public void a_dossier_that_would_leave_a_uo_without_its_lieu_cannot_be_submitted()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));
        eg = eg.Apply(DossierDecisions.DraftRemoval(eg, "d2", "lieu-batiment-a", Editor, Now));

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Submit(eg, "d2", Editor, Now));

        Assert.That(rejection!.Problems.Single().Field, Is.EqualTo("uo-cardio-hc.uo.lieuIds"));
    }

    [Test]
    public void a_rejected_dossier_leaves_the_published_description_unchanged()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));
        eg = eg.Apply(DossierDecisions.Draft(eg, "d2", UO with { Name = "Renamed" }, KnownCommunes, Codes, Editor, Now));
        eg = eg.Apply(DossierDecisions.Finalize(eg, "d2", "uo-cardio-hc", KnownCommunes, Codes, Editor, Now));
        eg = eg.Apply(DossierDecisions.Submit(eg, "d2", Editor, Now));

        Assert.Throws<CommandRejected>(() => DossierDecisions.Reject(eg, "d2", " ", Validator, Now), "a reason is required");
        eg = eg.Apply(DossierDecisions.Reject(eg, "d2", "le nom doit suivre la nomenclature régionale", Validator, Now));

        Assert.That(eg.Fiches["uo-cardio-hc"].Name, Is.EqualTo(UO.Name));
        Assert.That(eg.OpenDossier, Is.Null);
    }

    [Test]
    public void a_published_unit_cannot_change_type()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));

        var rejection = Assert.Throws<CommandRejected>(() =>
            DossierDecisions.Draft(eg, "d2", Service with { Id = "pole-medecine" }, KnownCommunes, Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.BusinessRule));
    }

    [Test]
    public void a_move_is_a_change_of_parent_and_a_removal_of_a_new_draft_withdraws_it()
    {
        var eg = Published();
        eg = eg.Apply(DossierDecisions.Open(eg, "d2", Editor, Now));
        eg = eg.Apply(DossierDecisions.Draft(eg, "d2", UO with { ParentId = "cardiologie" }, KnownCommunes, Codes, Editor, Now));
        eg = eg.Apply(DossierDecisions.Draft(eg, "d2", Pole with { Id = "pole-chirurgie", Name = "Pôle chirurgie" }, KnownCommunes, Codes, Editor, Now));
        eg = eg.Apply(DossierDecisions.DraftRemoval(eg, "d2", "pole-chirurgie", Editor, Now));

        Assert.That(eg.OpenDossier!.Drafts.Keys, Is.EqualTo(new[] { "uo-cardio-hc" }));
    }

    [Test]
    public void the_same_draft_twice_emits_nothing()
    {
        var eg = WithDraftedStructure(finalized: false);

        Assert.That(DossierDecisions.Draft(eg, "d1", UO, KnownCommunes, Codes, Editor, Now), Is.Empty);
    }

    [Test]
    public void a_submitted_dossier_is_frozen_until_decided()
    {
        var eg = WithDraftedStructure();
        eg = eg.Apply(DossierDecisions.Submit(eg, "d1", Editor, Now));

        Assert.That(Assert.Throws<CommandRejected>(() => DossierDecisions.Draft(eg, "d1", Pole, KnownCommunes, Codes, Editor, Now))!.Kind,
            Is.EqualTo(RejectionKind.Conflict));
    }

    [Test]
    public void only_a_submitted_dossier_can_be_accepted()
    {
        var eg = WithDraftedStructure();

        Assert.That(Assert.Throws<CommandRejected>(() => DossierDecisions.Accept(eg, "d1", null, Validator, Now))!.Kind,
            Is.EqualTo(RejectionKind.Conflict));
    }
}
