using BulkEtl.Reasons;

namespace BulkEtl.Tests.Reasons;

/// <summary>The fingerprinter is the privacy boundary: every value a row may carry must leave as a placeholder.</summary>
public sealed class ReasonFingerprinterTests
{
    [Theory]
    [InlineData("Invalid value for field Currency: 'XYZ'", "Invalid value for field Currency: <value>")]
    [InlineData("Invalid value for field Currency: \"XYZ\"", "Invalid value for field Currency: <value>")]
    [InlineData("Invalid value for field Currency: `XYZ`", "Invalid value for field Currency: <value>")]
    [InlineData("Invalid value for field Currency: “XYZ”", "Invalid value for field Currency: <value>")]
    [InlineData("Account 'A-000123' not found", "Account <value> not found")]
    [InlineData("Account A-000123 not found", "Account <value> not found")]
    [InlineData("Name 'O'Brien' is too long", "Name <value> is too long")]
    [InlineData("Contact doesn't exist: 'Jane Doe'", "Contact doesn't exist: <value>")]
    [InlineData("Email jane.doe@example.com is already in use", "Email <email> is already in use")]
    [InlineData("Email Jane.O'Doe+billing@mail.example.co.uk is already in use", "Email <email> is already in use")]
    [InlineData("Subscription 3a3e85c4-96e7-486b-ae02-827120104301 is cancelled", "Subscription <uuid> is cancelled")]
    [InlineData("Invoice 8a8082c45f0e3a47015f1234abcd5678 is posted", "Invoice <id> is posted")]
    [InlineData("Effective date 2026-11-20 is before 2026-01-01T10:00:00Z", "Effective date <date> is before <date>")]
    [InlineData("Effective date 20/11/2026 is invalid", "Effective date <date> is invalid")]
    [InlineData("Amount 1,234.50 exceeds the limit of 1000", "Amount <number> exceeds the limit of <number>")]
    [InlineData("Amount -12.5 is negative", "Amount <number> is negative")]
    [InlineData("Phone +44 20 7946 0958 is invalid", "Phone <number> <number> <number> <number> is invalid")]
    [InlineData("See https://example.com/jane?id=7 for details", "See <url> for details")]
    [InlineData("Missing required field AccountNumber", "Missing required field AccountNumber")]
    [InlineData("  Missing \t required\r\n field   AccountNumber ", "Missing required field AccountNumber")]
    [InlineData("Field Address1 is too long", "Field <value> is too long")]
    [InlineData("Name 'Jane Doe is cut", "Name <value>")]
    [InlineData("\u001b[31mRed\u001b[0m alert", "Red alert")]
    [InlineData("", ReasonFingerprinter.NoMessage)]
    [InlineData("   ", ReasonFingerprinter.NoMessage)]
    public void Template_Message_ReplacesEveryValue(string message, string expected)
    {
        Assert.Equal(expected, ReasonFingerprinter.Template(message));
    }

    [Fact]
    public void Fingerprint_SameMistakeOnDifferentRows_IsEqual()
    {
        var first = ReasonFingerprinter.Fingerprint(["53100320", "Invalid value for field Currency: 'XYZ'"]);
        var second = ReasonFingerprinter.Fingerprint(["53100320", "Invalid value for field Currency: 'ABC'"]);

        Assert.Equal(first, second);
        Assert.Equal(new FailureFingerprint("53100320", "invalid value", "Invalid value for field Currency: <value>"), first);
    }

    [Fact]
    public void Fingerprint_DifferentMistakes_Differ()
    {
        var currency = ReasonFingerprinter.Fingerprint(["53100320", "Invalid value for field Currency: 'XYZ'"]);
        var missing = ReasonFingerprinter.Fingerprint(["53100022", "Missing required field AccountNumber"]);

        Assert.NotEqual(currency, missing);
        Assert.Equal("missing field", missing.Category);
    }

