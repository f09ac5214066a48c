namespace BenchGenerator.Planning;

/// <summary>
/// Counts at a scale: 1.0 is the national directory of issue 15, about 60,000 EJ and 100,000
/// EG (with about 3 UOs and 3 lieux each: 300,000 of each, from the EG kinds' UO counts).
/// </summary>
public static class ScaleCounts
{
    public const int NationalEJ = 60_000, NationalEG = 100_000;

    public static int EGs(double scale) => Math.Max(1, (int)Math.Round(NationalEG * scale));

    public static int EJs(double scale) => Math.Max(1, (int)Math.Round(NationalEJ * scale));
}
