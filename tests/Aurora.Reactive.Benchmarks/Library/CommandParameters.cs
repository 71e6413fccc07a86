using System.Data.Common;

namespace Aurora.Reactive.Benchmarks.Library;

/// <summary>Adds parameters through the ADO.NET base types, the way provider-agnostic application code does.</summary>
public static class CommandParameters
{
    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
