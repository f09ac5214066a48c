namespace RorNational.Domain.Establishments.Importing;

/// <summary>What a full extract may close: all its absent EGs, or none of them.</summary>
/// <param name="Allowed">The absent EGs are closed.</param>
/// <param name="Reason">Why they are not, for the import's report; null when allowed.</param>
public sealed record ClosureCheck(bool Allowed, string? Reason);

/// <summary>
/// A full extract closes the open EGs it does not list. A file cut short, or an extract of
/// one région sent as the national one, would close a large part of the repository: beyond
/// a share of the open EGs, closures wait for an explicit confirmation. FINESS closes a few
/// dozen establishments a month out of about 100,000, far below any sensible share.
/// </summary>
public static class ClosureGuard
{
    public const double DefaultMaxShare = 0.05;

    /// <param name="open">The open EGs of the repository, absent ones included.</param>
    /// <param name="absent">The open EGs the extract does not list.</param>
    /// <param name="maxShare">The largest share of <paramref name="open"/> closed without confirmation, 0 to 1.</param>
    /// <param name="confirmed">The importer asked for every closure, whatever their number.</param>
    public static ClosureCheck Check(int open, int absent, double maxShare, bool confirmed)
    {
        if (absent == 0 || confirmed || absent <= open * maxShare) return new ClosureCheck(true, null);
        return new ClosureCheck(false,
            $"the extract does not list {absent} of the {open} open establishments ({Percent((double)absent / open)}), " +
            $"more than the {Percent(maxShare)} closed without confirmation: none was closed. Check the file is the whole " +
            "national extract; if these closures are expected, import it again with ?confirmClosures=true.");
    }

    private static string Percent(double share) => share.ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture);
}
