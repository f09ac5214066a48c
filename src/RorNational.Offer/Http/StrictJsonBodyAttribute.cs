using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Wolverine.Configuration;
using Wolverine.Http;

namespace RorNational.Offer.Http;

/// <summary>
/// Binds an endpoint's command from the request body through <see cref="JsonBody"/> (unknown
/// members, duplicate keys and wrong types refused with a 400 naming the field; 413 over
/// <see cref="JsonBody.MaxBytes"/>; 415 unless JSON) instead of Wolverine's lenient binding.
/// With <see cref="Optional"/>, an empty body gives null. Wolverine generates the call; it runs
/// after the rights check (an ASP.NET middleware before every endpoint).
/// </summary>
public sealed class StrictJsonBodyAttribute : HttpChainParameterAttribute
{
    /// <summary>Whether the body may be absent (then the command is null).</summary>
    public bool Optional { get; init; }

    public override Variable Modify(HttpChain chain, ParameterInfo parameter, IServiceContainer container)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var reader = typeof(JsonBody).GetMethod(Optional ? nameof(JsonBody.ReadOptionalAsync) : nameof(JsonBody.ReadAsync),
            [typeof(Microsoft.AspNetCore.Http.HttpContext)])!.MakeGenericMethod(type);
        var call = new MethodCall(typeof(JsonBody), reader);
        chain.Middleware.Add(call);
        return call.ReturnVariable!;
    }

    /// <summary>Only HTTP endpoints have a body: on a message handler this is a mistake, refused at start-up.</summary>
    public override Variable Modify(IChain chain, ParameterInfo parameter, IServiceContainer container, GenerationRules rules) =>
        chain is HttpChain http
            ? Modify(http, parameter, container)
            : throw new InvalidOperationException($"[StrictJsonBody] is for HTTP endpoints only, not {chain}");
}
