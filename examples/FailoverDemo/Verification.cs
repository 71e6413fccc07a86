using System.Data.Common;

namespace FailoverDemo;

/// <summary>Reads back the run's rows from the final writer and compares them with the acknowledged ids.</summary>
internal static class Verification
{
    public static async Task<HashSet<long>> ReadIdsAsync(DbConnection connection, string runId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM aurora_reactive_demo WHERE run_id = @run";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "run";
        parameter.Value = runId;
        command.Parameters.Add(parameter);
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public static (int Lost, int Unacknowledged) Compare(IReadOnlyList<(long Id, TimeSpan At)> acknowledged, HashSet<long> present)
    {
        var acknowledgedIds = acknowledged.Select(a => a.Id).ToHashSet();
        return (acknowledgedIds.Count(id => !present.Contains(id)), present.Count(id => !acknowledgedIds.Contains(id)));
    }
}
