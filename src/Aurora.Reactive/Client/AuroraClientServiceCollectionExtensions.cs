using Aurora.Reactive.Drivers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Client;

/// <summary>Registers an <see cref="AuroraClient"/> in a dependency-injection container.</summary>
public static class AuroraClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="AuroraClient"/> as a singleton (the container disposes it at shutdown), built on
    /// first use with the container's <see cref="ILoggerFactory"/> when one is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The connection string (the driver's keys and this library's).</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <param name="configure">Further configuration of the builder (options, scheduler, policy), or <see langword="null"/>.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="connectionString"/> or <paramref name="driver"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddAuroraClient(
        this IServiceCollection services, string connectionString, IDatabaseDriver driver, Action<AuroraClientBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(driver);
        services.TryAddSingleton(provider =>
        {
            var builder = AuroraClient.CreateBuilder(connectionString, driver);
            if (provider.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggerFactory)
            {
                builder.WithLoggerFactory(loggerFactory);
            }

            configure?.Invoke(builder);
            return builder.Build();
        });
        return services;
    }
}
