namespace Aurora.Reactive.Tests.MySql;

/// <summary>An error-code enum like MySqlConnector's <c>MySqlErrorCode</c>.</summary>
internal enum ConnectorStyleErrorCode
{
    DuplicateKeyEntry = 1062,
    OptionPreventsStatement = 1290,
}
