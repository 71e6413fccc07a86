using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class OwnerMarkerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("owner-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WriteThenRead_CurrentProcess_RoundTripsAndIsAlive()
    {
        var marker = OwnerMarker.ForCurrentProcess();
        marker.Write(folder);

        var read = OwnerMarker.Read(folder);

        Assert.Equal(marker, read);
        Assert.True(read!.IsAlive());
    }

    [Fact]
    public void IsAlive_SameProcessIdButOtherStartTime_IsFalseAsForARecycledId()
    {
        var current = OwnerMarker.ForCurrentProcess();

        Assert.False((current with { StartTime = current.StartTime + 1 }).IsAlive());
    }

    [Fact]
    public void Read_MissingOrMalformedMarker_ReturnsNull()
    {
        Assert.Null(OwnerMarker.Read(folder));
        File.WriteAllText(Path.Combine(folder, OwnerMarker.FileName), "not a marker");
        Assert.Null(OwnerMarker.Read(folder));
    }
}
