using System.Globalization;
using Hl7.Fhir.Model;
using NpgsqlTypes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Absence;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Writes the SQL condition of a criterion on a resource-table alias: always
/// "alias.id in (an index lookup)", each lookup led by (resource_type, param, value) so that
/// it is an index range, and each keeping only the rows the caller's profile may see
/// (<see cref="Visible"/>): a search never matches on data the caller cannot read.
/// </summary>
/// <param name="commonMasks">The class masks most common in the index (<see cref="IndexedMasks"/>): the visible ones are named in <see cref="Visible"/> for the planner's sake.</param>
public sealed partial class CriterionSql(string schema, SqlQuery query, AccessProfile profile, IReadOnlyList<int> commonMasks)
{
    private int _aliases;
    private string? _hiddenAlone;
    private string? _visibleCommon;

    /// <summary>
    /// The rows of an index alias that the profile may see: no class it hides alone, and not
    /// all the classes of any combination it hides. A filter on the index rows already
    /// reached by (type, param, value), never the index a query is led by.
    /// </summary>
    public string Visible(string alias) => Visible(alias, "requires");

    /// <summary>The rows of an index alias whose mask in <paramref name="column"/> the profile may see.</summary>
    private string Visible(string alias, string column)
    {
        if (profile.SeesEverything) return "true";
        _hiddenAlone ??= query.Add((int)profile.HiddenAlone, NpgsqlDbType.Integer);
        // The index's common masks that the profile may see, and 0, as integer literals read
        // from pg_stats: "requires in (...) or" changes nothing of the result (the bit test
        // alone decides) but everything of the plan. PostgreSQL estimates a bit test at 0.5 %
        // of the rows, a list of values from the column's statistics; with lookups estimated
        // 200 times too small it chose nested loops of per-row probes (IndexedMasks).
        _visibleCommon ??= string.Join(", ", commonMasks.Where(m => !profile.Hides((DataClass)m)).Prepend(0).Distinct().Order());
        // Combinations are integers of the configuration, written as literals.
        var together = profile.HiddenTogether.Select(c => $" and {alias}.{column} & {(int)c} <> {(int)c}");
        return $"({alias}.{column} in ({_visibleCommon}) or ({alias}.{column} & {_hiddenAlone} = 0{string.Concat(together)}))";
    }

    private string NextAlias(string prefix) => prefix + ++_aliases;

    public string Predicate(Criterion criterion, string resourceType, string alias) => criterion switch
    {
        AllOf all => "(" + string.Join(" and ", SameIndicator.Grouped(all.Criteria, resourceType).Select(c => Predicate(c, resourceType, alias))) + ")",
        SameIndicator same => Capacity(same, alias),
        ParameterCriterion capacity when SameIndicator.IsCapacity(capacity, resourceType) => Capacity(new SameIndicator([capacity]), alias),
        SameEquipment same => Equipment(same, alias),
        ParameterCriterion equipment when SameEquipment.IsEquipment(equipment, resourceType) => Equipment(new SameEquipment([equipment]), alias),
        SamePrice same => Price(same, alias),
        ParameterCriterion price when SamePrice.IsPrice(price, resourceType) => Price(new SamePrice([price]), alias),
        // A negation holds only where the caller may see what the resource has: otherwise hidden
        // data would read as absent, and "not (name pr true)" would single out sensitive units.
        Not not => $"(not {Predicate(not.Criterion, resourceType, alias)} and {ContentVisible(resourceType, alias)})",
        HasCriterion has => $"{alias}.id in ({HasIds(has, resourceType)})",
        _ when IdsOf(criterion, resourceType) is { } ids => $"{alias}.id in ({ids})",
        ParameterCriterion parameter => Parameter(parameter, resourceType, alias),
        _ => throw new NotSupportedException(criterion.GetType().Name),
    };

