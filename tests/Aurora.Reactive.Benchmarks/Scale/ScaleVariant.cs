using System.Data.Common;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>
/// One way of holding the logical connections: a label, what it is, a data source for a given pool size, and
/// how to read which features really run in such a data source.
/// </summary>
public sealed record ScaleVariant(string Label, string Description, Func<int, DbDataSource> CreateSource, Func<DbDataSource, string> ActiveFeatures);
