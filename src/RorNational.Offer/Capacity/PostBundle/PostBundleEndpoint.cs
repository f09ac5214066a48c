using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RorNational.Domain.Common;
using RorNational.Fhir.Http;
using RorNational.Offer.Capacity.Answers;
using RorNational.Offer.Capacity.Grouping;
using RorNational.Offer.Capacity.Protocol;
using RorNational.Offer.Capacity.Receipts;
using RorNational.Offer.Capacity.Supplying;
using RorNational.Offer.Capacity.Zones;
using RorNational.Security.Callers;
using RorNational.Security.Limits;
using Wolverine;
using Wolverine.Http;

namespace RorNational.Offer.Capacity.PostBundle;

/// <summary>
/// <c>POST /fhir</c> with a transaction or batch Bundle of capacity PATCHes (each entry a
/// Parameters, its request.url <c>Location?identifier=…</c> or <c>Location/{id}</c>, its
/// request.ifMatch honoured). Each entry is checked as a single PATCH would be; the whole bundle
/// is then applied in one transaction (<see cref="SupplyCapacityHandler"/>, alone or with other
/// requests waiting for the same write turn: <see cref="SupplyGroups"/>), so its Locations are
/// rendered once. A transaction applies all or nothing, and a refusal names the entry at fault;
/// a batch applies what it can and answers each entry. Each entry takes one permit of the
/// client's supply limit (<see cref="ClientLimiters"/>): a bundle past it is refused whole (429).
/// </summary>
public static class PostBundleEndpoint
{
    [WolverinePost("/fhir")]
    public static async Task<IResult> Post(HttpContext http, IQuerySession session, IMessageBus bus, CapacityPatchReader reader,
        IOptions<CapacitySupplyOptions> options, ClientLimiters limiters, SupplyGroups groups, CancellationToken cancellation)
    {
        var caller = Callers.Of(http);
        ZoneResolution.EnsureSupplier(caller);
        var format = FhirFormat.Of(http.Request);
        var preference = ReturnPreferences.Of(http.Request);
        var limits = options.Value;
        // Bundles of thousands of entries: this route alone takes more than the server's default.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = limits.MaxBundleBytes;
        var (body, bytes) = await SupplierRequests.ReadBodyAsync(http.Request, limits.MaxBundleBytes, cancellation);
        using (body)
        {
            var bundle = BundleRequest.Read(body.RootElement, limits.MaxBundleEntries);
            // One permit of the supplier's supply limit per entry (the request took the first), before anything is checked or applied.
            limiters.For(caller, RouteKind.Supply)?.TakeRest(bundle.Entries.Count, "Bundle.entry");
            var addresses = bundle.Entries.Select(entry => Attempt(() => AddressOf(entry))).ToList();
            var candidates = await ZoneResolution.CandidatesAsync(session, addresses.Select(a => a.Value).OfType<ZoneAddress>(), cancellation);
            var entries = bundle.Entries.Select((entry, i) => addresses[i].Refused is { } refused
                ? SupplyEntry.RefusedWith(refused)
                : Attempt(() => SupplyEntry.Of(ChangeOf(entry, addresses[i].Value!, caller, candidates, reader))) switch
                {
                    (var change, null) => change!,
                    (_, var refusal) => SupplyEntry.RefusedWith(refusal),
                }).ToList();
            if (bundle.IsTransaction && entries.FindIndex(e => e.Refused is not null) is >= 0 and var first)
                return new BundleRefusal(bundle.Entries[first], entries[first].Refused!);

            var command = new SupplyCapacity(caller.Client!.Id, bundle.Identifier, "Bundle.identifier",
                SupplyReceipt.FingerprintOf(SupplyReceipt.Text("POST /fhir"), bytes), bundle.IsTransaction, entries);
            var answer = await groups.ApplyAsync(command, bus, http.Features.Get<IHeldWriteTurn>(), cancellation);
            return answer.RefusedEntry is { } refusedEntry
                ? new BundleRefusal(bundle.Entries[refusedEntry], answer.Entries[refusedEntry])
                : new BundleAnswer(bundle.IsTransaction, answer.Entries, preference, format);
        }
    }

    private static ZoneAddress AddressOf(BundleEntryRequest entry)
    {
        if (!string.Equals(entry.Method, "PATCH", StringComparison.Ordinal))
            throw new EntryNotSupported($"{entry.Name}: only PATCH of a Location's capacity is taken here, not {entry.Method ?? "an entry without request.method"}");
        return ZoneAddress.ByUrl(entry.Url, $"Bundle.entry[{entry.Index}].request.url");
    }

    private static LieuChange ChangeOf(BundleEntryRequest entry, ZoneAddress address, Caller caller,
        IReadOnlyList<RorNational.Fhir.Storage.SupplyZone> candidates, CapacityPatchReader reader)
    {
        var zone = ZoneResolution.Resolve(caller, address, candidates);
        var expected = SupplierRequests.ExpectedVersion(entry.IfMatch, $"Bundle.entry[{entry.Index}].request.ifMatch");
        if (entry.Resource is not { } parameters)
            throw CommandRejected.Because(RejectionKind.Invalid, "a PATCH entry carries its Parameters as resource", $"Bundle.entry[{entry.Index}].resource");
        return new LieuChange(zone.CapacityStream, zone.LocationId, reader.Read(parameters), expected);
    }

    /// <summary>The value, or the answer to its refusal (anything else is a failure and goes up).</summary>
    private static (T? Value, EntryAnswer? Refused) Attempt<T>(Func<T> read)
    {
        try
        {
            return (read(), null);
        }
        catch (EntryNotSupported notSupported)
        {
            return (default, EntryAnswers.Refused(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported, notSupported.Message));
        }
        catch (Exception refusal) when (EntryAnswers.Refused(refusal) is { } answer)
        {
            return (default, answer);
        }
    }

    private sealed class EntryNotSupported(string message) : Exception(message);
}
