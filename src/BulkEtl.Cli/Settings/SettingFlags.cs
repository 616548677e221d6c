using System.CommandLine;
using BulkEtl.Cli.Commands;

namespace BulkEtl.Cli.Settings;

/// <summary>
/// The flags that set configuration keys, shared by run, check and config show so a flag means the same everywhere.
/// None has a default of its own: an unset flag leaves the key to the environment, the file or the key's default.
/// </summary>
internal sealed class SettingFlags
{
    private readonly Option<string?> _baseUrl = new("--base-url")
    {
        Description = "Zuora REST base URL, e.g. https://rest.test.zuora.com (Zuora:BaseUrl, ZUORA_BASE_URL)",
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "A bearer token (Zuora:Token, ZUORA_TOKEN); prefer client credentials, which renew",
    };

    private readonly Option<string?> _clientId = new("--client-id") { Description = "OAuth client id (Zuora:ClientId, ZUORA_CLIENT_ID)" };

    private readonly Option<string?> _clientSecret = new("--client-secret")
    {
        Description = "OAuth client secret (Zuora:ClientSecret, ZUORA_CLIENT_SECRET); prefer the environment, flags show in ps",
    };

    private readonly Option<string[]> _entityIds = new("--entity-id")
    {
        Description = "Zuora-Entity-Ids header, for multi-entity tenants (Zuora:EntityIds)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _orgIds = new("--org-ids")
    {
        Description = "Zuora-Org-Ids header, comma-separated, for multi-org tenants (Zuora:OrgIds)",
    };

    private readonly Option<string?> _database = new("--db") { Description = "SQLite database file, created and migrated when missing (Database)" };

    private readonly Option<string?> _output = new("--out") { Description = $"Folder the reports are written to (Output; default {SettingKeys.Output.Default})" };

    private readonly Option<double?> _failureReasonsDeadline = new(SettingKeys.FailureReasonsDeadline.Flag)
    {
        Description = $"Seconds the failure-reason step may take in a night; jobs not done by then wait for the next night (FailureReasons:Deadline; default {SettingKeys.FailureReasonsDeadline.Default})",
    };

    private readonly ResilienceFlags _tuning = new();

    public Option<string?> Config { get; } = new("--config")
    {
        Description = $"JSON configuration file (default: ./{SettingKeys.DefaultFileName} when present); environment variables and flags override it",
    };

    public IEnumerable<(SettingKey Key, Option Option)> Bindings =>
    [
        (SettingKeys.BaseUrl, _baseUrl), (SettingKeys.Token, _token), (SettingKeys.ClientId, _clientId),
        (SettingKeys.ClientSecret, _clientSecret), (SettingKeys.EntityIds, _entityIds), (SettingKeys.OrgIds, _orgIds),
        (SettingKeys.Database, _database), (SettingKeys.Output, _output), (SettingKeys.FailureReasonsDeadline, _failureReasonsDeadline),
        .. _tuning.Bindings,
    ];

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        foreach (var (_, option) in Bindings)
        {
            command.Options.Add(option);
        }
    }
}
