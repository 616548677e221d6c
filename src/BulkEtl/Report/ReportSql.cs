using System.Text;
using System.Text.RegularExpressions;
using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// The SQL a manifest hashes: the query as run, followed by the definition (from the store's sqlite_master) of every
/// view it reads, directly or through other views. A query file that did not change still gives another number when
/// a migration redefined a view under it, and the hash says so. Names are looked for outside comments: the rules'
/// comments name the analyst views they serve, which the queries do not read.
/// </summary>
internal static partial class ReportSql
{
    public static string WithViews(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var views = connection.Query<(string Name, string Sql)>(SqlScripts.Get("store/views.sql"))
            .ToDictionary(view => view.Name, view => view.Sql, StringComparer.OrdinalIgnoreCase);
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([sql]);
        while (pending.TryPop(out var withComments))
        {
            var text = Comment().Replace(withComments, " ");
            foreach (var (name, definition) in views)
            {
                if (!used.ContainsKey(name) && Regex.IsMatch(text, $@"\b{Regex.Escape(name)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                {
                    used.Add(name, definition);
                    pending.Push(definition);
                }
            }
        }

        var result = new StringBuilder(sql);
        foreach (var definition in used.Values)
        {
            result.Append('\n').Append(definition).Append(";\n");
        }

        return result.ToString();
    }

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