    /// <summary>
    /// The ids a criterion matches, as a subquery on the index alone (ids may repeat), when it is
    /// a lookup of the index rows of the resources searched: null for what is tested on the
    /// resource row or against it (its id, lastUpdated, a missing parameter, a negation, a
    /// capacity, equipment or price group), and for _has, whose ids are the targets of other
    /// resources' references, published or not. Index rows exist only for published
    /// resources, so the ids of their own lookups are matches as they are.
    /// </summary>
    public string? IdsOf(Criterion criterion, string resourceType) => criterion switch
    {
        SameIndicator or SameEquipment or SamePrice or AllOf or Not or HasCriterion => null,
        ParameterCriterion p when SameIndicator.IsCapacity(p, resourceType) || SameEquipment.IsEquipment(p, resourceType) || SamePrice.IsPrice(p, resourceType) => null,
        // A union of index lookups rather than "or": each branch stays a semi-join on its index.
        AnyOf any => string.Join(" union ", any.Criteria.Select(c => Ids(c, resourceType))),
        ChainCriterion chain => ChainIds(chain, resourceType),
        ParameterCriterion { Values: [MissingValue] } => null,
        ParameterCriterion { Parameter.Code: "_id" or "_lastUpdated" } => null,
        ParameterCriterion parameter => ParameterIds(parameter, resourceType),
        _ => null,
    };

    /// <summary>The ids of <paramref name="resourceType"/> matching a criterion, as a subquery.</summary>
    public string Ids(Criterion criterion, string resourceType)
    {
        var t = NextAlias("t");
        return $"select {t}.id from {schema}.fhir_search_resource {t} where {t}.resource_type = {Text(resourceType)} and {Predicate(criterion, resourceType, t)}";
    }

    private string ChainIds(ChainCriterion chain, string resourceType)
    {
        if (chain.Target is SameIndicator indicator && ServiceCapacityIds(chain, resourceType, indicator) is { } services) return services;
        var x = NextAlias("x");
        var targets = (chain.Target is SameIndicator same ? CapacityIds(same) : null) ?? Ids(chain.Target, chain.TargetType);
        if (chain.Hierarchy)
        {
            // The matching organizations and every organization below them, through partOf.
            var c = NextAlias("c");
            targets = $"with recursive tree(id) as ({targets} union select {c}.id from {schema}.fhir_search_reference {c} join tree on {c}.target_id = tree.id " +
                      $"where {c}.resource_type = 'Organization' and {c}.param = 'partof' and {c}.target_type = 'Organization' and {Visible(c)}) select id from tree";
        }
        return $"select {x}.id from {schema}.fhir_search_reference {x} where {x}.resource_type = {Text(resourceType)} " +
               $"and {x}.param = {Text(chain.Reference.Code)} and {x}.target_type = {Text(chain.TargetType)} and {Visible(x)} " +
               $"and {x}.target_id in ({targets})";
    }

    private string HasIds(HasCriterion has, string resourceType)
    {
        var x = NextAlias("x");
        return $"select {x}.target_id from {schema}.fhir_search_reference {x} where {x}.resource_type = {Text(has.SourceType)} " +
               $"and {x}.param = {Text(has.Reference.Code)} and {x}.target_type = {Text(resourceType)} and {Visible(x)} " +
               $"and {x}.id in ({Ids(has.Source, has.SourceType)})";
    }

    /// <summary>A criterion tested on the resource row: its id, lastUpdated, a missing parameter.</summary>
    private string Parameter(ParameterCriterion criterion, string resourceType, string alias)
    {
        var parameter = criterion.Parameter;
        if (criterion.Values is [MissingValue missing])
            return Missing(parameter, missing.Missing, resourceType, alias);
        return parameter.Code switch
        {
            "_id" => $"{alias}.id = any({query.Add(criterion.Values.Cast<TokenValue>().Select(v => v.Code ?? "").ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
            "_lastUpdated" => "(" + string.Join(" or ", criterion.Values.Cast<DateValue>().Select(v => DateCondition(v, $"{alias}.last_updated", $"{alias}.last_updated"))) + ")",
            _ => throw new NotSupportedException(parameter.Code),
        };
    }

