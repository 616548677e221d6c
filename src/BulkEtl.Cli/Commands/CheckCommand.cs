using System.CommandLine;
using BulkEtl.Cli.Composition;
using BulkEtl.Cli.Settings;
using BulkEtl.Extract;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// <c>bulk-etl check</c>: the configuration as run would read it, then a token, one list page and one summary through
/// the same client a run uses. Read-only: nothing is stored. Any failure is the configuration's to fix: exit 2.
/// </summary>
internal static class CheckCommand
{
    /// <summary>A check should answer in seconds: one retry at most, whatever a night is allowed.</summary>
    private const int MaxCheckRetries = 1;

    public static Command Create(CliEnvironment environment)
    {
        var settingFlags = new SettingFlags();
        var command = new Command("check", "Check the configuration and the connection to Zuora: a token, one list page and one summary, nothing stored");
        settingFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = LayeredSettings.Load(parse, settingFlags, environment);
            var configuration = RunConfiguration.Read(settings);
            var output = environment.Output;
            output.WriteLine($"configuration:  valid ({(settings.File is { } file ? $"file {file}" : "no configuration file")})");
            output.WriteLine($"base URL:       {configuration.Connection.BaseUrl}");

            // A check answers in seconds: at most a retry or two, whatever the night allows itself.
            var tuning = configuration.Tuning with
            {
                Resilience = configuration.Tuning.Resilience with
                {
                    MaxRetryAttempts = Math.Min(configuration.Tuning.Resilience.MaxRetryAttempts, MaxCheckRetries),
                },
            };
            var options = configuration.Connection.ToOptions(configuration.EntityIds, configuration.OrgIds, tuning,
                TrackId.ForRun(Guid.CreateVersion7(environment.TimeProvider.GetUtcNow())));
            await using var services = CliServices.Build(environment, "none", "text", options);
            try
            {
                await ProbeAsync(services, options, settings, output, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await environment.Error.WriteLineAsync($"error: check failed: {Describe(exception)}");
                return ExitCodes.Usage;
            }

            output.WriteLine("check passed");
            return ExitCodes.Success;
        });
        command.WithExample("BULKETL__ZUORA__CLIENTSECRET=... bulk-etl check --base-url https://rest.test.zuora.com --client-id my-client");
        return command;
    }

    private static async Task ProbeAsync(ServiceProvider services, ZuoraOptions options, LayeredSettings settings, TextWriter output,
        CancellationToken cancellationToken)
    {
        var tokens = services.GetRequiredService<IAccessTokenSource>();
        await tokens.GetTokenAsync(cancellationToken);
        if (tokens.CanRenew)
        {
            output.WriteLine("reachable:      yes (POST /oauth/token answered)");
            output.WriteLine("authenticated:  yes (OAuth token issued for the client id)");
        }

        var client = services.GetRequiredService<ZuoraClient>();
        var probe = await client.ProbeAsync(cancellationToken);
        if (!tokens.CanRenew)
        {
            output.WriteLine("reachable:      yes (GET /bulk-data/bulk-jobs/summaries answered)");
            output.WriteLine("authenticated:  yes (the bearer token was accepted)");
        }

        var page = probe.FirstPage;
        output.WriteLine($"jobs visible:   {page.Count} on the first page");
        output.WriteLine($"list cursor:    {Cursor(page, client.PageSize)}");
        if (page.Entries.FirstOrDefault() is { } first)
        {
            var fetch = await client.GetSummaryAsync(first.Id, cancellationToken);
            output.WriteLine(fetch.Summary is { } summary
                ? $"summary:        read job {first.Id} ({(summary.Status is { } status ? SafeText.Strip(status) : "no status")})"
                : $"summary:        job {first.Id} answered 404 (gone since it was listed)");
        }
        else
        {
            output.WriteLine("summary:        none to read (no jobs listed)");
        }

        output.WriteLine(probe.WasGzipped
            ? "gzip:           on (Content-Encoding: gzip seen)"
            : "gzip:           off (the list page came uncompressed; Zuora gzips answers over 1000 bytes)");
        output.WriteLine(probe.EchoedTrackId == options.TrackId
            ? $"track id:       echoed ({options.TrackId})"
            : $"track id:       not echoed (sent {options.TrackId})");
        output.WriteLine($"concurrency:    {options.MaxConcurrency} fetches in flight at most ({settings[SettingKeys.MaxConcurrency]!.Origin})");
    }

    /// <summary>
    /// Which field the cursor came in: the reference does not show it, so the first check against a tenant says what
    /// BulkEtl found, or that the first page was all there is.
    /// </summary>
    private static string Cursor(ListPage page, int pageSize) =>
        page.CursorField is { } field ? $"{field} (more pages follow)"
        : page.Count < pageSize ? $"none: the tenant fits in one page ({page.Count} of {pageSize} asked)"
        : page.OtherFields.Count > 0 ? $"none under {string.Join(" or ", ListPage.CursorFields)}, but the full first page carries other "
            + $"top-level fields ({string.Join(", ", page.OtherFields.Take(10))}): a night could not verify its listing and would exit 3; report these names"
        : $"none: the first page is full ({pageSize}) with no cursor, so the tenant holds exactly {pageSize} jobs";

    private static string Describe(Exception exception) => exception switch
    {
        ZuoraAuthenticationException => $"not authenticated: {exception.Message}",
        ZuoraConfigurationException => $"wrong base URL: {exception.Message}",
        TransientZuoraException { InnerException: HttpRequestException } => $"unreachable: {exception.Message}",
        TimeoutRejectedException => $"unreachable: no answer in time ({exception.Message})",
        BrokenCircuitException => $"unreachable: {exception.Message}",
        ZuoraApiException api => $"Zuora answered, but not as a healthy tenant would: {api.Message}",
        _ => $"unexpected {exception.GetType().Name}: {exception.Message}",
    };
}
