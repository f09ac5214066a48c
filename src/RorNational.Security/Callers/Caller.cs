using Microsoft.AspNetCore.Http;
using RorNational.Security.Clients;

namespace RorNational.Security.Callers;

/// <summary>
/// Who is calling: a registered client, or nobody (anonymous) reading with the profile the
/// deployment grants to anonymous callers.
/// </summary>
public sealed record Caller(ClientRegistration? Client, string Profile)
{
    public bool IsAnonymous => Client is null;
}

public static class Callers
{
    /// <summary>The caller the authentication step identified for this request.</summary>
    public static Caller Of(HttpContext http) =>
        http.Features.Get<Caller>() ?? throw new InvalidOperationException("no caller was identified for this request");
}
