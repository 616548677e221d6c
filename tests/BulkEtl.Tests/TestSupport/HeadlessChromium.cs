using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// Debian's chromium, driven headless from the command line: a page's DOM after it rendered, a screenshot, the console
/// messages it logged, and every connection it tried to open. All traffic is sent to a proxy on loopback that only
/// records each connection's first line, so a request leaving the file is seen even when nothing answers it.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    /// <summary>Chromium's own services seen from Debian's build with the flags below, whether or not a given visit calls them.</summary>
    private static readonly string[] KnownOwnHosts =
        ["update.googleapis.com", "accounts.google.com", "clients2.google.com", "optimizationguide-pa.googleapis.com", "redirector.gvt1.com"];

    public static string? Executable { get; } = Candidates.FirstOrDefault(File.Exists);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The hosts chromium itself calls whatever the page (its updater, sign-in, clock check; the flags above do not stop
    /// them all): a blank page's visit. A page's own request is one to any other host.
    /// </summary>
    public static async Task<IReadOnlySet<string>> OwnHostsAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bulketl-chromium-blank-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var blank = Path.Combine(folder, "blank.html");
            await File.WriteAllTextAsync(blank, "<!DOCTYPE html><html><body></body></html>");
            var seen = (await VisitAsync(blank, Path.Combine(folder, "blank.png"))).Hosts;
            return seen.Union(KnownOwnHosts, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Renders <paramref name="page"/> twice: once for its DOM, once for a 1280×800 screenshot into <paramref name="screenshot"/>.</summary>
    public static async Task<ChromiumVisit> VisitAsync(string page, string screenshot)
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "chromium is not installed (CI=true requires it: apt-get install -y chromium); the browser check cannot run");
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var connections = 0;
        var targets = new List<string>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await proxy.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
                var buffer = new byte[256];
                using var read = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    var count = await client.GetStream().ReadAsync(buffer, read.Token);
                    lock (targets)
                    {
                        targets.Add(System.Text.Encoding.ASCII.GetString(buffer, 0, count).Split('\r')[0]);
                    }
                }
                catch (Exception exception) when (exception is IOException or OperationCanceledException)
                {
                    // The connection attempt is what counts; its first line only names the target.
                }
            }
        });

        var url = new Uri(page).AbsoluteUri;
        var dom = await RunAsync(executable, ((IPEndPoint)proxy.LocalEndpoint).Port, ["--dump-dom", url]);
        var shot = await RunAsync(executable, ((IPEndPoint)proxy.LocalEndpoint).Port, [$"--screenshot={screenshot}", "--window-size=1280,800", url]);
        proxy.Stop();
        _ = accepting.Exception;
        var console = (dom.Error + shot.Error).Split('\n').Where(line => line.Contains("CONSOLE", StringComparison.Ordinal)).ToList();
        lock (targets)
        {
            return new ChromiumVisit(dom.Output, console, Volatile.Read(ref connections), [.. targets], dom.Error + shot.Error);
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(string executable, int proxyPort, string[] extra)
    {
        var profile = Path.Combine(Path.GetTempPath(), "bulketl-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])
                     [
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                         "--disable-features=OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,Translate", "--no-pings",
                         // Everything that would leave the machine, and loopback too, goes to the counting proxy.
                         $"--proxy-server=http://127.0.0.1:{proxyPort}", "--proxy-bypass-list=<-loopback>",
                         "--enable-logging=stderr", "--v=0", .. extra,
                     ])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }

            return (await output, await error);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile chromium still holds is left for the temp cleaner.
            }
        }
    }
}

/// <summary>What a headless visit saw: the DOM after rendering, console lines, connections attempted, and chromium's log.</summary>
internal sealed record ChromiumVisit(string Dom, IReadOnlyList<string> ConsoleLines, int Connections, IReadOnlyList<string> Requests, string Log)
{
    /// <summary>The hosts the requests went to (a CONNECT's target, or a plain request's URL host).</summary>
    public IReadOnlySet<string> Hosts => Requests
        .Select(line => line.Split(' '))
        .Where(parts => parts.Length >= 2)
        .Select(parts => parts[0] == "CONNECT" ? parts[1].Split(':')[0] : Uri.TryCreate(parts[1], UriKind.Absolute, out var uri) ? uri.Host : parts[1])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// A test that needs chromium: skipped with one clear line on a machine without it, run (and failing) under CI=true.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !HeadlessChromium.IsCi)
        {
            Skip = "chromium is not installed (apt-get install chromium); the browser check of the digest is skipped";
        }
    }
}
