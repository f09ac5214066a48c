using RorNational.Domain.Capacity;

namespace RorNational.Domain.Tests.Capacity;

/// <summary>
/// A lieu's indicators are kept in the order of their printed keys; <see cref="CapacityKey.Compare"/>
/// gives that order without printing them, for every key, plain codes or not.
/// </summary>
public class ordering_capacity_keys
{
    private static readonly string?[] PlainMembers = [null, "0", "01", "02", "1", "10", "2", "A", "a", "n", "null", "nul", "nullx", "Z9"];

    // Characters up to '/' (space, the separator's slash, control characters) and the separator itself.
    private static readonly string?[] OtherMembers = [.. PlainMembers, " ", "0 ", "0 / x", "0/", "/", "\t1", "-", "0-1"];

    [Test]
    public void plain_codes_compare_as_their_printed_keys_do()
    {
        var keys = Keys(PlainMembers, new Random(15), 3_000);
        AssertSameOrderAsPrinted(keys);
    }

    [Test]
    public void members_with_spaces_slashes_or_control_characters_compare_as_their_printed_keys_do()
    {
        var keys = Keys(OtherMembers, new Random(16), 3_000);
        AssertSameOrderAsPrinted(keys);
    }

    [Test]
    public void a_required_member_absent_compares_as_printed_as_nothing()
    {
        var keys = Keys([.. PlainMembers, ""], new Random(17), 3_000, required: [null, "", "0", "01", "1"]);
        AssertSameOrderAsPrinted(keys);
        var basis = new CapacityKey("02", "01", null, null, null, null, "01");
        Assert.That(CapacityKey.Compare(basis with { Status = null! }, basis with { Status = "" }), Is.EqualTo(0));
    }

    [Test]
    public void a_member_that_begins_another_comes_first_and_an_absent_one_compares_as_null()
    {
        var shorter = new CapacityKey("0", "01", null, null, null, null, "01");
        var longer = shorter with { Status = "02" };
        Assert.That(CapacityKey.Compare(shorter, longer), Is.LessThan(0));
        Assert.That(CapacityKey.Compare(longer, shorter), Is.GreaterThan(0));
        Assert.That(CapacityKey.Compare(shorter with { Gender = "02" }, shorter), Is.LessThan(0), "a code before an absent member ('0' < 'n')");
        Assert.That(CapacityKey.Compare(shorter, shorter with { }), Is.EqualTo(0));
    }

    private static List<CapacityKey> Keys(string?[] members, Random random, int count, string?[]? required = null)
    {
        string? Any() => members[random.Next(members.Length)];
        string Required() => required is null ? Any() ?? "01" : required[random.Next(required.Length)]!;
        // Keys that differ in few members, so that every member gets compared.
        var basis = new CapacityKey("02", "01", null, null, null, null, "01");
        return Enumerable.Range(0, count).Select(_ => random.Next(7) switch
        {
            0 => basis with { Status = Required() },
            1 => basis with { Temporality = Required(), Gender = Any() },
            2 => basis with { Gender = Any(), ClosingType = Any() },
            3 => basis with { ClosingType = Any(), AdditionalBedType = Any() },
            4 => basis with { AdditionalBedType = Any(), CrisisType = Any() },
            5 => basis with { CrisisType = Any(), TemporaryAssignment = Required() },
            _ => new CapacityKey(Required(), Required(), Any(), Any(), Any(), Any(), Required()),
        }).ToList();
    }

    private static void AssertSameOrderAsPrinted(List<CapacityKey> keys)
    {
        for (var i = 0; i + 1 < keys.Count; i += 2)
        {
            var (a, b) = (keys[i], keys[i + 1]);
            Assert.That(Math.Sign(CapacityKey.Compare(a, b)), Is.EqualTo(Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString()))),
                $"{a} against {b}");
        }
        var sorted = keys.OrderBy(k => k, Comparer<CapacityKey>.Create(CapacityKey.Compare)).Select(k => k.ToString());
        Assert.That(sorted, Is.EqualTo(keys.Select(k => k.ToString()).OrderBy(k => k, StringComparer.Ordinal)));
    }
}
