using System.Text;
using static RorNational.IntegrationTests.Finess.FinessImportCalls;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// Etalab extracts of any size, as build/benchmarks/finess-import makes them: the sample's first
/// establishment repeated with distinct FINESS numbers (département 69), one EJ per 10 EGs.
/// </summary>
internal static class SyntheticExtracts
{
    /// <param name="first">The first establishment's rank; extracts of disjoint ranks share no EG and no EJ when ranks are multiples of 10.</param>
    public static byte[] Etalab(int first, int count)
    {
        var template = Sample().Split('\n')[1].Split(';');
        var extract = new StringBuilder("finess;etalab;111;2026-05-12\n");
        for (var i = first; i < first + count; i++)
        {
            var fields = (string[])template.Clone();
            fields[1] = $"69{1_000_000 + i:D7}";
            fields[2] = $"69{5_000_000 + i / 10:D7}";
            fields[3] = $"ETABLISSEMENT {i}";
            extract.Append(string.Join(';', fields)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(extract.ToString());
    }
}
