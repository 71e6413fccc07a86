using System.Globalization;
using System.Text.RegularExpressions;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>How <see cref="LocalPostgresCluster.StartAsync"/> builds a cluster. Every value is checked by <see cref="Validate"/>.</summary>
public sealed partial class LocalPostgresClusterOptions
{
    /// <summary>The most readers a cluster may have, as in Aurora.</summary>
    public const int MaxReaderCount = KitOptionChecks.MaxReaderCount;

    /// <summary>Setting names the kit writes itself; <see cref="ServerSettings"/> may not override them.</summary>
    private static readonly HashSet<string> KitOwnedSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "port", "listen_addresses", "unix_socket_directories", "primary_conninfo", "synchronous_standby_names",
        "aurora.instance_id", "rds.extensions", "cluster_name", "data_directory", "hba_file", "config_file",
    };

    /// <summary>Number of hot standbys (Aurora readers) beside the primary.</summary>
    /// <value>The default value is 2. From 0 to <see cref="MaxReaderCount"/>.</value>
    public int ReaderCount { get; set; } = 2;

    /// <summary>
    /// Whether a commit waits until at least one standby has it
    /// (<c>synchronous_standby_names = 'ANY 1 (...)'</c>), so no acknowledged write is lost by a failover to
    /// the most advanced standby, as Aurora's shared storage guarantees.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SynchronousReplication { get; set; }

    /// <summary>The instance ids, writer first; each must be a DNS label, all distinct, one per node.</summary>
    /// <value>The default value is <see langword="null"/>: <c>instance-1</c>, <c>instance-2</c>, ... with <c>instance-1</c> the writer.</value>
    public IReadOnlyList<string>? InstanceIds { get; set; }

    /// <summary>Extra PostgreSQL settings for every server (for example <c>log_min_duration_statement</c>), written to each node's configuration.</summary>
    /// <value>The default value is empty.</value>
    public IDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long the control plane waits after a writer change before <c>aurora_replica_status()</c> shows it,
    /// as Aurora's topology lags a promotion. Until then every node reports the old topology.
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan TopologyPublicationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long the control plane waits after a writer change before the writer and reader endpoints
    /// forward to the new nodes: the DNS lag that fast failover exists to beat.
    /// </summary>
    /// <value>The default value is 5 seconds (Aurora's DNS time-to-live).</value>
    public TimeSpan EndpointRepointDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one server may take to start, stop or be promoted before the kit gives up.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option has a value the kit cannot use; the message names the option and the value.</exception>
    public void Validate()
    {
        KitOptionChecks.ValidateShape(ReaderCount, InstanceIds, TopologyPublicationDelay, EndpointRepointDelay, StartupTimeout);
        foreach (var (name, value) in ServerSettings)
        {
            if (!SettingName().IsMatch(name) || KitOwnedSettings.Contains(name))
            {
                throw new ArgumentException(
                    $"{nameof(ServerSettings)} key '{name}' is not a setting the kit lets you set (a PostgreSQL setting name, not one of {string.Join(", ", KitOwnedSettings)}).",
                    nameof(ServerSettings));
            }

            if (value is null || value.Any(char.IsControl))
            {
                throw new ArgumentException($"{nameof(ServerSettings)} value of '{name}' is '{value}'; it must be set and hold no control characters.", nameof(ServerSettings));
            }
        }
    }

    /// <summary>A copy, so later changes to this instance do not reach a running cluster.</summary>
    internal LocalPostgresClusterOptions Clone()
    {
        var copy = new LocalPostgresClusterOptions
        {
            ReaderCount = ReaderCount,
            SynchronousReplication = SynchronousReplication,
            InstanceIds = InstanceIds?.ToArray(),
            TopologyPublicationDelay = TopologyPublicationDelay,
            EndpointRepointDelay = EndpointRepointDelay,
            StartupTimeout = StartupTimeout,
        };
        foreach (var (name, value) in ServerSettings)
        {
            copy.ServerSettings[name] = value;
        }

        return copy;
    }

    /// <summary>The instance ids to use, writer first.</summary>
    internal IReadOnlyList<string> ResolveInstanceIds() => KitOptionChecks.ResolveInstanceIds(InstanceIds, ReaderCount);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex SettingName();
}
