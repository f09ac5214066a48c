using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;
using RorNational.Domain.Practitioners;
using RorNational.Domain.Tests.Dossiers;

namespace RorNational.Domain.Tests.Practitioners;

public sealed class recording_a_professional
{
    private static readonly Terminology Codes = new(new Dictionary<string, IReadOnlySet<string>>
    {
        [PractitionerValueSets.Civilite.ValueSet] = new HashSet<string> { "M", "MLLE", "MME" },
        [PractitionerValueSets.ProfessionSante.ValueSet] = new HashSet<string> { "10", "60", "70" },
        [PractitionerValueSets.ModeExercice.ValueSet] = new HashSet<string> { "S", "L", "B", "I" },
        [PractitionerValueSets.TypeSavoirFaire.ValueSet] = new HashSet<string> { "CM", "S" },
        [PractitionerValueSets.SpecialiteOrdinale.ValueSet] = new HashSet<string> { "SM42", "SM54" },
        [PractitionerValueSets.CompetenceSpecifique.ValueSet] = new HashSet<string> { "01", "02" },
        [DescriptionValueSets.CanalCommunication.ValueSet] = new HashSet<string> { "1", "2", "3" },
    });

    private static readonly PractitionerIdentity Favier = new()
    {
        Civility = "M",
        FamilyName = "FAVIER",
        GivenNames = ["Julien"],
        Mailboxes = [new Telecom("3", "julien.favier@kine.mssante.fr", Confidentiality.Public)],
    };

    private static RecordedPractitioner? Fold(IEnumerable<IDomainEvent> events) =>
        events.Aggregate<IDomainEvent, RecordedPractitioner?>(null, (state, e) => RecordedPractitioner.Evolve(state, e));

    [Test]
    public void a_new_professional_is_recorded_then_the_same_identity_changes_nothing()
    {
        var recorded = PractitionerDecisions.Record(null, "10107654321", Favier, Codes, SampleFiches.Editor, SampleFiches.Now);
        var state = Fold(recorded);

        var again = PractitionerDecisions.Record(state, "10107654321", Favier with { GivenNames = ["Julien"] }, Codes, SampleFiches.Editor, SampleFiches.Now);

        Assert.That(recorded.Single(), Is.InstanceOf<PractitionerRecorded>());
        Assert.That(state!.Id, Is.EqualTo("practitioner-10107654321"));
        Assert.That(state.RecordedAt, Is.EqualTo(SampleFiches.Now));
        Assert.That(again, Is.Empty);
    }

    [Test]
    public void a_changed_identity_replaces_the_recorded_one_and_keeps_when_it_was_first_recorded()
    {
        var state = Fold(PractitionerDecisions.Record(null, "10107654321", Favier, Codes, SampleFiches.Editor, SampleFiches.Now));

        var changed = PractitionerDecisions.Record(state, "10107654321", Favier with { FamilyName = "FAVIER-ROUX" }, Codes,
            SampleFiches.Editor, SampleFiches.Now.AddDays(1));
        var after = RecordedPractitioner.Evolve(state, changed.Single());

        Assert.That(changed.Single(), Is.InstanceOf<PractitionerIdentityChanged>());
        Assert.That(after!.Identity.FamilyName, Is.EqualTo("FAVIER-ROUX"));
        Assert.That(after.RecordedAt, Is.EqualTo(SampleFiches.Now));
    }

    [TestCase("1010765432", "rpps")]
    [TestCase("1010765432a", "rpps")]
    [TestCase("101076543210", "rpps")]
    public void a_malformed_rpps_number_is_refused(string rpps, string field)
    {
        var refusal = Assert.Throws<CommandRejected>(() => PractitionerDecisions.Record(null, rpps, Favier, Codes, SampleFiches.Editor, SampleFiches.Now))!;

        Assert.That(refusal.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(refusal.Problems.Single().Field, Is.EqualTo(field));
    }

    [Test]
    public void every_field_of_an_identity_is_checked_and_named()
    {
        var bad = new PractitionerIdentity
        {
            Civility = "DR",
            FamilyName = " ",
            GivenNames = [""],
            Mailboxes = [new Telecom("99", "x@y.fr", (Confidentiality)7)],
        };

        var refusal = Assert.Throws<CommandRejected>(() => PractitionerDecisions.Record(null, "10107654321", bad, Codes, SampleFiches.Editor, SampleFiches.Now))!;

        Assert.That(refusal.Problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "civility", "familyName", "givenNames[0]", "mailboxes[0].channel", "mailboxes[0].confidentiality",
        }));
    }
}
