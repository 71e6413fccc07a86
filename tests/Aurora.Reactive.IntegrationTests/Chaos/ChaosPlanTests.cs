using Aurora.Reactive.Chaos;

namespace Aurora.Reactive.IntegrationTests.Chaos;

/// <summary>The chaos plan's fault draw (no cluster): seeded, and every kind once before any kind twice.</summary>
public sealed class ChaosPlanTests
{
    [Fact]
    public void Draw_SameSeed_SameFaults()
    {
        Assert.Equal(ChaosPlan.Draw(16, 12), ChaosPlan.Draw(16, 12));
    }

    [Fact]
    public void Draw_TwelveFaults_EveryKindOnceInTheFirstSevenAndNoKindThriceInTwelve()
    {
        var faults = ChaosPlan.Draw(16, 12);

        Assert.Equal(12, faults.Count);
        Assert.Equal(ChaosPlan.AllKinds.Order(), faults.Take(ChaosPlan.AllKinds.Count).Order());
        Assert.All(faults.GroupBy(f => f), g => Assert.InRange(g.Count(), 1, 2));
    }

    [Fact]
    public void Draw_OtherSeeds_OtherOrders()
    {
        var orders = Enumerable.Range(1, 10).Select(seed => string.Join(",", ChaosPlan.Draw(seed, 7))).Distinct().Count();

        Assert.True(orders > 1, "ten seeds drew the same order");
    }

    [Fact]
    public void Draw_FromGivenKinds_OnlyThose()
    {
        ChaosFaultKind[] kinds = [ChaosFaultKind.WriterCrash, ChaosFaultKind.Switchover];

        Assert.All(ChaosPlan.Draw(3, 5, kinds), f => Assert.Contains(f, kinds));
    }
}
