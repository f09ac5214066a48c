using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Subscriptions.Topics;

/// <summary>
/// Reads the backport-filter-criteria of a Subscription ("Location?_tag=&lt;TRE-R30 system&gt;|11")
/// into a <see cref="SubscriptionFilter"/>: a small documented set of parameters per topic, each
/// value checked against the reference data; anything else is refused (400), never ignored, so a
/// subscriber never receives more than it asked for believing it is filtered.
/// </summary>
public sealed class FilterCriteria(Territory territory, RegroupementCatalogue regroupements)
{
    public const string Field = "Subscription.criteria.extension";

    public SubscriptionFilter Read(SubscriptionTopic topic, IEnumerable<string> criteria)
    {
        var filter = new SubscriptionFilter();
        foreach (var criterion in criteria) Add(filter, topic, criterion);
        return filter;
    }

    private void Add(SubscriptionFilter filter, SubscriptionTopic topic, string criterion)
    {
        var query = criterion.Trim();
        var mark = query.IndexOf('?');
        if (mark <= 0 || query[..mark] != topic.ResourceType)
            throw Refused($"a filter of topic {topic.Code} is written '{topic.ResourceType}?parameter=value', not '{criterion}'");
        foreach (var pair in query[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : Uri.UnescapeDataString(pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!topic.FilterParameters.Contains(name))
                throw Refused($"topic {topic.Code} cannot be filtered by '{name}': use {string.Join(", ", topic.FilterParameters)}");
            var values = value.Split(',', StringSplitOptions.TrimEntries);
            if (values.Any(string.IsNullOrEmpty)) throw Refused($"filter '{name}' has no value");
            foreach (var one in values) AddValue(filter, name, one);
        }
    }

    private void AddValue(SubscriptionFilter filter, string name, string value)
    {
        switch (name)
        {
            case SubscriptionTopics.RegionTag:
                var bar = value.IndexOf('|');
                var code = bar < 0 ? "" : value[(bar + 1)..];
                if (bar < 0 || value[..bar] != Territory.RegionCodeSystem || territory.FindRegion(code) is null)
                    throw Refused($"_tag takes a région of TRE-R30: '{Territory.RegionCodeSystem}|<code>' with a known code, not '{value}'");
                filter.Regions.Add(code);
                break;
            case SubscriptionTopics.PostalCode:
                if (value.Length > 5 || !value.All(char.IsAsciiLetterOrDigit))
                    throw Refused($"address-postalcode takes the beginning of a postal code (a département: '01', '971'), not '{value}'");
                filter.PostalCodePrefixes.Add(value);
                break;
            case SubscriptionTopics.Organization or SubscriptionTopics.Id:
                var id = value.StartsWith("Organization/", StringComparison.Ordinal) ? value["Organization/".Length..] : value;
                if (EstablishmentIds.FinessOfEG(id) is not { Length: 9 } finess || !finess.All(char.IsAsciiLetterOrDigit))
                    throw Refused($"{name} takes an EG's Organization id ('eg-' and its FINESS number), not '{value}'");
                filter.EGFiness.Add(finess);
                break;
            case SubscriptionTopics.Regroupement:
                if (regroupements.Find(value) is null)
                    throw Refused($"regroupement takes one of {string.Join(", ", regroupements.All.Select(r => r.Code))}, not '{value}'");
                filter.Regroupements.Add(value);
                break;
        }
    }

    private static CommandRejected Refused(string message) => CommandRejected.Because(RejectionKind.Invalid, message, Field);
}
