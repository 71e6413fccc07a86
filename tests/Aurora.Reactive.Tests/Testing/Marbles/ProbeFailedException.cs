namespace Aurora.Reactive.Tests.Testing.Marbles;

/// <summary>An exception type outside the System namespaces, for the error-type lookup tests.</summary>
public sealed class ProbeFailedException(string message) : Exception(message);
