using BulkEtl.Cli;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Settings;

/// <summary>File, then environment, then flags: each layer overrides the one before, seen through <c>config show</c>.</summary>
public sealed class LayeredSettingsTests : IDisposable
{
    private const string Secret = "s3cr3t-from-the-file";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteConfig(string json, string name = "settings.json")
    {
        var path = _folder.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static Dictionary<string, string> Variables(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Name, pair => pair.Value);

    private static string Line(CliResult result, string key) =>
        result.Output.Split('\n').Single(line => line.StartsWith(key + " ", StringComparison.Ordinal));

    [Fact]
    public async Task ConfigShow_ValueInFile_ComesFromTheFile()
    {
        var path = WriteConfig("""{ "Zuora": { "BaseUrl": "https://file.example.com", "MaxRetries": 6 }, "Database": "night.db" }""");

        var result = await CliRunner.WithEnvironmentAsync(Variables(), null, "config", "show", "--config", path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains($"https://file.example.com  (file {path})", Line(result, "Zuora:BaseUrl"), StringComparison.Ordinal);
        Assert.Contains($"6  (file {path})", Line(result, "Zuora:MaxRetries"), StringComparison.Ordinal);
        Assert.Contains("night.db", Line(result, "Database"), StringComparison.Ordinal);
        Assert.Contains("10  (default)", Line(result, "Zuora:MaxConcurrency"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_EnvironmentAndFile_EnvironmentWins()
    {
        var path = WriteConfig("""{ "Zuora": { "BaseUrl": "https://file.example.com", "MaxRetries": 6 } }""");
        var variables = Variables(("BULKETL__ZUORA__BASEURL", "https://env.example.com"), ("BULKETL__ZUORA__MAXRETRIES", "7"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show", "--config", path);

        Assert.Contains("https://env.example.com  (environment variable BULKETL__ZUORA__BASEURL)", Line(result, "Zuora:BaseUrl"), StringComparison.Ordinal);
        Assert.Contains("7  (environment variable BULKETL__ZUORA__MAXRETRIES)", Line(result, "Zuora:MaxRetries"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_FlagAndEnvironment_FlagWinsOnlyWhenGiven()
    {
        var variables = Variables(("BULKETL__ZUORA__BASEURL", "https://env.example.com"), ("BULKETL__ZUORA__MAXRETRIES", "7"));

        // --max-retries has a default of its own; not given, it must not hide the environment's value.
        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show", "--base-url", "https://flag.example.com");

        Assert.Contains("https://flag.example.com  (flag --base-url)", Line(result, "Zuora:BaseUrl"), StringComparison.Ordinal);
        Assert.Contains("7  (environment variable BULKETL__ZUORA__MAXRETRIES)", Line(result, "Zuora:MaxRetries"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_ShortcutAndPrefixedVariable_PrefixedVariableWins()
    {
        var variables = Variables(("ZUORA_BASE_URL", "https://shortcut.example.com"), ("BULKETL__ZUORA__BASEURL", "https://env.example.com"),
            ("ZUORA_CLIENT_ID", "the-id"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show");

        Assert.Contains("https://env.example.com  (environment variable BULKETL__ZUORA__BASEURL)", Line(result, "Zuora:BaseUrl"), StringComparison.Ordinal);
        Assert.Contains("the-id  (environment variable ZUORA_CLIENT_ID)", Line(result, "Zuora:ClientId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_ClientCredentialsInFileTokenInEnvironment_CredentialsComeTogetherFromTheEnvironment()
    {
        var path = WriteConfig($$"""{ "Zuora": { "ClientId": "file-id", "ClientSecret": "{{Secret}}" } }""");

        var result = await CliRunner.WithEnvironmentAsync(Variables(("ZUORA_TOKEN", "env-token")), null, "config", "show", "--config", path);

        Assert.Contains("***  (environment variable ZUORA_TOKEN)", Line(result, "Zuora:Token"), StringComparison.Ordinal);
        Assert.Contains("(not set)", Line(result, "Zuora:ClientId"), StringComparison.Ordinal);
        Assert.Contains("(not set)", Line(result, "Zuora:ClientSecret"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_ClientIdInFileSecretInEnvironment_TakesBoth()
    {
        var path = WriteConfig("""{ "Zuora": { "ClientId": "file-id", "Token": "old-file-token" } }""");

        var result = await CliRunner.WithEnvironmentAsync(Variables(("BULKETL__ZUORA__CLIENTSECRET", "env-secret")), null, "config", "show", "--config", path);

        Assert.Contains($"file-id  (file {path})", Line(result, "Zuora:ClientId"), StringComparison.Ordinal);
        Assert.Contains("***  (environment variable BULKETL__ZUORA__CLIENTSECRET)", Line(result, "Zuora:ClientSecret"), StringComparison.Ordinal);
        Assert.Contains("(not set)", Line(result, "Zuora:Token"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_Secrets_PrintMaskedNeverInClear()
    {
        var path = WriteConfig($$"""{ "Zuora": { "BaseUrl": "https://file.example.com", "ClientId": "file-id", "ClientSecret": "{{Secret}}" } }""");
        var variables = Variables(("BULKETL__ZUORA__TOKEN", "tok-from-env-123"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show", "--config", path, "--client-secret", "flag-secret-456");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("***  (flag --client-secret)", Line(result, "Zuora:ClientSecret"), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-from-env-123", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("flag-secret-456", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_BaseUrlWithAPassword_MasksThePassword()
    {
        var variables = Variables(("BULKETL__ZUORA__BASEURL", "https://apiuser:Pw-in-url-42@rest.zuora.com"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "config", "show");

        Assert.Contains("https://***@rest.zuora.com  (", Line(result, "Zuora:BaseUrl"), StringComparison.Ordinal);
        Assert.DoesNotContain("Pw-in-url-42", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_FileInWorkingDirectory_IsReadWithoutConfigFlag()
    {
        var path = WriteConfig("""{ "Output": "nightly-reports" }""", "bulk-etl.json");

        var result = await CliRunner.WithEnvironmentAsync(Variables(), _folder.Path, "config", "show");

        Assert.Contains($"nightly-reports  (file {path})", Line(result, "Output"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShow_UnknownKeyInFile_ExitsTwoNamingKeyAndFile()
    {
        var path = WriteConfig("""{ "Zuora": { "BaseUrl": "https://file.example.com", "Retries": 3 } }""");

        var result = await CliRunner.WithEnvironmentAsync(Variables(), null, "config", "show", "--config", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'Zuora:Retries'", result.Error, StringComparison.Ordinal);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Run_UnknownPrefixedVariable_ExitsTwoNamingKeyAndVariable()
    {
        var variables = Variables(("BULKETL__ZUORA__BASEULR", "https://typo.example.com"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "run", "--db", _folder.File("a.db"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'ZUORA:BASEULR'", result.Error, StringComparison.Ordinal);
        Assert.Contains("environment variable BULKETL__ZUORA__BASEULR", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("a.db")));
    }

    [Fact]
    public async Task Run_BadValueInEnvironment_ExitsTwoNamingKeyAndVariable()
    {
        var variables = Variables(("ZUORA_BASE_URL", "https://rest.zuora.com"), ("ZUORA_TOKEN", "t"), ("BULKETL__ZUORA__MAXRETRIES", "many"));

        var result = await CliRunner.WithEnvironmentAsync(variables, null, "run", "--db", _folder.File("a.db"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Zuora:MaxRetries (environment variable BULKETL__ZUORA__MAXRETRIES)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadValueInFile_ExitsTwoNamingKeyAndFile()
    {
        var path = WriteConfig("""{ "Zuora": { "BaseUrl": "https://rest.zuora.com", "Token": "t", "RetryBaseDelay": -1 }, "Database": "x.db" }""");

        var result = await CliRunner.WithEnvironmentAsync(Variables(), null, "run", "--config", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"Zuora:RetryBaseDelay (file {path})", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingConfigFile_ExitsTwo()
    {
        var result = await CliRunner.WithEnvironmentAsync(Variables(), null, "config", "show", "--config", _folder.File("absent.json"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("absent.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EverythingFromTheFile_RunsTheNight()
    {
        await using var night = await SimulatedNight.StartAsync(jobs: 20);
        var path = WriteConfig($$"""
            {
              "Zuora": {
                "BaseUrl": "{{night.Simulator.BaseUrl}}",
                "ClientId": "{{night.Simulator.Options.ClientId}}",
                "ClientSecret": "{{night.Simulator.Options.ClientSecret}}",
                "RetryBaseDelay": 0.01
              },
              "Database": "{{night.Database}}",
              "Output": "{{night.Reports}}"
            }
            """);

        var result = await CliRunner.WithEnvironmentAsync(Variables(), null, "run", "--config", path, "--from", "2026-10-22", "--to", "2026-11-20",
            "--log-level", "none");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.Equal(20, SimulatedNight.StoredJobs(night.Database).Count);
    }
}
