namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>The operations timed by the overhead suite.</summary>
public enum OverheadOperation
{
    /// <summary>Open a pooled connection, <c>SELECT 1</c>, close.</summary>
    SelectOne,

    /// <summary>Open a pooled connection, a small parameterised <c>INSERT</c>, close.</summary>
    Insert,

    /// <summary><c>SELECT 1</c> on a connection kept open (command cost only).</summary>
    SelectOneOnOpenConnection,
}
