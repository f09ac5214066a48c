using RorNational.Fhir.Search.Definitions;
using RorNational.IntegrationTests;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The README's list of search parameters is generated from fhir-profiles/SearchParameter.
/// Outside CI a stale list is rewritten (commit the README); under CI=true it fails.
/// </summary>
public sealed class the_readme
{
    [Test]
    public void lists_exactly_the_supported_search_parameters()
    {
        var path = Path.Combine(TestPostgres.RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(SearchParameterDocumentation.Start, StringComparison.Ordinal);
        var end = readme.IndexOf(SearchParameterDocumentation.End, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0).And.LessThan(end), "the README has the generated section's markers");
        var current = readme[start..(end + SearchParameterDocumentation.End.Length)];
        var expected = SearchParameterDocumentation.Markdown(SearchParameterCatalog.Default);
        if (current == expected) return;
        if (Environment.GetEnvironmentVariable("CI") != "true")
            File.WriteAllText(path, readme[..start] + expected + readme[(end + SearchParameterDocumentation.End.Length)..]);
        Assert.Fail("README.md listed other search parameters than fhir-profiles/SearchParameter" +
                    (Environment.GetEnvironmentVariable("CI") == "true" ? "" : ": it has been regenerated, commit it"));
    }
}
