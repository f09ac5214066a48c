using Microsoft.AspNetCore.Http;

namespace RorNational.Security.Http;

/// <summary>
/// The host serves HEAD as GET (RorNational.Host.Http.HeadAsGet), marking the request while it
/// runs: an endpoint that streams without end (the availability changes) answers a HEAD with
/// its headers alone instead.
/// </summary>
public static class HeadRequests
{
    public const string ServedAsGet = "RorNational.HeadServedAsGet";

    public static bool IsServedAsGet(HttpContext context) => context.Items.ContainsKey(ServedAsGet);
}
