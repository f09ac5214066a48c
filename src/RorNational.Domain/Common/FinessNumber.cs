using System.Text.RegularExpressions;

namespace RorNational.Domain.Common;

/// <summary>
/// FINESS numbers are strings: they keep leading zeros and Corsica's 2A/2B département codes.
/// </summary>
public static partial class FinessNumber
{
    public static bool IsWellFormed(string value) => Shape().IsMatch(value);

    [GeneratedRegex(@"^(\d{2}|2A|2B)\d{7}$")]
    private static partial Regex Shape();
}