    /// <summary>The ids of a parameter's index lookup.</summary>
    private string ParameterIds(ParameterCriterion criterion, string resourceType)
    {
        var parameter = criterion.Parameter;
        return parameter.Code switch
        {
            "_content" => ContentIds(criterion.Values.Cast<ContentValue>(), resourceType),
            "near" or "near-insee-code" => NearIds(criterion.Values.Cast<NearValue>(), resourceType),
            _ => parameter.Type switch
            {
                SearchParamType.Token or SearchParamType.Uri => TokenIds(parameter.Code, criterion.Values.Cast<TokenValue>(), resourceType),
                SearchParamType.String => StringIds(parameter.Code, criterion.Modifier, criterion.Values.Cast<StringValue>(), resourceType),
                SearchParamType.Date => Lookup("date", parameter.Code, resourceType, "d",
                    d => string.Join(" or ", criterion.Values.Cast<DateValue>().Select(v => DateCondition(v, $"{d}.low", $"{d}.high")))),
                SearchParamType.Number or SearchParamType.Quantity => Lookup("number", parameter.Code, resourceType, "n",
                    n => string.Join(" or ", criterion.Values.Cast<NumberValue>().Select(v => NumberCondition(v, n)))),
                SearchParamType.Reference => Lookup("reference", parameter.Code, resourceType, "x",
                    x => string.Join(" or ", criterion.Values.Cast<ReferenceValue>().Select(v => v.Type is null
                        ? $"{x}.target_id = {Text(v.Id)}"
                        : $"({x}.target_id = {Text(v.Id)} and {x}.target_type = {Text(v.Type)})"))),
                _ => throw new NotSupportedException(parameter.Type.ToString()),
            },
        };
    }

    /// <summary>select id from the parameter's index table where the parameter and a condition hold.</summary>
    private string Lookup(string table, string code, string resourceType, string prefix, Func<string, string> condition)
    {
        var i = NextAlias(prefix);
        return $"select {i}.id from {schema}.fhir_search_{table} {i} where {i}.resource_type = {Text(resourceType)} " +
               $"and {i}.param = {Text(code)} and {Visible(i)} and ({condition(i)})";
    }

    private string TokenIds(string code, IEnumerable<TokenValue> values, string resourceType) =>
        Lookup("token", code, resourceType, "k", k =>
        {
            var list = values.ToList();
            var anySystem = list.Where(v => v is { System: null, NoSystem: false, Code: not null }).Select(v => v.Code!).ToArray();
            var conditions = new List<string>();
            // One code as an equality: the value index then gives the ids in order (PostgreSQL 15
            // reads "= any" unordered), and a page sorted by id stops at its last match.
            if (anySystem is [var one]) conditions.Add($"{k}.code = {Text(one)}");
            else if (anySystem.Length > 0) conditions.Add($"{k}.code = any({query.Add(anySystem, NpgsqlDbType.Array | NpgsqlDbType.Text)})");
            foreach (var value in list.Where(v => v.System is not null || v.NoSystem))
                conditions.Add((value.System, value.Code) switch
                {
                    (null, { } c) => $"({k}.code = {Text(c)} and {k}.system is null)",
                    ({ } s, null) => $"{k}.system = {Text(s)}",
                    ({ } s, { } c) => $"({k}.code = {Text(c)} and {k}.system = {Text(s)})",
                    _ => "false",
                });
            return string.Join(" or ", conditions);
        });

    private string StringIds(string code, string? modifier, IEnumerable<StringValue> values, string resourceType) =>
        Lookup("string", code, resourceType, "s", s => string.Join(" or ", values.Select(value =>
        {
            var normalized = TextNormalizer.Normalize(value.Text);
            return modifier switch
            {
                "exact" => $"({s}.normalized = {Text(normalized)} and {s}.exact = {Text(value.Text)})",
                "contains" => $"{s}.normalized like {Text("%" + EscapeLike(normalized) + "%")}",
                _ => PrefixRange($"{s}.normalized", normalized),
            };
        })));

