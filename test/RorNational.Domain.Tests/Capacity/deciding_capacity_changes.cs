using RorNational.Domain.Capacity;
using RorNational.Domain.Common;

namespace RorNational.Domain.Tests.Capacity;

public class deciding_capacity_changes
{
    private static readonly Actor Supplier = new("supplier-ch-fleyriat");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private static readonly CapacityKey AvailableWomen = new("02", "01", "01", null, null, null, "01");
    private static readonly CapacityKey AvailableMen = new("02", "01", "02", null, null, null, "01");
    private static readonly CapacityKey Installed = new("01", "01", null, null, null, null, "01");

    private static CapacityIndicator Beds(CapacityKey key, int count, DateTimeOffset sourceDate) => new(key, "01", count, "02", sourceDate);

    private static LieuCapacity With(params CapacityIndicator[] indicators) =>
        indicators.Aggregate(new LieuCapacity("capacity-010000024-lieu-rea"),
            (state, indicator) => LieuCapacity.Evolve(state, state.Id, new CapacityIndicatorAdded(indicator, Supplier, Now, null)));

    private static IReadOnlyList<IDomainEvent> Decide(LieuCapacity? state, params CapacityOperation[] operations) =>
        CapacityDecisions.Decide(state, operations, Supplier, Now, "request-1");

