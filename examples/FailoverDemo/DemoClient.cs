using Aurora.Reactive.Client;
using Aurora.Reactive.Npgsql;

namespace FailoverDemo;

/// <summary>Creates the client and puts its failover events on the timeline.</summary>
internal static class DemoClient
{
    public static AuroraClient Create(string connectionString, Timeline timeline)
    {
        var client = AuroraClient.Create(connectionString, NpgsqlDriver.Instance);
        client.Events.Subscribe(e =>
        {
            switch (e.Kind)
            {
                case AuroraClientEventKind.FailoverStarted:
                    timeline.Add($"client: failover started, lost {e.Host?.InstanceId ?? e.Host?.Endpoint}");
                    break;
                case AuroraClientEventKind.WriterFound:
                    timeline.Add($"client: connected to new writer {e.Host?.InstanceId} after {e.Duration?.TotalMilliseconds:0} ms");
                    break;
                case AuroraClientEventKind.FailoverFinished:
                    timeline.Add($"client: failover finished, work completes again after {e.Duration?.TotalMilliseconds:0} ms");
                    break;
                case AuroraClientEventKind.FailoverFailed:
                case AuroraClientEventKind.WriterChanged:
                case AuroraClientEventKind.CommitOutcomeResolved:
                    timeline.Add($"client: {e.Message}");
                    break;
            }
        });
        return client;
    }
}
