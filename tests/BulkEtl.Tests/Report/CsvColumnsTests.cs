using BulkEtl.Report;
using BulkEtl.Tests.TestSupport;

namespace BulkEtl.Tests.Report;

/// <summary>
/// The one rule behind every CSV header (camelCase properties in declaration order, rates with four decimals) gives
/// exactly the headers analysts' spreadsheets and loaders were promised, with and without the entity column.
/// </summary>
public sealed class CsvColumnsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false, "objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate", ",Import,1,0,3,2,1,0.3333")]
    [InlineData(true, "entityId,objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate", "e1,,Import,1,0,3,2,1,0.3333")]
    public async Task FailureRateReport_Columns(bool withEntity, string header, string row)
    {
        var lines = await WriteAsync(FailureRateReport.Columns(withEntity), Group());

        Assert.Equal([header, row], lines);
    }

    [Theory]
    [InlineData(false, "period,objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate", "2026-11-16,,Import,1,0,3,2,1,0.3333")]
    [InlineData(true, "entityId,period,objectType,jobType,jobs,jobsFailed,rowCount,rowsSucceeded,rowsFailed,failureRate", "e1,2026-11-16,,Import,1,0,3,2,1,0.3333")]
    public async Task Trend_Columns(bool withEntity, string header, string row)
    {
        var lines = await WriteAsync(FailureRateTrendReport.Columns(withEntity), Group());

        Assert.Equal([header, row], lines);
    }

    [Fact]
    public async Task FailureReasons_Columns_ShareWithFourDecimals()
    {
        var lines = await WriteAsync(new CsvColumns<FailureReasonRow>(), new FailureReasonRow("account", "Import", "invalid value", "53100320", "Bad", 1, 1, 0.5));

        Assert.Equal(["objectType,jobType,category,code,reason,rows,jobs,shareOfFailedRows", "account,Import,invalid value,53100320,Bad,1,1,0.5000"], lines);
    }

    [Fact]
    public async Task NoRate_IsAnEmptyCell()
    {
        var lines = await WriteAsync(FailureRateReport.Columns(withEntity: false), Group() with { FailureRate = null });

        Assert.Equal(",Import,1,0,3,2,1,", lines[1]);
    }

    private static FailureRateRow Group() => new("e1", "2026-11-16", "", "Import", 1, 0, 3, 2, 1, 0.3333);

    private async Task<string[]> WriteAsync<TRow>(CsvColumns<TRow> columns, TRow row)
    {
        var path = await new CsvFileWriter<TRow>(columns).WriteAsync(_folder.File($"{Guid.NewGuid():N}.csv"), [row], CancellationToken.None);
        return (await File.ReadAllTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
