namespace RorNational.Domain.Common;

/// <summary>Every event says who caused it and when it happened in the business's time.</summary>
public interface IDomainEvent
{
    Actor By { get; }
    DateTimeOffset At { get; }
}
