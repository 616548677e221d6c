using System.Text;
using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Security;

/// <summary>
/// A secret the night was given never comes back out: not when a server quotes it, not when a flag's name is
/// mistyped, not when the base URL carries one.
/// </summary>
public sealed class SecretMaskingTests
{
    /// <summary>Characters that change when URL- or form-encoded, so every form an echo may quote is covered.</summary>
    private const string Secret = "S3cr3t+/=x y~echo";

    [Fact]
    public async Task Run_TokenEndpointEchoesTheClientSecret_SecretReachesNoLogLedgerRunsOrCheck()
    {
        await using var endpoint = await EchoingTokenEndpoint.StartAsync();
        using var folder = new TempFolder();
        var database = folder.File("bulk.db");
        string[] connection = ["--base-url", endpoint.BaseUrl.ToString(), "--client-id", "echo-client", "--client-secret", Secret];

        var run = await ChildProcess.RunAsync(
        [
            "run", .. connection, "--db", database, "--out", folder.File("reports"),
            "--log-level", "trace", "--log-format", "json", "--max-retries", "2", "--retry-base-delay", "0.01",
        ], TimeSpan.FromMinutes(1));
        var runs = await CliRunner.RunAsync("runs", "--db", database);
        var check = await CliRunner.RunAsync(["check", .. connection, "--retry-base-delay", "0.01"]);

        Assert.True(run.ExitCode == ExitCodes.Failure, run.Error);
        Assert.Equal(ExitCodes.Usage, check.ExitCode);
        Assert.True(endpoint.Requests >= 4, "the run and the check must have asked the echoing endpoint");
        // The server's message still arrives, with the secret masked, so an operator sees why.
        Assert.Contains("invalid client_secret '***'", run.Error, StringComparison.Ordinal);
        Assert.Contains("invalid client_secret '***'", runs.Output, StringComparison.Ordinal);
        Assert.Contains("invalid client_secret '***'", check.Error, StringComparison.Ordinal);
        var haystacks = new List<(string Where, string Text)>
        {
            ("run output", run.Output + run.Error), ("runs", runs.Output + runs.Error), ("check", check.Output + check.Error),
        };
        haystacks.AddRange(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories)
            .Select(file => (file, Encoding.UTF8.GetString(File.ReadAllBytes(file)))));
        foreach (var (where, text) in haystacks)
        {
            foreach (var form in new[] { Secret, Uri.EscapeDataString(Secret), System.Net.WebUtility.UrlEncode(Secret), "S3cr3t" })
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"the client secret ({form}) leaked into {where}");
            }
        }
    }

    [Theory]
    [InlineData("--client-secert", "S3CRET-typo")]
    [InlineData("--tokn", "S3CRET-typo")]
    [InlineData("--client-secert=S3CRET-typo", null)]
    public async Task Run_MistypedFlag_ErrorNamesTheFlagButNotItsValue(string flag, string? value)
    {
        string[] args = value is null ? ["run", flag, "--db", "x.db"] : ["run", flag, value, "--db", "x.db"];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain("S3CRET", result.Error + result.Output, StringComparison.Ordinal);
        Assert.Contains(flag.Split('=')[0], result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ValueAfterASecretFlagThatFailsToParse_NotEchoed()
    {
        var result = await CliRunner.RunAsync("run", "--client-secret", "first", "S3CRET-second-half", "--db", "x.db");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain("S3CRET", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pa55word@rest.test.zuora.com/?access_token=T0KEN#fr4g", "https://***@rest.test.zuora.com/")]
    [InlineData("https://user:pa55/wo?rd#x@rest.test.zuora.com:bad-port/path?access_token=T0KEN", "https://***@rest.test.zuora.com:bad-port/path")]
    [InlineData("user:pa55word@rest.test.zuora.com", "***@rest.test.zuora.com")]
    [InlineData("https://rest.test.zuora.com/?access_token=T0KEN", "https://rest.test.zuora.com/")]
    public async Task ConfigShow_BaseUrlWithUserInfoOrQuery_MasksTheUserInfoAndDropsQueryAndFragment(string url, string shown)
    {
        var result = await CliRunner.RunAsync("config", "show", "--base-url", url);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var line = result.Output.Split('\n').Single(line => line.StartsWith("Zuora:BaseUrl", StringComparison.Ordinal));
        Assert.Contains($" {shown}  (flag --base-url)", line, StringComparison.Ordinal);
        foreach (var secret in new[] { "pa55", "T0KEN", "fr4g", "wo?rd" })
        {
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
        }
    }
}
