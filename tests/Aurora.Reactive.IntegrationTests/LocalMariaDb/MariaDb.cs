using MySql.Data.MySqlClient;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

/// <summary>Short MySql.Data calls for the MariaDB tests.</summary>
internal static class MariaDb
{
    /// <summary>Opens an unpooled connection, so a test's broken connection never returns to a pool.</summary>
    public static async Task<MySqlConnection> OpenAsync(string connectionString, int connectTimeoutSeconds = 5)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = false, ConnectionTimeout = (uint)connectTimeoutSeconds };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        return await ScalarAsync(connection, sql);
    }

    public static async Task<object?> ScalarAsync(MySqlConnection connection, string sql, int commandTimeoutSeconds = 30)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = commandTimeoutSeconds };
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A table name unique to one test, so tests sharing a cluster never see each other's rows.</summary>
    public static string UniqueTable(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
}
