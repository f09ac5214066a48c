using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Http;
using RorNational.Offer.Capacity.Answers;
using RorNational.Offer.Capacity.Grouping;
using RorNational.Offer.Capacity.Protocol;
using RorNational.Offer.Capacity.Receipts;
using RorNational.Offer.Capacity.Supplying;
using RorNational.Offer.Capacity.Zones;
using RorNational.Security.Callers;
using Wolverine;
using Wolverine.Http;

namespace RorNational.Offer.Capacity.PatchLocation;

/// <summary>
/// The national supplier protocol: a PATCH of a Location's capacity (a Parameters, ROR shape or
/// standard FHIRPath Patch), addressed by <c>identifier=&lt;1+FINESS of the EG&gt;/&lt;idExterneSynchro&gt;</c>
/// or by the Location's id. Checked here in this order: a supplier at all (403), the format
/// (415, 406), the address (400), the right on the EG (403, the same whether the lieu exists or
/// not), the lieu (404, 412), the body (400); then applied in one transaction, alone or with
/// other requests waiting for the same write turn (<see cref="SupplyGroups"/>), and answered once committed.
/// </summary>
public static class PatchLocationEndpoint
{
    [WolverinePatch("/fhir/Location")]
    public static Task<IResult> PatchByIdentifier(HttpContext http, IQuerySession session, IMessageBus bus, CapacityPatchReader reader,
        SupplyGroups groups, CancellationToken cancellation)
    {
        ZoneResolution.EnsureSupplier(Callers.Of(http));
        var identifier = http.Request.Query["identifier"];
        if (identifier.Count != 1 || http.Request.Query.Keys.Any(key => key is not ("identifier" or "_format" or "_pretty")))
            throw CommandRejected.Because(RejectionKind.Invalid,
                "a conditional patch names its Location by identifier only, once: Location?identifier=1<FINESS>/<idExterneSynchro>", "identifier");
        return Patch(http, ZoneAddress.ByIdentifier(identifier[0]), session, bus, reader, groups, cancellation);
    }

    [WolverinePatch("/fhir/Location/{id}")]
    public static Task<IResult> PatchById(string id, HttpContext http, IQuerySession session, IMessageBus bus, CapacityPatchReader reader,
        SupplyGroups groups, CancellationToken cancellation)
    {
        ZoneResolution.EnsureSupplier(Callers.Of(http));
        return Patch(http, ZoneAddress.ById(id), session, bus, reader, groups, cancellation);
    }

    private static async Task<IResult> Patch(HttpContext http, ZoneAddress address, IQuerySession session, IMessageBus bus,
        CapacityPatchReader reader, SupplyGroups groups, CancellationToken cancellation)
    {
        var caller = Callers.Of(http);
        var format = FhirFormat.Of(http.Request);
        var preference = ReturnPreferences.Of(http.Request);
        var requestId = SupplierRequests.RequestId(http.Request);
        var expected = SupplierRequests.ExpectedVersion(http.Request.Headers.IfMatch.ToString(), "If-Match");
        var (body, bytes) = await SupplierRequests.ReadBodyAsync(http.Request, SupplierRequests.MaxPatchBytes, cancellation);
        using (body)
        {
            var zone = ZoneResolution.Resolve(caller, address, await ZoneResolution.CandidatesAsync(session, [address], cancellation));
            var operations = reader.Read(body.RootElement);
            var command = new SupplyCapacity(caller.Client!.Id, requestId, SupplierRequests.RequestIdHeader,
                SupplyReceipt.FingerprintOf(SupplyReceipt.Text($"PATCH {address.Text} {expected}"), bytes),
                AllOrNothing: true, [SupplyEntry.Of(new LieuChange(zone.CapacityStream, zone.LocationId, operations, expected))]);
            var answer = await groups.ApplyAsync(command, bus, http.Features.Get<IHeldWriteTurn>(), cancellation);
            var entry = answer.Entries[0];
            return entry.Applied ? new PatchAnswer(entry, preference, format) : new RefusalAnswer(entry);
        }
    }
}
