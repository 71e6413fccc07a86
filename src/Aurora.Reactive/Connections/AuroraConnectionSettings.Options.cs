using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnectionSettings
{
    /// <summary>
    /// The settings a parsed connection string asks for: the handler only when failover is active
    /// (<c>enable_failover</c> and the failover plugin), the read-only rule in <c>strict_writer</c> mode,
    /// the initial node believed to be the writer unless the endpoint is a reader endpoint or the mode
    /// targets readers, and <c>keep_session_state_on_failover</c>.
    /// </summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="failoverHandler">The failover coordinator for the string's cluster.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    public static AuroraConnectionSettings From(AuroraConnectionString connectionString, IFailoverHandler? failoverHandler)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = connectionString.Options;
        var strictWriter = options.FailoverMode == FailoverMode.StrictWriter;
        var initialRole = connectionString.Endpoint.Kind switch
        {
            EndpointKind.ClusterReader => HostRole.Reader,
            _ when strictWriter => HostRole.Writer,
            EndpointKind.ClusterWriter or EndpointKind.GlobalWriter => HostRole.Writer,
            _ => HostRole.Unknown,
        };

        return new AuroraConnectionSettings
        {
            FailoverHandler = options.IsFailoverActive ? failoverHandler : null,
            FailOverOnReadOnlyError = strictWriter,
            InitialHostRole = initialRole,
            KeepSessionStateOnFailover = options.KeepSessionStateOnFailover,
        };
    }
}
