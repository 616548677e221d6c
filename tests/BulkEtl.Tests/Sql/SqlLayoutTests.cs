using System.Text.RegularExpressions;
using BulkEtl.Store;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Sql;

/// <summary>
/// How sql/ is laid out: migrations hold tables, indexes and data moves; every view is one file of sql/views/ and is
/// created nowhere else (the old migrations' CREATE VIEWs are history, dropped by 0011); no file is assembled from
/// others, nor hands a list to SQL as JSON.
/// </summary>
public sealed partial class SqlLayoutTests
{
    private const int ViewsLeftTheMigrations = 11;

    [Fact]
    public void ViewNames_AreTheFilesOfTheViewsFolder_EachOnce()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "sql", "views"), "*.sql")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, DerivedSchema.ViewNames.Order(StringComparer.Ordinal));
        Assert.Equal(DerivedSchema.ViewNames.Count, DerivedSchema.ViewNames.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CreateView_OfEveryView_IsInItsOwnFileAndInNoMigrationFromTheChangeOn()
    {
        var creators = SqlScripts.Names
            .Where(name => !IsMigration(name) || Migration.Embedded.Single(migration => name.StartsWith(migration.Label, StringComparison.Ordinal)).Version >= ViewsLeftTheMigrations)
            .SelectMany(name => CreateView().Matches(SqlScripts.Get(name)).Select(match => (View: match.Groups[1].Value, File: name)))
            .ToList();

        Assert.Equal(
            DerivedSchema.ViewNames.Select(view => (view, DerivedSchema.ViewFile(view))).Order(),
            creators.Order());
    }

    [Fact]
    public void Migration_FromTheChangeOn_DropsEveryViewItFinds()
    {
        var sql = Migration.Embedded.Single(migration => migration.Version == ViewsLeftTheMigrations).Sql;

        Assert.All(DerivedSchema.ViewNames, view => Assert.Contains($"DROP VIEW IF EXISTS {view};", sql, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@include")]
    [InlineData("json_each")]
    [InlineData("json_extract")]
    public void Files_OutsideTheMigrations_AreNotAssembledNorFedJson(string text)
    {
        Assert.All(SqlScripts.Names.Where(name => !IsMigration(name)), name => Assert.DoesNotContain(text, SqlScripts.Get(name), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories),
            file => File.ReadAllText(file).Contains("-- @include", StringComparison.Ordinal));
    }

    private static bool IsMigration(string name) => !name.Contains('/', StringComparison.Ordinal);

    [GeneratedRegex(@"CREATE\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_]+)\s+AS\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateView();
}