    [Fact]
    public void Fingerprint_CodeOpeningTheMessage_IsTheCodeAndLeavesTheTemplate()
    {
        var fingerprint = ReasonFingerprinter.Fingerprint("50000040: Account 'A-000123' not found");

        Assert.Equal(new FailureFingerprint("50000040", "not found", "Account <value> not found"), fingerprint);
    }

    [Fact]
    public void Fingerprint_CodeRepeatedInTheMessageCell_IsNotANumber()
    {
        var fingerprint = ReasonFingerprinter.Fingerprint(["50000040", "50000040 - Account 'A-000123' not found"]);

        Assert.Equal("Account <value> not found", fingerprint.Reason);
        Assert.Equal("50000040", fingerprint.Code);
    }

    [Fact]
    public void Fingerprint_EightDigitsInsideTheMessage_AreDataNotACode()
    {
        var fingerprint = ReasonFingerprinter.Fingerprint("Account 12345678 not found");

        Assert.Equal(new FailureFingerprint("", "", "Account <number> not found"), fingerprint);
    }

    [Fact]
    public void Fingerprint_NoMessageButACode_KeepsTheCode()
    {
        var fingerprint = ReasonFingerprinter.Fingerprint(["53100020", "", null]);

        Assert.Equal(new FailureFingerprint("53100020", "invalid value", ReasonFingerprinter.NoMessage), fingerprint);
    }

    [Theory]
    [InlineData("10000010", "permission")]
    [InlineData("10000011", "authentication")]
    [InlineData("10000020", "invalid value")]
    [InlineData("10000021", "unknown field")]
    [InlineData("10000022", "missing field")]
    [InlineData("10000023", "missing parameter")]
    [InlineData("10000030", "business rule")]
    [InlineData("10000040", "not found")]
    [InlineData("10000045", "unsupported")]
    [InlineData("10000050", "lock contention")]
    [InlineData("10000060", "internal")]
    [InlineData("10000061", "temporary")]
    [InlineData("10000070", "request limit")]
    [InlineData("10000090", "malformed")]
    [InlineData("10000099", "integration")]
    [InlineData("10000042", ErrorCodeCategory.Unknown)]
    [InlineData("1000010", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Category_LastTwoDigits_FollowZuorasTable(string? code, string expected)
    {
        Assert.Equal(expected, ErrorCodeCategory.Of(code));
    }

    [Fact]
    public void Template_LongMessage_IsCutTo200CharactersOutsideAPlaceholder()
    {
        var message = new string('x', 150) + " " + string.Join(" ", Enumerable.Repeat("'secret'", 40));

        var template = ReasonFingerprinter.Template(message);

        Assert.True(template.Length <= ReasonFingerprinter.MaxReasonLength, template);
        Assert.EndsWith("…", template, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", template, StringComparison.Ordinal);
        Assert.Matches(@"(<value> )*<value>…$|<value>…$|\s…$|x…$", template);
        Assert.DoesNotMatch("<[a-z]*…$", template);
    }

    [Fact]
    public void Template_HugeMessage_IsReadOnlyInPart()
    {
        var message = "Invalid 'x' " + new string('a', 1_000_000);

        var template = ReasonFingerprinter.Template(message);

        Assert.StartsWith("Invalid <value> aaa", template, StringComparison.Ordinal);
        Assert.True(template.Length <= ReasonFingerprinter.MaxReasonLength);
    }

    [Theory]
    [InlineData("Jane Doe's email 'jane.doe@example.com' is invalid", "jane.doe")]
    [InlineData("Duplicate account 'Jane Doe' (A-000123, 2026-02-03)", "Jane")]
    [InlineData("Bill-to contact \"Jane Doe\" at jane.doe@example.com, +1 555 0100", "555")]
    [InlineData("Card 4111-1111-1111-1111 declined", "4111")]
    [InlineData("IBAN DE89370400440532013000 invalid", "DE89")]
    public void Template_PlantedValues_NeverSurvive(string message, string planted)
    {
        var template = ReasonFingerprinter.Template(message);

        Assert.DoesNotContain(planted, template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", template, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", template);
    }
}