    /// <summary>Starts-with as an index range: prefix &lt;= value &lt; the prefix's successor.</summary>
    private string PrefixRange(string column, string prefix)
    {
        if (prefix.Length == 0) return "true";
        var last = prefix[^1];
        if (char.IsSurrogate(last) || last == char.MaxValue) return $"starts_with({column}, {Text(prefix)})";
        var successor = prefix[..^1] + (char)(last + 1);
        return $"({column} >= {Text(prefix)} and {column} < {Text(successor)})";
    }

    private string ContentIds(IEnumerable<ContentValue> values, string resourceType)
    {
        var w = NextAlias("w");
        // Words are letters and digits only (TextNormalizer.Words): each becomes a prefix term.
        var queries = values.Select(v => $"to_tsquery('french', {Text(string.Join(" & ", v.Words.Select(word => word + ":*")))})");
        return $"select {w}.id from {schema}.fhir_search_text {w} where {w}.resource_type = {Text(resourceType)} " +
               $"and {Visible(w)} and ({string.Join(" or ", queries.Select(q => $"{w}.document @@ {q}"))})";
    }

    private string NearIds(IEnumerable<NearValue> values, string resourceType)
    {
        var p = NextAlias("p");
        var circles = values.Select(v => Circle(v, p));
        return $"select {p}.id from {schema}.fhir_search_position {p} where {p}.resource_type = {Text(resourceType)} " +
               $"and {Visible(p)} and ({string.Join(" or ", circles)})";
    }

    /// <summary>A bounding box (GiST index on the point) refined by the great-circle distance.</summary>
    private string Circle(NearValue near, string p)
    {
        var latitudeDelta = near.DistanceKm / 111.19;
        var longitudeDelta = near.DistanceKm / (111.19 * Math.Max(Math.Cos(near.Latitude * Math.PI / 180), 0.01));
        var box = $"box(point({Number(near.Longitude - longitudeDelta)}, {Number(near.Latitude - latitudeDelta)}), " +
                  $"point({Number(near.Longitude + longitudeDelta)}, {Number(near.Latitude + latitudeDelta)}))";
        var parameters = near.CommuneCentroids ? $"array['near', '{SearchIndexer.CommuneCentroidParam}']" : "array['near']";
        return $"({p}.param = any({parameters}) and point({p}.longitude, {p}.latitude) <@ {box} " +
               $"and {DistanceKm(p, near)} <= {Number(near.DistanceKm)})";
    }

    /// <summary>Haversine distance in km between a position row and the circle's centre.</summary>
    public string DistanceKm(string p, NearValue near)
    {
        var latitude = Number(near.Latitude);
        var longitude = Number(near.Longitude);
        return $"(2 * 6371.0088 * asin(sqrt(power(sin(radians({p}.latitude - {latitude}) / 2), 2) + " +
               $"cos(radians({latitude})) * cos(radians({p}.latitude)) * power(sin(radians({p}.longitude - {longitude}) / 2), 2))))";
    }

    private string Missing(SearchParameterDefinition parameter, bool missing, string resourceType, string alias)
    {
        var code = parameter.Code;
        var m = NextAlias("m");
        var values = $"from {schema}.fhir_search_{AbsentParameters.TableOf(parameter.Type)} {m} where {m}.resource_type = {Text(resourceType)} and {m}.id = {alias}.id and {m}.param = {Text(code)}";
        if (!missing) return $"exists (select 1 {values} and {Visible(m)})";
        // A parameter whose every value the profile hides (drop-zone for all but P1): it can
        // know neither presence nor absence, or :missing=true would single out who has one.
        if (!profile.MaySearch(ParameterClasses.Of(code))) return "false";
        // Missing: no value at all, hidden or not (the resource row's absent parameters, under
        // a GIN index), and the caller may know what the resource lacks
        // (ClassifiedIndex.AbsenceParam): a hidden element is neither missing nor present.
        var none = AbsentParameters.Tracks(resourceType, parameter)
            ? $"{alias}.absent @> array[{Text(code)}]"
            : $"not exists (select 1 {values})";
        return $"({none} and {ContentVisible(resourceType, alias)})";
    }

