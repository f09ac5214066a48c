using RorNational.Domain.Establishments.Importing;

namespace RorNational.Domain.Tests.Establishments.Importing;

public sealed class guarding_closures
{
    [TestCase(100_000, 0)]
    [TestCase(100_000, 40)]
    [TestCase(100_000, 5_000)]
    [TestCase(20, 1)]
    public void closures_within_the_share_are_allowed(int open, int absent)
    {
        Assert.That(ClosureGuard.Check(open, absent, 0.05, confirmed: false), Is.EqualTo(new ClosureCheck(true, null)));
    }

    [Test]
    public void closures_beyond_the_share_are_withheld_with_the_numbers_and_what_to_do()
    {
        var check = ClosureGuard.Check(19, 6, 0.05, confirmed: false);

        Assert.That(check.Allowed, Is.False);
        Assert.That(check.Reason, Does.StartWith("the extract does not list 6 of the 19 open establishments (31.6%), more than the 5% closed"));
        Assert.That(check.Reason, Does.Contain("?confirmClosures=true"));
    }

    [Test]
    public void a_confirmation_allows_any_number_of_closures()
    {
        Assert.That(ClosureGuard.Check(19, 19, 0.05, confirmed: true).Allowed, Is.True);
    }

    [Test]
    public void a_share_of_zero_withholds_every_closure_not_confirmed()
    {
        Assert.That(ClosureGuard.Check(100_000, 1, 0, confirmed: false).Allowed, Is.False);
    }
}
