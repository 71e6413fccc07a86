namespace Aurora.Reactive.MySql;

/// <summary>
/// The connection string keywords MySQL providers accept for the host, port, database and password
/// (MySqlConnector and MySql.Data share these synonyms), matched case-insensitively.
/// </summary>
internal static class MySqlConnectionStringKeys
{
    public static readonly IReadOnlyList<string> Host = ["Server", "Host", "Data Source", "DataSource", "Address", "Addr", "Network Address"];

    public static readonly IReadOnlyList<string> Port = ["Port"];

    public static readonly IReadOnlyList<string> Database = ["Database", "Initial Catalog"];

    public static readonly IReadOnlyList<string> Password = ["Password", "Pwd"];

    /// <summary>The default MySQL port.</summary>
    public const int DefaultPort = 3306;
}
