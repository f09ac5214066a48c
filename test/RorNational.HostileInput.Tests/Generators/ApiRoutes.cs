using CsCheck;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The /api routes without a body: the editors' view, the timeline, opening a dossier,
/// finalize, submit, withdrawing a fiche, a FINESS import's report. Their faults are in the
/// ids of the path (and, for all routes, in the token and the route itself).
/// </summary>
public static class ApiRoutes
{
    public static IEnumerable<RouteGenerator> Routes() =>
    [
        // 409: the EG already has an open dossier (one at a time).
        Route("POST /api/establishments/{egId}/dossiers", HttpMethod.Post, t => [t.Eg], ids => $"/api/establishments/{ids[0]}/dossiers"),
        Route("GET /api/establishments/{egId}", HttpMethod.Get, t => [t.Eg], ids => $"/api/establishments/{ids[0]}"),
        Route("GET /api/establishments/{establishmentId}/timeline", HttpMethod.Get, t => [t.Eg], ids => $"/api/establishments/{ids[0]}/timeline"),
        // 422: the draft is not finished, so neither finalizing it nor submitting its dossier can succeed.
        Route("POST /api/establishments/{egId}/dossiers/{dossierId}/submit", HttpMethod.Post, t => [t.Eg, t.OpenDossier],
            ids => $"/api/establishments/{ids[0]}/dossiers/{ids[1]}/submit"),
        Route("POST /api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}/finalize", HttpMethod.Post,
            t => [t.Eg, t.OpenDossier, t.DraftFiche], ids => $"/api/establishments/{ids[0]}/dossiers/{ids[1]}/fiches/{ids[2]}/finalize"),
        // A fiche neither published nor drafted: nothing to withdraw.
        Route("DELETE /api/establishments/{egId}/dossiers/{dossierId}/fiches/{ficheId}", HttpMethod.Delete,
            t => [t.Eg, t.OpenDossier, "no-such-fiche"], ids => $"/api/establishments/{ids[0]}/dossiers/{ids[1]}/fiches/{ids[2]}"),
        Route("GET /api/finess/imports/{id}", HttpMethod.Get, t => [t.FinessImport], ids => $"/api/finess/imports/{ids[0]}"),
    ];

    private static RouteGenerator Route(string route, HttpMethod method, Func<Targets, string[]> ids, Func<string[], string> path) => new(route,
        t => Gen.Const(new HostileRequest("plausible", route, method, path(ids(t)))),
        t => Gen.Select(Gen.Int[0, ids(t).Length - 1], Malformed.PathIds, (position, bad) =>
        {
            var faulty = ids(t).ToArray();
            faulty[position] = bad;
            return new HostileRequest(Category.UnknownIds, route, method, path(faulty));
        }));
}
