using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Importing;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Tests.Dossiers;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Establishments;

/// <summary>An EG is Active or Closed: closed, it takes no change to its description until FINESS reopens it.</summary>
public sealed class a_closed_establishment
{
    private static readonly Actor Importer = new("finess-importer");
    private static readonly DateTimeOffset ClosedAt = new(2026, 2, 1, 3, 0, 0, TimeSpan.Zero);

    private static EG Closed(EG eg) => eg.Apply(FinessImportDecisions.CloseAbsent(eg, new DateOnly(2026, 1, 31), Importer, ClosedAt));

    [Test]
    public void a_closure_records_why_and_when_and_an_import_that_lists_it_again_reopens_it()
    {
        var closed = Closed(Published());

        var status = (EGStatus.Closed)closed.Status;
        Assert.That(status.Reason, Is.EqualTo("absent from the full FINESS extract of 2026-01-31"));
        Assert.That((status.By, status.At), Is.EqualTo((Importer, ClosedAt)));
        Assert.That(closed.Closed, Is.True);
        var reopened = closed.Apply(FinessImportDecisions.Decide(null, closed, null, closed.Data, Importer, Now).EGEvents);
        Assert.That(reopened.Status, Is.EqualTo(new EGStatus.Active()));
        Assert.That(reopened.Closed, Is.False);
    }

    private static IEnumerable<TestCaseData> EveryChange()
    {
        var content = UO.UO!.Content with { AgeRange = new AgeRange(16, 120) };
        var patch = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{ "operationalName": "CH Fleyriat" }""")!;
        Func<EG, IDomainEvent[]> open = eg => DossierDecisions.Open(eg, "d2", Editor, Now);
        yield return Case("open a dossier", Published, open);
        yield return Case("edit a UO's content", Published, eg => DirectEditDecisions.EditContent(eg, "uo-cardio-hc", content, Codes, Editor, Now));
        yield return Case("edit the EG's fields", Published, eg => DirectEditDecisions.EditEstablishment(eg, patch, Codes, Editor, Now));
        yield return Case("draft a fiche", () => WithDraftedStructure(finalized: false),
            eg => DossierDecisions.Draft(eg, "d1", UO with { Name = "Cardiologie" }, KnownCommunes, Codes, Editor, Now));
        yield return Case("draft a removal", () => WithDraftedStructure(), eg => DossierDecisions.DraftRemoval(eg, "d1", "uo-cardio-hc", Editor, Now));
        yield return Case("finalize a fiche", () => WithDraftedStructure(finalized: false),
            eg => DossierDecisions.Finalize(eg, "d1", "uo-cardio-hc", KnownCommunes, Codes, Editor, Now));
        yield return Case("submit a dossier", () => WithDraftedStructure(), eg => DossierDecisions.Submit(eg, "d1", Editor, Now));
        yield return Case("accept a dossier", Submitted, eg => DossierDecisions.Accept(eg, "d1", "conforme", Validator, Now));
    }

    private static TestCaseData Case(string name, Func<EG> given, Func<EG, IDomainEvent[]> change) =>
        new TestCaseData(given, change).SetName($"a closed EG refuses to {name}");

    [TestCaseSource(nameof(EveryChange))]
    public void refuses(Func<EG> given, Func<EG, IDomainEvent[]> change)
    {
        Assert.That(change(given()), Is.Not.Empty, "the change is accepted while the EG is active");

        var rejection = Assert.Throws<CommandRejected>(() => change(Closed(given())))!;

        Assert.That(rejection.Kind, Is.EqualTo(RejectionKind.BusinessRule));
        Assert.That(rejection.Problems.Single().Message, Is.EqualTo(
            "eg-010000024 was closed by FINESS on 2026-02-01 (absent from the full FINESS extract of 2026-01-31); " +
            "it takes no change until a FINESS import lists it again"));
    }

    [Test]
    public void a_submitted_dossier_may_still_be_rejected_and_ends()
    {
        var eg = Closed(Submitted());

        var rejected = eg.Apply(DossierDecisions.Reject(eg, "d1", "l'établissement a fermé", Validator, Now));

        Assert.That(rejected.OpenDossier, Is.Null);
        Assert.That(rejected.Status, Is.InstanceOf<EGStatus.Closed>());
    }

    private static EG Submitted()
    {
        var eg = WithDraftedStructure();
        return eg.Apply(DossierDecisions.Submit(eg, "d1", Editor, Now));
    }
}
