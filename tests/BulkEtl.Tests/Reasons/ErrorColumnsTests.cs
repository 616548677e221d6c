using BulkEtl.Reasons;

namespace BulkEtl.Tests.Reasons;

public sealed class ErrorColumnsTests
{
    [Fact]
    public void Find_ColumnsNotInTheSourceHeader_AreTheErrorColumns()
    {
        string[] source = ["AccountNumber", "Name", "Email"];
        string[] errors = ["AccountNumber", "Name", "Email", "Zuora Failure", "Detail"];

        Assert.Equal([3, 4], ErrorColumns.Find(errors, source));
    }

    [Fact]
    public void Find_NamesComparedTrimmedAndCaseInsensitive()
    {
        string[] source = ["\uFEFFAccountNumber", " name "];
        string[] errors = ["accountnumber", "Name", "Problem"];

        Assert.Equal([2], ErrorColumns.Find(errors, source));
    }

    [Fact]
    public void Find_NoSourceHeader_FallsBackToNamesThatSayError()
    {
        string[] errors = ["AccountNumber", "ErrorCode", "Message", "Failure Reason", "Status", "Name"];

        Assert.Equal([1, 2, 3], ErrorColumns.Find(errors, null));
    }

    [Fact]
    public void Find_EveryColumnInTheSource_FallsBackToNames()
    {
        string[] source = ["AccountNumber", "ErrorCode"];
        string[] errors = ["AccountNumber", "ErrorCode"];

        Assert.Equal([1], ErrorColumns.Find(errors, source));
    }

    [Fact]
    public void Find_NothingThatReadsAsAnError_IsEmpty()
    {
        Assert.Empty(ErrorColumns.Find(["AccountNumber", "Name"], ["AccountNumber", "Name"]));
    }

    [Theory]
    [InlineData("https://files.example.com/a.csv?sig=1", true, true)]
    [InlineData("http://127.0.0.1:5000/a.csv", true, true)]
    [InlineData("http://localhost:5000/a.csv", true, true)]
    [InlineData("http://[::1]:5000/a.csv", true, true)]
    [InlineData("http://files.example.com/a.csv", true, false)]
    [InlineData("ftp://files.example.com/a.csv", true, false)]
    [InlineData("file:///etc/passwd", true, false)]
    [InlineData("https://files.example.com/a.csv?sig=1", false, true)]
    [InlineData("http://127.0.0.1:5000/a.csv", false, false)]
    [InlineData("http://0x7f000001:5000/a.csv", false, false)]
    [InlineData("http://[::ffff:127.0.0.1]:5000/a.csv", false, false)]
    [InlineData("http://localhost:5000/a.csv", false, false)]
    public void IsAllowed_HttpsOrLoopbackHttpOnlyWhenTheBaseUrlIsLoopback(string link, bool loopbackLinks, bool allowed)
    {
        Assert.Equal(allowed, FailureFileClient.IsAllowed(new Uri(link), loopbackLinks));
    }
}
