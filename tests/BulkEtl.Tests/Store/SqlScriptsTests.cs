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
    public void Expand_IncludedScriptThatIncludesAnother_IsExpandedToo()
    {
        var text = SqlScripts.Expand("queries/q.sql", "-- @include rules/outer.sql\n", name => name == "rules/outer.sql" ? "FROM (\n-- @include rules/r.sql\n)" : Read(name));

        Assert.Equal("FROM (\nSELECT COUNT(*) FROM grouped_states\n)\n", text);
    }

    [Fact]
    public void Expand_IncludesInACircle_AreRefusedNamingTheCircle()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            SqlScripts.Expand("queries/q.sql", "-- @include rules/a.sql\n", name => name == "rules/a.sql" ? "-- @include rules/b.sql" : "-- @include rules/a.sql"));

        Assert.Equal("sql/queries/q.sql → sql/rules/a.sql → sql/rules/b.sql → sql/rules/a.sql includes in a circle", exception.Message);
    }

    [Theory]
    [InlineData("rules/failure_rate_groups.sql", "queries/failure_rates.sql")]
    [InlineData("rules/failure_rate_groups.sql", "queries/trend_chart_lines.sql")]
    [InlineData("rules/failure_rate_groups.sql", "views/failure_rates_by_period.sql")]
    [InlineData("rules/failure_reason_groups.sql", "queries/failure_reasons.sql")]
    [InlineData("rules/failure_reason_groups.sql", "views/failure_reasons_by_day.sql")]
    [InlineData("rules/rounded_ratio.sql", "rules/failure_rate_groups.sql")]
    [InlineData("rules/rounded_ratio.sql", "rules/failure_reason_groups.sql")]
    public void Get_EveryConsumerOfARule_CarriesItVerbatim(string rule, string consumer)
    {
        var text = SqlScripts.Get(consumer);

        Assert.Contains(SqlScripts.Get(rule).TrimEnd(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("-- @include", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_NoMigrationIncludes()
    {
        Assert.All(Migration.Embedded, migration => Assert.DoesNotContain("-- @include", migration.Sql, StringComparison.Ordinal));
    }

    private static string Read(string name) => name == "rules/r.sql" ? Rule : throw new InvalidOperationException(name);
}
