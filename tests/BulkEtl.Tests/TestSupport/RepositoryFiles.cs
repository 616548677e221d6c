namespace BulkEtl.Tests.TestSupport;

/// <summary>Files of the repository itself (README, sql/), found by walking up to BulkEtl.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BulkEtl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BulkEtl.sln not found above the test folder");
    }
}
