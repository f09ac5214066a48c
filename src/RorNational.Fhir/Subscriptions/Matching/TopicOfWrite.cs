using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Provenances;
using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions.Matching;

/// <summary>
/// Which topic a published write belongs to, and what of it a subscriber's profile may hear of:
/// the focus (the lieu's Location for capacity, the EJ's or EG's Organization for a description,
/// else the first target it may see) and the other targets it may see. A write none of whose
/// targets the profile may see gives no event at all.
/// </summary>
public static class TopicOfWrite
{
    public static SubscriptionTopic? Of(ProvenanceRecord record) =>
        CapacityStreams.IsCapacityStream(record.Stream) ? SubscriptionTopics.LocationCapacity
        : EstablishmentIds.IsEstablishmentStream(record.Stream) ? SubscriptionTopics.EstablishmentDescription
        : null;

    /// <returns>The focus and the additional context, or null when the profile may see none of the targets.</returns>
    public static (string Focus, string[] Others)? VisibleTo(ProvenanceRecord record, SubscriptionTopic topic, Access.AccessProfile profile)
    {
        var visible = record.Targets
            .Where((target, i) => i < record.TargetClasses.Length ? profile.Sees(record.TargetClasses[i]) : profile.SeesEverything)
            .Where(target => target.StartsWith(topic.ResourceType + "/", StringComparison.Ordinal) || topic == SubscriptionTopics.EstablishmentDescription)
            .ToList();
        if (visible.Count == 0) return null;
        var preferred = $"{topic.ResourceType}/{record.Stream}/_history/";
        var focus = visible.FirstOrDefault(t => t.StartsWith(preferred, StringComparison.Ordinal))
            ?? visible.FirstOrDefault(t => t.StartsWith(topic.ResourceType + "/", StringComparison.Ordinal))
            ?? visible[0];
        return (focus, [.. visible.Where(t => t != focus)]);
    }
}
