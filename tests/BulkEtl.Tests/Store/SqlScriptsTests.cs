using BulkEtl.Store;

namespace BulkEtl.Tests.Store;

/// <summary>The include line that lets a rule in sql/rules/ be written once and used by queries and views.</summary>
public sealed class SqlScriptsTests
{
    private const string Rule = "SELECT COUNT(*) FROM grouped_states\n";

    [Fact]
    public void Expand_IncludeLine_IsReplacedByTheScriptsText()
    {
        var text = SqlScripts.Expand("queries/q.sql", "WITH grouped_states AS (SELECT 1)\n-- @include rules/r.sql\n;", Read);

        Assert.Equal("WITH grouped_states AS (SELECT 1)\nSELECT COUNT(*) FROM grouped_states\n;", text);
    }

    [Fact]
    public void Expand_WindowsLineEndings_StillInclude()
    {
        var text = SqlScripts.Expand("views/v.sql", "SELECT 1 FROM (\r\n    -- @include rules/r.sql\r\n);", Read);

        Assert.Equal("SELECT 1 FROM (\r\nSELECT COUNT(*) FROM grouped_states\n);", text);
    }

    [Fact]
    public void Expand_InAMigration_IsRefused()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SqlScripts.Expand("0009_next.sql", "-- @include rules/r.sql\n", Read));

        Assert.Contains("migration sql/0009_next.sql", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_IncludedScriptThatIncludesAgain_IsRefused()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            SqlScripts.Expand("queries/q.sql", "-- @include rules/nested.sql\n", _ => "-- @include rules/r.sql\n"));

        Assert.Contains("one level only", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_EveryFailureRateConsumer_CarriesTheOneRuleVerbatim()
    {
        var rule = SqlScripts.Get("rules/failure_rate_groups.sql").TrimEnd();

        foreach (var consumer in new[] { "queries/failure_rates.sql", "queries/trend_chart_lines.sql", "views/failure_rates_by_period.sql" })
        {
            var text = SqlScripts.Get(consumer);
            Assert.Contains(rule, text, StringComparison.Ordinal);
            Assert.DoesNotContain("-- @include", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Embedded_NoMigrationIncludes()
    {
        Assert.All(Migration.Embedded, migration => Assert.DoesNotContain("-- @include", migration.Sql, StringComparison.Ordinal));
    }

    private static string Read(string name) => name == "rules/r.sql" ? Rule : throw new InvalidOperationException(name);
}
