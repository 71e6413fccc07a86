using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Opens monitoring connections through the driver's <see cref="DbProviderFactory"/>: the monitoring
/// connection string (credentials and TLS included) with the host and port replaced, pooling off, and a
/// bounded connect and command timeout even when the user set none.
/// </summary>
internal sealed class MonitoringConnectionOpener
{
    private readonly DbProviderFactory _factory;
    private readonly string _baseConnectionString;
    private readonly MonitoringConnectionProfile _profile;
    private readonly Func<HostSpec, CancellationToken, ValueTask<string>>? _passwordProvider;

    private MonitoringConnectionOpener(DbProviderFactory factory, string baseConnectionString, MonitoringConnectionProfile profile, Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider)
    {
        _passwordProvider = passwordProvider;
        _factory = factory;
        _baseConnectionString = baseConnectionString;
        _profile = profile;
    }

    /// <summary>The driver's choice of probe method.</summary>
    public ProbeMethod DefaultProbe => _profile.DefaultProbe;

    /// <summary>Builds the opener for the driver of <paramref name="sample"/>, or returns <see langword="null"/> for a driver without a monitoring profile.</summary>
    /// <param name="sample">Any connection of the driver (not opened); only its provider factory is read.</param>
    /// <param name="connectionString">The monitoring connection string.</param>
    /// <param name="applicationName">The application name to report, or <see langword="null"/>.</param>
    /// <param name="defaultTimeout">The timeout used where the connection string sets none.</param>
    /// <param name="passwordProvider">The data source's password provider: asked for every monitoring connection, or <see langword="null"/>.</param>
    public static MonitoringConnectionOpener? TryCreate(
        DbConnection sample, string connectionString, string? applicationName, TimeSpan defaultTimeout, Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null)
    {
        var factory = DbProviderFactories.GetFactory(sample);
        var builder = factory?.CreateConnectionStringBuilder();
        var profile = builder is null ? null : MonitoringConnectionProfile.For(builder);
        if (factory is null || builder is null || profile is null)
        {
            return null;
        }

        builder.ConnectionString = connectionString;
        builder[profile.PoolingKey] = false;
        var seconds = Math.Max(1, (int)Math.Ceiling(defaultTimeout.TotalSeconds));
        BoundTimeout(builder, profile.ConnectTimeoutKey, seconds);
        BoundTimeout(builder, profile.CommandTimeoutKey, seconds);
        if (applicationName is not null && profile.ApplicationNameKey is { } applicationNameKey)
        {
            builder[applicationNameKey] = applicationName;
        }

        return new MonitoringConnectionOpener(factory, builder.ConnectionString, profile, passwordProvider);
    }

    /// <summary>The connection string for <paramref name="host"/> (holds the password when the base string does).</summary>
    public string ConnectionStringFor(HostSpec host, string? password = null)
    {
        var builder = _factory.CreateConnectionStringBuilder()!;
        builder.ConnectionString = _baseConnectionString;
        builder[_profile.HostKey] = host.Host;
        builder[_profile.PortKey] = host.Port;
        if (password is not null)
        {
            builder[_profile.PasswordKey] = password;
        }

        return builder.ConnectionString;
    }

    /// <summary>Opens an unpooled monitoring connection to <paramref name="host"/>.</summary>
    public async Task<DbConnection> OpenAsync(HostSpec host, CancellationToken cancellation)
    {
        var connection = _factory.CreateConnection()!;
        try
        {
            // Unpooled, so a password asked per open costs no pool per token.
            var password = _passwordProvider is { } provider ? await provider(host, cancellation).ConfigureAwait(false) : null;
            connection.ConnectionString = ConnectionStringFor(host, password);
            // A blocking provider's "async" open holds its thread until the server answers: it gets a thread of its own.
            await (_profile.BlocksInAsyncCalls ? BlockingWork.Run(() => connection.OpenAsync(cancellation)) : connection.OpenAsync(cancellation)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            BackgroundDisposal.Dispose(connection);
            throw;
        }
    }

    private static void BoundTimeout(DbConnectionStringBuilder builder, string key, int seconds)
    {
        var text = builder.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var current) || current <= 0)
        {
            builder[key] = seconds;
        }
    }
}