    /// <summary>Whether the caller may know what the resource has and lacks (<see cref="ClassifiedIndex.AbsenceParam"/>).</summary>
    private string ContentVisible(string resourceType, string alias)
    {
        var a = NextAlias("a");
        return $"exists (select 1 from {schema}.fhir_search_token {a} where {a}.resource_type = {Text(resourceType)} " +
               $"and {a}.param = '{ClassifiedIndex.AbsenceParam}' and {a}.code = 'content' and {a}.id = {alias}.id and {Visible(a)})";
    }

    /// <summary>FHIR date prefixes on a [low, high] range against the value's own range.</summary>
    private string DateCondition(DateValue value, string low, string high)
    {
        var (from, to) = (Instant(value.Range.Low), Instant(value.Range.High));
        return value.Prefix switch
        {
            SearchPrefix.Eq or SearchPrefix.Ap => $"({low} >= {from} and {high} <= {to})",
            SearchPrefix.Ne => $"not ({low} >= {from} and {high} <= {to})",
            SearchPrefix.Gt => $"{high} > {to}",
            SearchPrefix.Ge => $"{high} >= {from}",
            SearchPrefix.Lt => $"{low} < {from}",
            SearchPrefix.Le => $"{low} <= {to}",
            SearchPrefix.Sa => $"{low} > {to}",
            SearchPrefix.Eb => $"{high} < {from}",
            _ => "false",
        };
    }

    /// <param name="column">The number compared: the number index's value unless said (the capacity index's count).</param>
    /// <param name="integerColumn">
    /// The column is an integer (the capacity count): an integral bound is then passed as an
    /// integer, the same comparison, but one that PostgreSQL can estimate and take as an index
    /// range (an integer column against a numeric casts every row's value).
    /// </param>
    private string NumberCondition(NumberValue value, string n, string? column = null, bool integerColumn = false)
    {
        var v = column ?? $"{n}.value";
        string Decimal(decimal bound) => integerColumn && bound == decimal.Truncate(bound) && bound is >= int.MinValue and <= int.MaxValue
            ? query.Add((int)bound, NpgsqlDbType.Integer)
            : this.Decimal(bound);
        var comparison = value.Prefix switch
        {
            SearchPrefix.Eq or SearchPrefix.Ap => $"({v} >= {Decimal(value.Low)} and {v} < {Decimal(value.High)})",
            SearchPrefix.Ne => $"not ({v} >= {Decimal(value.Low)} and {v} < {Decimal(value.High)})",
            SearchPrefix.Gt or SearchPrefix.Sa => $"{v} > {Decimal(value.Value)}",
            SearchPrefix.Ge => $"{v} >= {Decimal(value.Value)}",
            SearchPrefix.Lt or SearchPrefix.Eb => $"{v} < {Decimal(value.Value)}",
            SearchPrefix.Le => $"{v} <= {Decimal(value.Value)}",
            _ => "false",
        };
        if (value.Code is not null) comparison += $" and {n}.code = {Text(value.Code)}";
        if (value.System is not null) comparison += $" and {n}.system = {Text(value.System)}";
        return "(" + comparison + ")";
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private string Text(string value) => query.Add(value, NpgsqlDbType.Text);

    private string Number(double value) => query.Add(value, NpgsqlDbType.Double);

    private string Decimal(decimal value) => query.Add(value, NpgsqlDbType.Numeric);

    private string Instant(DateTime value) =>
        query.Add(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero), NpgsqlDbType.TimestampTz);
}
