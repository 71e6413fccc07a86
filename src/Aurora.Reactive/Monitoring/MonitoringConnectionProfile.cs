using System.Data.Common;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// The connection-string keys and the default probe method of one ADO.NET driver, so that monitoring
/// connections can be built from the driver's own connection-string builder without a dependency on it.
/// </summary>
internal sealed record MonitoringConnectionProfile(
    string DriverName,
    string HostKey,
    string PortKey,
    string PoolingKey,
    string ConnectTimeoutKey,
    string CommandTimeoutKey,
    string? ApplicationNameKey,
    ProbeMethod DefaultProbe,
    bool BlocksInAsyncCalls = false,
    string PasswordKey = "Password")
{
    private static readonly MonitoringConnectionProfile Npgsql =
        new("Npgsql", "Host", "Port", "Pooling", "Timeout", "Command Timeout", "Application Name", ProbeMethod.SelectOne);

    private static readonly MonitoringConnectionProfile MySqlConnector =
        new("MySqlConnector", "Server", "Port", "Pooling", "Connection Timeout", "Default Command Timeout", "Application Name", ProbeMethod.SelectOne);

    // MySql.Data's async methods run synchronously; only its connect timeout is dependable on a dead host.
    private static readonly MonitoringConnectionProfile MySqlData =
        new("MySql.Data", "Server", "Port", "Pooling", "Connection Timeout", "Default Command Timeout", null, ProbeMethod.Connect, BlocksInAsyncCalls: true);

    /// <summary>The profile of the driver whose builder this is, or <see langword="null"/> for a driver this library does not know.</summary>
    public static MonitoringConnectionProfile? For(DbConnectionStringBuilder builder) => builder.GetType().FullName switch
    {
        "Npgsql.NpgsqlConnectionStringBuilder" => Npgsql,
        "MySqlConnector.MySqlConnectionStringBuilder" => MySqlConnector,
        "MySql.Data.MySqlClient.MySqlConnectionStringBuilder" => MySqlData,
        _ => null,
    };
}
