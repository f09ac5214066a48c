using CsCheck;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The malformed requests for one registered route ("GET /fhir/Organization/{id}"): those of
/// its own (<paramref name="Specific"/>) and the faults any route can receive, mixed 3 to 1.
/// </summary>
public sealed record RouteGenerator(
    string Route, Func<Targets, Gen<HostileRequest>> Plausible, Func<Targets, Gen<HostileRequest>> Specific, bool HasBody = false)
{
    public Gen<HostileRequest> For(Targets targets) => Gen.Frequency<HostileRequest>(
        (3, Specific(targets)), (1, CrossCutting.Of(targets, Route, Plausible(targets), HasBody)));

    /// <summary>The method and path of <see cref="Route"/>.</summary>
    public HttpMethod Method => new(Route[..Route.IndexOf(' ')]);
}

/// <summary>Small helpers to write generators as lists of cases.</summary>
public static class Cases
{
    /// <summary>One of the given cases, each labelled with its category.</summary>
    public static Gen<HostileRequest> Any(params IGen<HostileRequest>[] cases) => Gen.OneOf<HostileRequest>(cases);

    public static Gen<T> Pick<T>(IReadOnlyList<T> values) => Gen.OneOf([.. values]);

    /// <summary>A URL query value escaped as a client would, NULs included (%00).</summary>
    public static string Q(string value) => Uri.EscapeDataString(value);
}
