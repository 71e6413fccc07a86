using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class ConnectionStringKeyScannerTests
{
    [Fact]
    public void Scan_PlainPairs_ListsKeysInOrder()
    {
        Assert.Equal(
            [("Host", false), ("plugins", true), ("Port", false)],
            ConnectionStringKeyScanner.Scan("Host=a; plugins=;Port=5432"));
    }

    [Fact]
    public void Scan_QuotedValuesWithSeparators_AreSkippedWhole()
    {
        Assert.Equal(
            [("Password", false), ("a", false), ("b", true)],
            ConnectionStringKeyScanner.Scan("Password=\"x;y=\"\"z\"\"\";a='p;q';b="));
    }

    [Fact]
    public void Scan_DoubledEqualsInKey_IsALiteralEquals()
    {
        Assert.Equal([("we=ird", false)], ConnectionStringKeyScanner.Scan("we==ird=1"));
    }

    [Fact]
    public void Scan_QuotedEmptyValue_IsNotEmpty()
    {
        // The builder keeps a quoted empty value itself, so only unquoted empties need the scanner.
        Assert.Equal([("plugins", false)], ConnectionStringKeyScanner.Scan("plugins=\"\""));
    }

    [Fact]
    public void Scan_WhitespaceOnlyValueAtEnd_IsEmpty()
    {
        Assert.Equal([("x", false), ("failover_mode", true)], ConnectionStringKeyScanner.Scan("x=1;failover_mode=   "));
    }
}