    [Test]
    public void each_event_changes_the_indicator_of_the_key_it_names_and_no_other()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddHours(-1)), Beds(Installed, 15, Now.AddHours(-1)));
        object[] events =
        [
            new CapacityIndicatorAdded(Beds(AvailableMen, 2, Now), Supplier, Now, null),
            new CapacityIndicatorReplaced(Beds(AvailableWomen, 4, Now), Supplier, Now, null),
            new CapacityIndicatorDeleted(Installed, Supplier, Now, null),
            new OutdatedCapacityChangeRecorded(Beds(AvailableWomen, 9, Now.AddDays(-1)), Now.AddHours(-1), Supplier, Now, null),
        ];

        foreach (var e in events)
        {
            var after = LieuCapacity.Evolve(state, state.Id, e);
            var changed = state.Indicators.Except(after.Indicators).Concat(after.Indicators.Except(state.Indicators)).Select(i => i.Key).Distinct();
            Assert.That(changed, Is.EqualTo(LieuCapacity.KeyChangedBy(e) is { } key ? new[] { key } : Array.Empty<CapacityKey>()), e.GetType().Name);
        }
    }

    [Test]
    public void an_add_of_a_new_key_records_the_indicator_with_its_supplier_and_request()
    {
        var events = Decide(null, CapacityOperation.Add(Beds(AvailableWomen, 3, Now.AddMinutes(-2))));

        var added = events.Single() as CapacityIndicatorAdded;
        Assert.That(added, Is.Not.Null);
        Assert.That((added!.Indicator.Count, added.By, added.At, added.RequestId), Is.EqualTo((3, Supplier, Now, "request-1")));
    }

    [Test]
    public void an_add_of_an_existing_key_is_refused_as_a_business_rule()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddHours(-1)));

        var refused = Assert.Throws<CapacityChangeRefused>(() => Decide(state, CapacityOperation.Add(Beds(AvailableWomen, 4, Now))));
        Assert.That(refused!.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
        Assert.That(refused.Message, Does.Contain("exists already"));
    }

    [Test]
    public void a_replace_of_a_missing_key_is_not_found_so_the_supplier_adds_it()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddHours(-1)));

        var refused = Assert.Throws<CapacityChangeRefused>(() => Decide(state, CapacityOperation.Replace(AvailableMen, Beds(AvailableMen, 1, Now))));
        Assert.That(refused!.Kind, Is.EqualTo(CapacityRefusalKind.IndicatorNotFound));
        Assert.That(refused.Problems.Single().Expression, Does.StartWith("Location.extension.where(url='"));
    }

    [Test]
    public void a_replace_selects_the_exact_key_and_leaves_the_others()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddHours(-1)), Beds(AvailableMen, 2, Now.AddHours(-1)));

        var events = Decide(state, CapacityOperation.Replace(AvailableMen, Beds(AvailableMen, 0, Now)));
        var after = events.Aggregate(state, (s, e) => LieuCapacity.Evolve(s, s.Id, e));

        Assert.That(after.Find(AvailableMen)!.Count, Is.EqualTo(0));
        Assert.That(after.Find(AvailableWomen)!.Count, Is.EqualTo(3));
    }

    [Test]
    public void an_older_replace_is_recorded_as_outdated_and_changes_nothing()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddMinutes(-5)));

        var events = Decide(state, CapacityOperation.Replace(AvailableWomen, Beds(AvailableWomen, 9, Now.AddMinutes(-30))));

        var outdated = events.Single() as OutdatedCapacityChangeRecorded;
        Assert.That(outdated, Is.Not.Null);
        Assert.That(outdated!.CurrentSourceDate, Is.EqualTo(Now.AddMinutes(-5)));
        Assert.That(LieuCapacity.Evolve(state, state.Id, outdated).Find(AvailableWomen)!.Count, Is.EqualTo(3));
    }

    [Test]
    public void the_same_record_again_records_nothing()
    {
        var record = Beds(AvailableWomen, 3, Now.AddMinutes(-5));
        Assert.That(Decide(With(record), CapacityOperation.Replace(AvailableWomen, record)), Is.Empty);
    }

    [Test]
    public void a_delete_removes_the_key_and_a_missing_one_is_not_found()
    {
        var state = With(Beds(AvailableWomen, 3, Now.AddHours(-1)));

        Assert.That(Decide(state, CapacityOperation.Delete(AvailableWomen)).Single(), Is.TypeOf<CapacityIndicatorDeleted>());
        Assert.That(Assert.Throws<CapacityChangeRefused>(() => Decide(state, CapacityOperation.Delete(AvailableMen)))!.Kind,
            Is.EqualTo(CapacityRefusalKind.IndicatorNotFound));
    }

    [Test]
    public void operations_see_the_ones_before_them()
    {
        var events = Decide(null,
            CapacityOperation.Add(Beds(Installed, 12, Now)),
            CapacityOperation.Replace(Installed, Beds(Installed, 14, Now)),
            CapacityOperation.Delete(Installed));

        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[]
            { typeof(CapacityIndicatorAdded), typeof(CapacityIndicatorReplaced), typeof(CapacityIndicatorDeleted) }));
    }

    [Test]
    public void a_lieu_holds_beds_or_places_not_both()
    {
        var state = With(Beds(Installed, 12, Now));

        var places = new CapacityIndicator(AvailableWomen, "02", 1, "02", Now);
        var refused = Assert.Throws<CapacityChangeRefused>(() => Decide(state, CapacityOperation.Add(places)));
        Assert.That(refused!.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
        Assert.That(refused.Problems.Single().Expression, Does.EndWith(".extension('capacityType')"));
    }

    [Test]
    public void a_source_date_ahead_of_the_time_received_is_refused()
    {
        var refused = Assert.Throws<CapacityChangeRefused>(() => Decide(null, CapacityOperation.Add(Beds(Installed, 12, Now.AddHours(1)))));
        Assert.That(refused!.Kind, Is.EqualTo(CapacityRefusalKind.Invalid));

        Assert.That(Decide(null, CapacityOperation.Add(Beds(Installed, 12, Now + CapacityDecisions.ClockSkew))), Has.Count.EqualTo(1));
    }

    [Test]
    public void indicators_stay_in_the_order_of_their_keys_whatever_the_order_they_came_in()
    {
        var one = With(Beds(AvailableWomen, 1, Now), Beds(Installed, 2, Now), Beds(AvailableMen, 3, Now));
        var other = With(Beds(AvailableMen, 3, Now), Beds(AvailableWomen, 1, Now), Beds(Installed, 2, Now));

        Assert.That(one.Indicators, Is.EqualTo(other.Indicators));
    }
}
