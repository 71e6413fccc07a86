using System.Data.Common;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class ConnectionStringSyntaxErrorTests
{
    private const string Secret = "S3cr3t-Pa55";
    private const string Cluster = "Host=orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com;";

    private static ArgumentException ParseFails(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => AuroraConnectionString.Parse(connectionString));
        Assert.Equal("connectionString", error.ParamName);
        return error;
    }

    [Fact]
    public void Parse_TabInsideAKey_NamesTheKeyAndTheTabsPosition()
    {
        var text = Cluster + "User\tName=app";

        var error = ParseFails(text);

        Assert.Contains($"at position {text.IndexOf('\t', StringComparison.Ordinal)} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'User\\tName'", error.Message, StringComparison.Ordinal);
        Assert.Contains("U+0009", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabAfterAKey_IsTrimmedLikeOtherWhitespace()
    {
        var parsed = AuroraConnectionString.Parse(Cluster + "Username\t=app");

        Assert.Contains("username=app", parsed.DriverConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\'')]
    [InlineData('"')]
    public void Parse_UnterminatedQuote_NamesTheKeyAndWhereTheQuoteOpens_NotTheValue(char quote)
    {
        var text = Cluster + $"Password={quote}{Secret};Username=app";

        var error = ParseFails(text);

        Assert.Contains($"at position {text.IndexOf(quote, StringComparison.Ordinal)} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'Password'", error.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Username=app;Timeout")]
    [InlineData("Timeout;Username=app")]
    public void Parse_KeyWithoutEquals_NamesTheKeyAndWhereItStarts(string tail)
    {
        var text = Cluster + tail;

        var error = ParseFails(text);

        Assert.Contains($"at position {text.IndexOf("Timeout", StringComparison.Ordinal)} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'Timeout' has no '='", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=app")]
    [InlineData("  =app")]
    public void Parse_EmptyKey_GivesThePositionOfTheEquals(string tail)
    {
        var text = Cluster + tail;

        var error = ParseFails(text);

        Assert.Contains($"at position {text.LastIndexOf('=')} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("no key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextAfterAClosingQuote_NamesTheKeyAndThePosition()
    {
        var text = Cluster + "Password='a'b";

        var error = ParseFails(text);

        Assert.Contains($"at position {text.Length - 1} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'Password'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacterInAnUnquotedValue_NamesTheKeyAndThePosition()
    {
        var text = Cluster + "Application Name=a\u0001b";

        var error = ParseFails(text);

        Assert.Contains($"at position {text.IndexOf('\u0001', StringComparison.Ordinal)} (0-based)", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 'Application Name'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password={0}'")]                   // an unquoted value may not end in a quote
    [InlineData("Password='{0}' x")]                // text after the closing quote
    [InlineData("Password=\"{0}")]                  // unterminated
    [InlineData("Password=\"{0}\u0000\"")]          // NUL inside the quotes
    [InlineData("Password={0}\u0001")]              // control character in the value
    [InlineData("Pwd={0};Username=app;{0}")]        // a key without '=' that is the secret itself
    [InlineData("Password=ab;{0}")]                 // the tail of an unquoted password holding ';'
    [InlineData("Password=ab;cd=x;{0}")]            // ... running on over more than one ';'
    [InlineData("SslPassword=ab;{0}\t")]             // ... with a TAB and no '='
    [InlineData("monitoring_password=ab;{0} x\ty=1")] // ... with a TAB inside what looks like a key
    public void Parse_MalformedAroundAPassword_NeverShowsThePassword(string tail)
    {
        var error = ParseFails(Cluster + string.Format(System.Globalization.CultureInfo.InvariantCulture, tail, Secret));

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0-based)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyAfterAnUnquotedPassword_IsNamedByThePasswordKey()
    {
        var error = ParseFails(Cluster + $"Password=ab;{Secret}");

        Assert.Contains("key after the unquoted value of key 'Password'", error.Message, StringComparison.Ordinal);
    }

    // The scanner must accept whatever the builder accepts (except a ';' inside a key), or valid strings would start failing.
    [Theory]
    [InlineData("Password=\"x;y=\"\"z\"\"\";a='p;q';b=")]
    [InlineData("we==ird=1;x=y'z;  ;;k = v w ;")]
    [InlineData("a=\"\";b='';c=  ")]
    [InlineData("a=1\u0000\u0000")]
    [InlineData("a=x\ny;\tb=2;c=3\t;")]
    [InlineData("po rt=1;k=\u0085x")]
    [InlineData("a='it''s';b=\"say \"\"hi\"\"\"")]
    public void Scan_StringsTheBuilderAccepts_AreAccepted(string text)
    {
        _ = new DbConnectionStringBuilder { ConnectionString = text };

        var keys = ConnectionStringKeyScanner.Scan(text);

        Assert.NotEmpty(keys);
    }

    [Theory]
    [InlineData("a=1\u0000x")]
    [InlineData("a=\"1\" 2")]
    [InlineData("a=1'")]
    [InlineData("a==1")]
    [InlineData("k\u0001=1")]
    [InlineData("a=1;b")]
    [InlineData("a='1")]
    public void Scan_StringsTheBuilderRejects_AreRejectedWithAPosition(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => new DbConnectionStringBuilder { ConnectionString = text });

        var error = Assert.Throws<ArgumentException>(() => ConnectionStringKeyScanner.Scan(text));

        Assert.Contains("(0-based)", error.Message, StringComparison.Ordinal);
    }
}
