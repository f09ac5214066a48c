namespace BenchGenerator.Planning;

/// <summary>
/// The generated FINESS numbers: 9 characters, the département's FINESS prefix first ("01",
/// "2A", "971"...), then a kind digit (0 EJ, 1 EG), then the establishment's rank in its
/// département. They have the shape FINESS numbers have (RorNational.Domain's FinessNumber),
/// not FINESS's key digit: they are not real establishments' numbers.
/// </summary>
public static class FinessNumbers
{
    public const char EJ = '0', EG = '1';

    public static string Of(string departement, char kind, int rank)
    {
        var prefix = departement + kind;
        var digits = 9 - prefix.Length;
        if (rank >= Math.Pow(10, digits)) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"département {departement} has more establishments than {digits} digits number");
        return prefix + rank.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>FINESS's département code in an extract line: the DROM have a letter (971 is 9A ... 976 is 9F).</summary>
    public static string ExtractDepartement(string departement) => departement switch
    {
        "971" => "9A", "972" => "9B", "973" => "9C", "974" => "9D", "976" => "9F",
        _ => departement,
    };
}
