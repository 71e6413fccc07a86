using System.Globalization;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>Connection strings of the MariaDB kit, and short SQL calls it makes straight to a server's real port as <c>root</c>.</summary>
internal static class MariaDbSql
{
    /// <summary>
    /// A MySQL connection string (MySql.Data and MySqlConnector both read it) as the kit's client user, no password.
    /// MySql.Data needs <c>CharacterSet=utf8mb4</c> against MariaDB.
    /// </summary>
    internal static string ClientConnectionString(int port) =>
        string.Create(CultureInfo.InvariantCulture, $"Server=127.0.0.1;Port={port};User ID={MariaDbEmulationSql.ClientUser};Database={MariaDbEmulationSql.ClientDatabase};CharacterSet=utf8mb4;SslMode=None");

    /// <summary>A connection string to a server's real port as <c>root</c> (which may write on a read-only replica), without pooling.</summary>
    internal static string AdminConnectionString(int serverPort) =>
        string.Create(CultureInfo.InvariantCulture, $"Server=127.0.0.1;Port={serverPort};User ID=root;CharacterSet=utf8mb4;SslMode=None;Pooling=false;Connection Timeout=3;Default Command Timeout=10");

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row (null for NULL or no row). Cast <c>@@</c> text variables (<c>CAST(@@x AS CHAR)</c>): MySql.Data cannot read their <c>utf8mb3</c> type.</summary>
    internal static async Task<object?> ScalarAsync(int serverPort, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(AdminConnectionString(serverPort));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// Runs the statements in order on one connection, with notes off: MySql.Data fetches a statement's warnings with
    /// <c>SHOW WARNINGS</c>, whose <c>utf8mb3</c> columns it cannot read, which breaks the connection (a harmless
    /// note such as "slave already stopped" would do that).
    /// </summary>
    internal static async Task ExecuteAsync(int serverPort, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(AdminConnectionString(serverPort));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in statements.Prepend("SET SESSION sql_notes = 0"))
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

}
