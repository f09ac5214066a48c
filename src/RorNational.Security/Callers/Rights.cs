using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Security.Callers;

/// <summary>
/// What a caller may do on the offer: the one place where a client's registration becomes a
/// yes or a no. Anonymous callers may do none of it.
/// </summary>
public static class Rights
{
    /// <summary>In EditorOf, SupplierOf or ValidatorOf: every EG, every région.</summary>
    public const string All = "*";

    /// <summary>The one answer to a refused caller: it says nothing of the target, not even whether it exists.</summary>
    public const string RefusalMessage = "this client is not allowed to do this";

    /// <summary>Register establishments by hand, import FINESS extracts.</summary>
    public static bool IsAdmin(Caller caller) => caller.Client?.Admin == true;

    /// <summary>Read the history and the editors' view of any establishment.</summary>
    public static bool IsAuditor(Caller caller) => caller.Client?.Auditor == true;

    /// <summary>Edit the EG with this FINESS number (directly or through dossiers); null: an id that names no EG.</summary>
    public static bool MayEdit(Caller caller, string? egFiness) => Covers(caller.Client?.EditorOf, egFiness);

    /// <summary>Whether the caller edits some establishment (it may then record professionals).</summary>
    public static bool EditsSomewhere(Caller caller) => caller.Client?.EditorOf.Count > 0;

    /// <summary>Post the capacity of the EG with this FINESS number; null: an id that names no EG.</summary>
    public static bool MaySupply(Caller caller, string? egFiness) => Covers(caller.Client?.SupplierOf, egFiness);

    /// <summary>Accept or reject the dossiers of EGs in this région (INSEE code); null: an EG whose région is unknown.</summary>
    public static bool MayValidate(Caller caller, string? regionCode) => Covers(caller.Client?.ValidatorOf, regionCode);

    /// <summary>Whether the caller validates dossiers in every région: nothing needs to be read to decide.</summary>
    public static bool ValidatesEverywhere(Caller caller) => caller.Client?.ValidatorOf.Contains(All) == true;

    /// <summary>Whether the caller validates dossiers in some région: if not, it is refused before anything is read.</summary>
    public static bool ValidatesSomewhere(Caller caller) => caller.Client?.ValidatorOf.Count > 0;

    public static HttpRefusal Refusal() => new HttpRefusal(HttpRefusalKind.Forbidden, RefusalMessage);

    private static bool Covers(IReadOnlyList<string>? granted, string? target) =>
        granted is not null && (granted.Contains(All) || (target is not null && granted.Contains(target, StringComparer.OrdinalIgnoreCase)));
}
