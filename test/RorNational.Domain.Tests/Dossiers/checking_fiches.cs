using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>A draft may be incomplete, but what it holds is checked as a direct edit would be.</summary>
public sealed class checking_fiches
{
    private static RorNational.Domain.Establishments.EG OpenDossier()
    {
        var eg = RegisteredEG();
        return eg.Apply(DossierDecisions.Open(eg, "d1", Editor, Now));
    }

    private static CommandRejected DraftRefused(Fiche fiche) =>
        Assert.Throws<CommandRejected>(() => DossierDecisions.Draft(OpenDossier(), "d1", fiche, KnownCommunes, Codes, Editor, Now))!;

    [TestCase(99)]
    [TestCase(-1)]
    public void a_fiche_of_an_undefined_type_is_refused(int type)
    {
        var rejection = DraftRefused(Pole with { Type = (FicheType)type });

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Is.EqualTo(new[] { "type" }));
    }

    [Test]
    public void a_draft_with_an_inverted_age_range_is_refused_at_once_not_at_finalization()
    {
        var rejection = DraftRefused(UO with { UO = UO.UO! with { Content = UO.UO.Content with { AgeRange = new AgeRange(60, 18) } } });

        Assert.That(rejection.Problems.Select(p => p.Field), Is.EqualTo(new[] { "uo.content.ageRange" }));
    }

    [Test]
    public void null_lists_and_null_items_are_named_not_thrown()
    {
        var fiche = UO with { UO = UO.UO! with { LieuIds = null!, ActivitesOperationnelles = [null!], Content = UO.UO.Content with { OpeningHours = [null!] } } };

        var rejection = DraftRefused(fiche);

        Assert.That(rejection.Problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "uo.lieuIds", "uo.activitesOperationnelles[0]", "uo.content.openingHours[0]",
        }));
    }

    [Test]
    public void a_lieu_in_a_commune_the_reference_data_does_not_know_is_refused()
    {
        var fiche = Lieu with { Lieu = Lieu.Lieu! with { Address = Lieu.Lieu.Address! with { CommuneCog = "99999" } } };

        Assert.That(DraftRefused(fiche).Problems.Select(p => p.Field), Is.EqualTo(new[] { "lieu.address.communeCog" }));
    }

    [Test]
    public void a_lieu_position_off_the_globe_is_refused()
    {
        var fiche = Lieu with { Lieu = Lieu.Lieu! with { Position = new GeoPoint(999, double.PositiveInfinity) } };

        Assert.That(DraftRefused(fiche).Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "lieu.position.latitude", "lieu.position.longitude" }));
    }

    [Test]
    public void an_unnamed_draft_cannot_be_finalized()
    {
        var eg = OpenDossier();
        var unnamed = Pole with { Name = null };
        eg = eg.Apply(DossierDecisions.Draft(eg, "d1", unnamed, KnownCommunes, Codes, Editor, Now));

        var rejection = Assert.Throws<CommandRejected>(() => DossierDecisions.Finalize(eg, "d1", unnamed.Id, KnownCommunes, Codes, Editor, Now));

        Assert.That(rejection!.Problems.Select(p => p.Field), Is.EqualTo(new[] { "name" }));
    }
}
