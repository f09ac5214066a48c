using RorNational.Fhir.Description;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>A replayed version is a value: working out its class sets (a cache) does not change what it equals.</summary>
public sealed class comparing_replayed_versions
{
    private const string Json = """{"resourceType":"Location","id":"l1","name":"Bâtiment A"}""";
    private static readonly DateTimeOffset At = new(2026, 3, 12, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void a_version_whose_class_sets_were_asked_for_equals_the_same_version_never_asked()
    {
        var asked = new ReplayedVersion("Location", "l1", 3, At, Json, "hash", false);
        var never = new ReplayedVersion("Location", "l1", 3, At, Json, "hash", false);

        Assert.That(asked.ClassSets, Is.Not.Null);
        Assert.That(asked, Is.EqualTo(never));
        Assert.That(asked.GetHashCode(), Is.EqualTo(never.GetHashCode()));
    }

    [Test]
    public void versions_that_differ_in_any_member_differ()
    {
        var version = new ReplayedVersion("Location", "l1", 3, At, Json, "hash", false);

        Assert.That(version with { Version = 4 }, Is.Not.EqualTo(version));
        Assert.That(version with { Json = Json.Replace("A", "B") }, Is.Not.EqualTo(version));
        Assert.That(version with { Retired = true }, Is.Not.EqualTo(version));
        Assert.That(version with { LastUpdated = At.AddMilliseconds(1) }, Is.Not.EqualTo(version));
    }
}
