using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The file each node's <c>aurora_replica_status()</c> reads (with <c>pg_read_file</c>): a JSON array
/// with one object per published row, keyed by the column names the SQL function expects.
/// </summary>
internal static class TopologyFile
{
    /// <summary>The file's name inside each data folder.</summary>
    internal const string FileName = "aurora_replica_status.json";

    /// <summary>Formats <paramref name="rows"/> as the JSON the SQL function parses.</summary>
    internal static string Format(IEnumerable<AuroraReplicaStatusRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("server_id", row.ServerId);
                writer.WriteString("session_id", row.SessionId);
                writer.WriteNumber("cpu", row.Cpu);
                if (row.ReplicaLagInMilliseconds is { } lag)
                {
                    writer.WriteNumber("replica_lag_in_msec", lag);
                }
                else
                {
                    writer.WriteNull("replica_lag_in_msec");
                }

                writer.WriteBoolean("live", row.IsLive);
                if (row.LastUpdateTimestamp is { } stamp)
                {
                    writer.WriteString("last_update_timestamp", stamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("last_update_timestamp");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Replaces the file in <paramref name="dataDirectory"/> atomically (write aside, then rename), owned by the server user.</summary>
    internal static void Write(string dataDirectory, IEnumerable<AuroraReplicaStatusRow> rows, ServerUser user)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return;
        }

        var target = Path.Combine(dataDirectory, FileName);
        var aside = target + ".next";
        File.WriteAllText(aside, Format(rows));
        user.Own(aside);
        File.Move(aside, target, overwrite: true);
    }
}
