using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BulkEtl.Model;
using CsvHelper.Configuration;

namespace BulkEtl.Report;

/// <summary>
/// The columns of every CSV report, by one rule: a column per public property of the row type, in declaration order,
/// named as the property in camelCase (ObjectType → objectType), rates (decimal or double) with exactly four decimals.
/// Names and order are the analysts' contract, so a report's header changes only with its row type, and the tests
/// pin each header byte for byte.
/// </summary>
internal sealed class CsvColumns<TRow> : ClassMap<TRow>
{
    /// <param name="leftOut">Properties that are not columns of this file (e.g. the period of the window report).</param>
    public CsvColumns(params string[] leftOut)
    {
        AutoMap(CultureInfo.InvariantCulture);
        foreach (var column in MemberMaps)
        {
            var property = (PropertyInfo)column.Data.Member!;
            if (leftOut.Contains(property.Name, StringComparer.Ordinal))
            {
                column.Ignore();
                continue;
            }

            column.Name(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(decimal) || type == typeof(double))
            {
                column.TypeConverterOption.Format(TextFormats.FailureRate);
            }
        }
    }
}
