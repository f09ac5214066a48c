using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>A published lieu's content replaced without a dossier: its structural fields kept, its bounds checked, nothing for no change.</summary>
public sealed class editing_a_lieu_s_content
{
    private static readonly LieuContent WithAnMri = new()
    {
        OperationalStatus = "FT",
        Description = "Entrée par le hall B",
        Equipments = [new Equipment("221", 1) { Limits = [new EquipmentLimit("001", 250, "kg")] }],
    };

    [Test]
    public void the_content_replaces_the_lieu_s_and_keeps_its_function_address_and_identifiers()
    {
        var eg = Published();

        var events = DirectEditDecisions.EditLieuContent(eg, "lieu-batiment-a", WithAnMri, Codes, Editor, Now);

        var lieu = eg.Apply(events).Fiches["lieu-batiment-a"].Lieu!;
        Assert.That(LieuContent.Of(lieu), Is.EqualTo(WithAnMri).Using<LieuContent>((a, b) => Equivalence.Same(a, b)));
        var before = Lieu.Lieu!;
        Assert.That((lieu.Function, lieu.Address, lieu.IdExterneSynchro, lieu.FunctionalId), Is.EqualTo((before.Function, before.Address, before.IdExterneSynchro, before.FunctionalId)));
        Assert.That(DirectEditDecisions.EditLieuContent(eg.Apply(events), "lieu-batiment-a", WithAnMri, Codes, Editor, Now), Is.Empty,
            "the same content again changes nothing");
    }

    [Test]
    public void out_of_bounds_content_is_refused_with_its_path()
    {
        var content = WithAnMri with { Equipments = [new Equipment("221", -1) { Limits = [new EquipmentLimit("001", 0, "kg")] }] };

        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditLieuContent(Published(), "lieu-batiment-a", content, Codes, Editor, Now));

        Assert.That(rejection!.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "equipments[0].inService", "equipments[0].limits[0].value" }));
    }

    [TestCase("lieu-inconnu")]
    [TestCase("uo-cardio-hc")]
    public void only_a_published_lieu_is_edited(string fiche)
    {
        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditLieuContent(Published(), fiche, WithAnMri, Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.NotFound));
    }
}
