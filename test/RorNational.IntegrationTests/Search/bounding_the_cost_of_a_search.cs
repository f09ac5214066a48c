using Hl7.Fhir.Model;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The bounds of Search (SearchOptions): past each, 400 naming the parameter and the bound,
/// at once, before any SQL; below them, the searches run. Before these bounds, name=a 200
/// times took 26 s, a _filter of 300 and-terms and a chain of 400 partof ran into the 30 s
/// command timeout (500), and a deeply nested _filter could overflow the parser's stack.
/// </summary>
public sealed class bounding_the_cost_of_a_search : HostileSearchFixture
{
    [Test]
    public async Task too_many_criteria_are_refused_naming_the_bound()
    {
        Assert.That((await Refused("Organization?" + Repeat("name=a", 200, "&"))).Issue.Single().Diagnostics, Does.Contain("Search:Max"));
        var outcome = await Refused("Organization?" + Repeat("name=a", 21, "&"));
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "name" }));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxCriteria").And.Contain("20"));
        Assert.That(await Answered("Organization?" + Repeat("name=a", 20, "&")), Is.Zero, "20 criteria still run");
    }

    [Test]
    public async Task the_comparisons_of_filters_count_as_criteria()
    {
        var filter = "_filter=" + Repeat("specialty eq 270", 15, " or ");
        var outcome = await Refused("HealthcareService?" + filter + "&" + filter);
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "_filter" }));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxCriteria"));
        Assert.That(await Answered("HealthcareService?" + filter + "&" + Repeat("name=a", 5, "&")), Is.Zero);
    }

    [Test]
    public async Task too_many_parameters_are_refused_naming_the_bound()
    {
        var outcome = await Refused("Organization?" + Repeat("_sort=_id", 61, "&"));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxParameters"));
    }

    [Test]
    public async Task too_many_values_in_one_parameter_are_refused()
    {
        var outcome = await Refused("Organization?name=" + Repeat("a", 101, ","));
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "name" }));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxValuesPerParameter"));
        Assert.That(await Answered("Organization?_id=" + Repeat("x", 100, ",")), Is.Zero);
    }

    [TestCase("_include:iterate=Organization:partof", 30)]
    [TestCase("_include:iterate=Organization:partof", 11)]
    [TestCase("_revinclude=Organization:partof", 11)]
    public async Task too_many_includes_are_refused_naming_the_bound(string include, int times)
    {
        var outcome = await Refused("Organization?" + Repeat(include, times, "&"));
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { include.Split('=')[0] }));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxIncludes").And.Contain("10"));
    }

    [Test]
    public async Task ten_includes_still_run()
    {
        var includes = Repeat("_include:iterate=Organization:partof", 5, "&") + "&" + Repeat("_revinclude=Organization:partof", 5, "&");
        Assert.That(await Answered("Organization?" + includes), Is.GreaterThan(0));
    }

    [Test]
    public async Task a_long_chain_or_deep_has_is_refused_naming_the_bound()
    {
        var chain = await Refused("Organization?" + Repeat("partof", 400, ".") + ".name=x");
        Assert.That(chain.Issue.Single().Diagnostics, Does.Contain("Search:MaxChainDepth"));
        Assert.That(await Answered("Organization?partof.partof.partof.partof.name=x"), Is.Zero, "4 references still run");

        var has = await Refused("Organization?" + Repeat("_has:Organization:partof", 4, ":") + ":name=x");
        Assert.That(has.Issue.Single().Diagnostics, Does.Contain("Search:MaxHasDepth"));
        Assert.That(await Answered("Organization?" + Repeat("_has:Organization:partof", 3, ":") + ":name=x"), Is.Zero);
    }

    [Test]
    public async Task a_chain_inside_a_filter_is_bounded_too()
    {
        var outcome = await Refused("HealthcareService?_filter=organization." + Repeat("partof", 10, ".") + ".name eq x");
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:MaxChainDepth"));
    }

    [Test]
    public async Task a_filter_of_many_terms_is_refused_naming_the_bound()
    {
        var terms = await Refused("HealthcareService?_filter=" + Repeat("specialty eq 270", 300, " and "));
        Assert.That(terms.Issue.Single().Expression, Is.EqualTo(new[] { "_filter" }));
        Assert.That(terms.Issue.Single().Diagnostics, Does.Contain("Search:Max"), "its length is the first bound it meets");

        var comparisons = await Refused("HealthcareService?_filter=" + Repeat("active eq true", 21, " or "));
        Assert.That(comparisons.Issue.Single().Diagnostics, Does.Contain("Search:MaxFilterComparisons"));
        Assert.That(await Answered("HealthcareService?_filter=" + Repeat("specialty eq 270", 20, " or ")), Is.Zero);
    }

    [Test]
    public async Task a_deeply_nested_filter_is_refused_without_recursing()
    {
        var deep = await Refused("HealthcareService?_filter=" + new string('(', 100_000) + "active eq true" + new string(')', 100_000));
        Assert.That(deep.Issue.Single().Expression, Is.EqualTo(new[] { "_filter" }));

        var parentheses = await Refused("HealthcareService?_filter=" + new string('(', 1_000) + "active eq true" + new string(')', 1_000));
        Assert.That(parentheses.Issue.Single().Diagnostics, Does.Contain("Search:MaxFilterDepth"));

        var nested = await Refused("HealthcareService?_filter=" + Repeat("not (", 9, "") + "active eq true" + new string(')', 9));
        Assert.That(nested.Issue.Single().Diagnostics, Does.Contain("Search:MaxFilterDepth"));
        Assert.That(await Answered("HealthcareService?_filter=" + Repeat("(", 8, "") + "specialty eq 270" + new string(')', 8)), Is.Zero);
    }

    [TestCase("colour eq blue")]
    [TestCase("specialty eq 270 or colour eq blue")]
    [TestCase("location.colour eq blue")]
    public async Task an_unknown_parameter_inside_a_filter_is_refused_even_under_lenient_handling(string filter)
    {
        var outcome = await Refused("HealthcareService?_filter=" + filter);
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "_filter" }), outcome.Issue.Single().Diagnostics);
        Assert.That(outcome.Issue.Single().Severity, Is.EqualTo(OperationOutcome.IssueSeverity.Error));
    }

    [Test]
    public async Task a_very_long_name_or_value_is_refused()
    {
        Assert.That((await Refused("Organization?" + new string('n', 300) + "=x")).Issue.Single().Diagnostics, Does.Contain("Search:MaxNameLength"));
        Assert.That((await Refused("Organization?name=" + new string('v', 5000))).Issue.Single().Diagnostics, Does.Contain("Search:MaxValueLength"));
    }
}
