using System.Reflection;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.Tests.MySql;

/// <summary>
/// Real MySql.Data 8.0.16 exceptions, made with the provider's own (non-public) constructors, as it raises them:
/// client errors carry <c>Number</c>, server errors <c>Code</c> and <c>SqlState</c>.
/// </summary>
internal static class MySqlDataErrors
{
    public static MySqlException Client(int number, Exception? inner = null) =>
        Create(inner is null ? ["client error", number] : ["client error", number, inner]);

    public static MySqlException Server(uint code, string sqlState) => Create([code, sqlState, "server error"]);

    public static MySqlException Wrapping(string message, Exception inner) => Create([message, inner]);

    private static MySqlException Create(object[] arguments) =>
        (MySqlException)Activator.CreateInstance(typeof(MySqlException), BindingFlags.NonPublic | BindingFlags.Instance, null, arguments, null)!;
}
