namespace BenchGenerator.Planning;

/// <summary>Weighted draws from a seeded <see cref="Random"/>.</summary>
public static class Draw
{
    /// <summary>An index of <paramref name="weights"/>, each drawn in proportion to its weight.</summary>
    public static int Weighted(Random random, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary><paramref name="count"/> distinct items, each draw in proportion to the weights of those left.</summary>
    public static List<T> WithoutRepetition<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight, int count)
    {
        var left = items.ToList();
        var drawn = new List<T>();
        while (drawn.Count < count && left.Count > 0)
        {
            var index = Weighted(random, left.Select(weight).ToList());
            drawn.Add(left[index]);
            left.RemoveAt(index);
        }
        return drawn;
    }
}
