namespace RorNational.Domain.Common;

/// <summary>Who caused an event: an authenticated client, a person, or the system itself.</summary>
public sealed record Actor(string Id)
{
    public static readonly Actor Anonymous = new("anonymous");
    public static readonly Actor System = new("system");
}
