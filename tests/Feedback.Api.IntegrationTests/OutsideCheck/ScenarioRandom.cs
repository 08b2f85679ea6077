namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>A seeded source of the random choices the scenario makes (reproducible: same seed, same organization).</summary>
public sealed class ScenarioRandom(int seed)
{
    private readonly Random random = new(seed);

    public int Seed { get; } = seed;

    public int Int(int minInclusive, int maxInclusive) => random.Next(minInclusive, maxInclusive + 1);

    public bool Chance(double p) => random.NextDouble() < p;

    public double Normal(double mean, double sd)
    {
        // Box-Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>Picks one of the weighted outcomes.</summary>
    public T Weighted<T>(params (double Weight, T Value)[] outcomes)
    {
        var roll = random.NextDouble() * outcomes.Sum(o => o.Weight);
        foreach (var (weight, value) in outcomes)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return outcomes[^1].Value;
    }
}
