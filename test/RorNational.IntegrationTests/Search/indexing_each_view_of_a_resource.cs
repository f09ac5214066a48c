using System.Text.Json.Nodes;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;
using RorNational.ReferenceData;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The index rows of every published resource of the search data (samples, telecoms and
/// contacts at every confidentiality level, medico-social offers, a sensitive unit) are
/// exactly, row for row and in order, those of indexing each access-profile view whole, as
/// <see cref="ClassifiedIndex"/> did before it evaluated each parameter once per distinct value set.
/// </summary>
public sealed class indexing_each_view_of_a_resource : SearchFixture
{
    private static readonly SearchIndexer Indexer = new(SearchParameterCatalog.Default, Territory.Default);

    [Test]
    public async Task gives_the_rows_of_indexing_every_view_whole()
    {
        await using var session = App.Store.QuerySession();
        var stored = (await session.Query<OrganizationDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<HealthcareServiceDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<LocationDocument>().Select(d => d.Json).ToListAsync())
            .ToList();
        var several = 0;
        var lastUpdated = DateTimeOffset.Parse("2026-12-01T10:00:00.123Z");
        foreach (var json in stored)
        {
            var parsed = JsonNode.Parse(json)!.AsObject();
            var resource = FhirJson.ParseOwn<Resource>(parsed);
            var classSets = Redaction.ClassSetsOf(parsed);
            if (classSets.Count > 1) several++;
            var expected = EveryViewWhole(resource, parsed, classSets, lastUpdated);
            var before = parsed.ToJsonString();
            var actual = ClassifiedIndex.Build(Indexer, resource, parsed, classSets, lastUpdated);
            Assert.That(parsed.ToJsonString(), Is.EqualTo(before), "the stored resource is left untouched");
            var what = $"{resource.TypeName}/{resource.Id}";
            Assert.That(actual.SortName, Is.EqualTo(expected.SortName), what);
            Assert.That(actual.Tokens, Is.EqualTo(expected.Tokens), what);
            Assert.That(actual.Strings, Is.EqualTo(expected.Strings), what);
            Assert.That(actual.Numbers, Is.EqualTo(expected.Numbers), what);
            Assert.That(actual.Dates, Is.EqualTo(expected.Dates), what);
            Assert.That(actual.References, Is.EqualTo(expected.References), what);
            Assert.That(actual.Positions, Is.EqualTo(expected.Positions), what);
            Assert.That(actual.Texts, Is.EqualTo(expected.Texts), what);
        }
        Assert.That(stored, Has.Count.GreaterThan(40));
        Assert.That(several, Is.GreaterThan(10), "resources with elements of several class sets, hence several views");
    }

    [Test]
    public async Task skips_only_parameters_that_have_no_value_in_a_resource_without_their_extension()
    {
        await using var session = App.Store.QuerySession();
        var resources = (await session.Query<OrganizationDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<HealthcareServiceDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<LocationDocument>().Select(d => d.Json).ToListAsync())
            .Select(FhirJson.Parse<Resource>).ToList();
        var (filtered, skipped, kept) = (0, 0, 0);
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        foreach (var expression in SearchParameterCatalog.Default.Of(type).Select(p => p.ExpressionFor(type)).OfType<string>())
        {
            if (ExtensionFilter.Of(expression) is not { } filter) continue;
            filtered++;
            foreach (var resource in resources.Where(r => r.TypeName == type))
            {
                if (filter.MayMatch(resource)) { kept++; continue; }
                skipped++;
                Assert.That(resource.Select(expression), Is.Empty, $"{expression} on {type}/{resource.Id}");
            }
        }
        Assert.That(filtered, Is.GreaterThan(20), "the extension parameters of the three types");
        Assert.That(skipped, Is.GreaterThan(100));
        Assert.That(kept, Is.GreaterThan(0), "some resources have the extensions, and are evaluated");
    }

    [Test]
    public void an_extension_filter_is_only_for_a_plain_path_from_one_top_level_extension()
    {
        const string price = "Organization.extension.where(url='https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-organization-price')";
        Assert.That(ExtensionFilter.Of(price + ".extension.where(url='amount').value.ofType(Money).value"), Is.Not.Null);
        Assert.That(ExtensionFilter.Of(price + ".exists()"), Is.Null, "exists() has a value on nothing");
        Assert.That(ExtensionFilter.Of(price + ".value | Organization.name"), Is.Null, "a union reads elsewhere");
        Assert.That(ExtensionFilter.Of("Organization.name"), Is.Null);
        Assert.That(ExtensionFilter.Of("Organization.modifierExtension.where(url='x').value"), Is.Null);
    }

    [Test]
    public void an_expression_reads_the_elements_it_names_or_everything()
    {
        var telecom = new HashSet<string> { "telecom" };
        Assert.That(ElementsRead.Of("Organization.name | Organization.alias").AnyOf(telecom), Is.False);
        Assert.That(ElementsRead.Of("Organization.where(type.coding.where(system='telecom').exists()).name").AnyOf(telecom), Is.False,
            "a string literal names nothing");
        Assert.That(ElementsRead.Of("Organization.telecom.where(system='phone')").AnyOf(telecom), Is.True);
        Assert.That(ElementsRead.Of("Organization.descendants().ofType(ContactPoint)").AnyOf(telecom), Is.True);
        Assert.That(ElementsRead.Of("%resource.name").AnyOf(telecom), Is.True);
        Assert.That(ElementsRead.Of("Organization.partOf.resolve().name").AnyOf(telecom), Is.True);
        Assert.That(ElementsRead.Of("Organization.name").AnyOf(new HashSet<string>()), Is.False, "a view hiding nothing");
    }

    /// <summary>The rows as they were built before: every view parsed and indexed whole, then merged.</summary>
    private static SearchIndexRows EveryViewWhole(Resource resource, JsonObject json, IReadOnlyList<DataClass> classSets, DateTimeOffset lastUpdated)
    {
        var views = classSets.Select(set => Indexer.Index(View(resource, json, set, classSets), lastUpdated, set)).ToList();
        var rows = views.Count == 1 ? views[0] : new SearchIndexRows(resource.TypeName, resource.Id!, lastUpdated) { SortName = views[0].SortName };
        if (views.Count > 1)
        {
            rows.Tokens.AddRange(LeastClassified(views.SelectMany(v => v.Tokens), t => t.Requires, t => t with { Requires = DataClass.None }));
            rows.Strings.AddRange(LeastClassified(views.SelectMany(v => v.Strings), s => s.Requires, s => s with { Requires = DataClass.None }));
            rows.Numbers.AddRange(LeastClassified(views.SelectMany(v => v.Numbers), n => n.Requires, n => n with { Requires = DataClass.None }));
            rows.Dates.AddRange(LeastClassified(views.SelectMany(v => v.Dates), d => d.Requires, d => d with { Requires = DataClass.None }));
            rows.References.AddRange(LeastClassified(views.SelectMany(v => v.References), r => r.Requires, r => r with { Requires = DataClass.None }));
            rows.Positions.AddRange(LeastClassified(views.SelectMany(v => v.Positions), p => p.Requires, p => p with { Requires = DataClass.None }));
            rows.Texts.AddRange(LeastClassified(views.SelectMany(v => v.Texts), t => t.Requires, t => t with { Requires = DataClass.None }));
        }
        rows.Tokens.Add(new TokenRow(ClassifiedIndex.AbsenceParam, null, "content", ElementClassification.ContentOf(json)));
        return rows;
    }

    private static Resource View(Resource resource, JsonObject json, DataClass set, IReadOnlyList<DataClass> classSets)
    {
        if (classSets.All(other => (other & set) == other)) return resource;
        var view = json.DeepClone().AsObject();
        Redaction.Remove(view, classes => (classes & ~set) != 0);
        return FhirJson.ParseOwn<Resource>(view);
    }

    private static IEnumerable<TRow> LeastClassified<TRow>(IEnumerable<TRow> rows, Func<TRow, DataClass> requires, Func<TRow, TRow> value)
        where TRow : notnull =>
        rows.GroupBy(value).SelectMany(same =>
        {
            var sets = same.Select(requires).Distinct().ToList();
            return same.DistinctBy(requires).Where(row =>
                !sets.Any(other => other != requires(row) && (other & requires(row)) == other));
        });
}
