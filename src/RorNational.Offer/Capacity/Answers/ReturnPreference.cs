using Microsoft.AspNetCore.Http;

namespace RorNational.Offer.Capacity.Answers;

/// <summary>What the caller's <c>Prefer: return=…</c> asks a write to answer.</summary>
public enum ReturnPreference
{
    /// <summary>No Prefer: the updated Location (a bundle: its statuses only), or the information issues when there are some.</summary>
    Default,
    Minimal,
    Representation,
    OperationOutcome,
}

public static class ReturnPreferences
{
    /// <summary>The return= of the Prefer header (RFC 7240); anything else is the default.</summary>
    public static ReturnPreference Of(HttpRequest request)
    {
        foreach (var preference in request.Headers["Prefer"].SelectMany(h => (h ?? "").Split(',')))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("return", StringComparison.OrdinalIgnoreCase))
                return parts[1].Trim('"') switch
                {
                    "minimal" => ReturnPreference.Minimal,
                    "representation" => ReturnPreference.Representation,
                    "OperationOutcome" => ReturnPreference.OperationOutcome,
                    _ => ReturnPreference.Default,
                };
        }
        return ReturnPreference.Default;
    }
}
