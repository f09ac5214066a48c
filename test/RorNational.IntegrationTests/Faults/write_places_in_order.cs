using RorNational.Host.Overload;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// The write gate's places alone (<see cref="WritePlaces"/>; over HTTP and PostgreSQL:
/// <see cref="writes_taking_the_cores_reads_leave"/>): writes waiting are served in order of
/// arrival, a newcomer never passes them, and the end of the last read gives a waiting write the
/// place it frees.
/// </summary>
public sealed class write_places_in_order
{
    [Test]
    public async Task the_end_of_the_last_read_lets_the_oldest_waiting_write_in_and_a_newcomer_waits_behind_it()
    {
        var places = new WritePlaces(whileReading: 1, unread: 2, queueLimit: 4);
        var reading = places.Reading();
        var first = await places.TakeAsync(CancellationToken.None);
        var second = places.TakeAsync(CancellationToken.None);
        var secondReading = places.Reading();
        var third = places.TakeAsync(CancellationToken.None);
        Assert.That(first, Is.Not.Null);
        Assert.That(second.IsCompleted || third.IsCompleted, Is.False, "one place while a read is served");

        reading.Dispose();
        await Task.Delay(50);
        Assert.That(second.IsCompleted, Is.False, "a read is still served");
        secondReading.Dispose();
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(5)), Is.Not.Null, "the last read ended: the oldest waiting write gets the second place");
        Assert.That(third.IsCompleted, Is.False, "both places are taken");

        first!.Dispose();
        Assert.That(await third.WaitAsync(TimeSpan.FromSeconds(5)), Is.Not.Null, "a write ended: the next waiting one gets its place");
    }

    [Test]
    public async Task a_newcomer_waits_behind_the_writes_waiting_and_one_that_gives_up_leaves_its_turn()
    {
        var places = new WritePlaces(whileReading: 1, unread: 1, queueLimit: 2);
        var first = await places.TakeAsync(CancellationToken.None);
        using var givingUp = new CancellationTokenSource();
        var impatient = places.TakeAsync(givingUp.Token);
        var patient = places.TakeAsync(CancellationToken.None);
        Assert.That(await places.TakeAsync(CancellationToken.None), Is.Null, "the queue is full: refused at once");

        await givingUp.CancelAsync();
        Assert.ThrowsAsync<TaskCanceledException>(async () => await impatient);
        first!.Dispose();
        Assert.That(await patient.WaitAsync(TimeSpan.FromSeconds(5)), Is.Not.Null, "the write that gave up left its turn to the next");
        var late = places.TakeAsync(CancellationToken.None);
        Assert.That(late.IsCompleted, Is.False, "the one place is taken");
    }
}
