namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>A folder holding the PostgreSQL server programs the kit runs.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    /// <summary>The programs the kit needs; a folder lacking one of them is not used.</summary>
    internal static readonly IReadOnlyList<string> RequiredPrograms = ["initdb", "pg_ctl", "postgres", "pg_basebackup", "pg_rewind", "pg_controldata"];

    internal string Initdb => Path.Combine(Directory, "initdb");

    internal string PgCtl => Path.Combine(Directory, "pg_ctl");

    internal string PgBasebackup => Path.Combine(Directory, "pg_basebackup");

    internal string PgRewind => Path.Combine(Directory, "pg_rewind");

    internal string PgControldata => Path.Combine(Directory, "pg_controldata");

    /// <summary>Whether <paramref name="directory"/> holds every required program.</summary>
    internal static bool IsComplete(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));
}
