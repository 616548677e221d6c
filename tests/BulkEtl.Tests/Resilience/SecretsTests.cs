using System.Text;
using BulkEtl.Simulator;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Resilience;

/// <summary>Tokens, client secrets and Authorization headers never leave the process.</summary>
public sealed class SecretsTests
{
    private const string ClientSecret = "cs-9f8e7d6c5b4a-very-secret";

    [Fact]
    public async Task Run_WithTraceLoggingAndFaults_NoSecretReachesOutputDatabaseOrReports()
    {
        await using var simulator = await ZuoraSimulator.StartAsync(new SimulatorOptions
        {
            Jobs = 40,
            Seed = 11,
            Now = SimulatedNight.Now,
            ClientSecret = ClientSecret,
            Faults = new FaultOptions { Seed = 5, ServerErrorRate = 0.2, MalformedRate = 0.05, RetryAfterSeconds = 0 },
        });
        using var folder = new TempFolder();
        var database = folder.File("bulk.db");
        var reports = Path.Combine(folder.Path, "reports");
        var probe = simulator.IssueToken();

        var run = await ChildProcess.RunAsync(
        [
            "run", "--base-url", simulator.BaseUrl.ToString(), "--client-id", simulator.Options.ClientId, "--client-secret", ClientSecret,
            "--db", database, "--out", reports, "--from", "2026-10-22", "--to", "2026-11-20",
            "--log-level", "trace", "--retry-base-delay", "0.01", "--max-retries", "8",
        ], TimeSpan.FromMinutes(2));
        var json = await ChildProcess.RunAsync(
        [
            "run", "--base-url", simulator.BaseUrl.ToString(), "--token", probe,
            "--db", database, "--out", reports, "--from", "2026-10-22", "--to", "2026-11-20",
            "--log-level", "trace", "--log-format", "json", "--retry-base-delay", "0.01", "--max-retries", "8",
        ], TimeSpan.FromMinutes(2));
        var wrong = await ChildProcess.RunAsync(
        [
            "run", "--base-url", simulator.BaseUrl.ToString(), "--client-id", simulator.Options.ClientId, "--client-secret", ClientSecret + "-wrong",
            "--db", database, "--out", reports, "--log-level", "trace",
        ], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Equal(2, wrong.ExitCode);
        Assert.NotEmpty(run.Error);
        var secrets = simulator.IssuedTokens.Append(ClientSecret).ToList();
        Assert.True(secrets.Count >= 3, "the runs must have used OAuth tokens");
        var haystacks = new List<(string Where, string Text)>
        {
            ("stdout", run.Output + json.Output + wrong.Output),
            ("stderr", run.Error + json.Error + wrong.Error),
        };
        haystacks.AddRange(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories)
            .Select(file => (file, Encoding.Latin1.GetString(File.ReadAllBytes(file)))));
        foreach (var (where, text) in haystacks)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret leaked into {where}");
            }

            Assert.DoesNotContain("Bearer ", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
