using System.Globalization;
using BulkEtl.Run;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// One status line redrawn in place on a person's terminal: elapsed time, the listing's rate and, when the store has
/// listed the tenant whole before, how far this night is and how long it has left. Never used when stderr is a file or
/// a pipe, so cron mails and log shippers see only whole log lines.
/// </summary>
/// <param name="terminalWidth">Columns of the terminal when known: a line longer than that would wrap and stop
/// being redrawn in place.</param>
internal sealed class TerminalProgress(TextWriter error, TimeProvider timeProvider, Func<int?> terminalWidth) : IProgress<RunProgress>, IDisposable
{
    /// <summary>Redrawing faster than a person reads only costs the terminal time; the last report is drawn at the end.</summary>
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Below this the rate is noise, and a time left drawn from it would jump about.</summary>
    private static readonly TimeSpan RateAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly long _started = timeProvider.GetTimestamp();
    private long _lastDrawn;
    private int _drawnLength = -1;
    private RunProgress? _undrawn;

    /// <summary>Called from the listing's thread and the committing one alike.</summary>
    public void Report(RunProgress value)
    {
        lock (_gate)
        {
            if (_drawnLength >= 0 && timeProvider.GetElapsedTime(_lastDrawn) < RedrawInterval)
            {
                _undrawn = value;
                return;
            }

            Draw(value);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_undrawn is { } last)
            {
                Draw(last);
            }

            if (_drawnLength >= 0)
            {
                error.WriteLine();
                error.Flush();
            }
        }
    }

    /// <summary>The line's text, most telling first, so a narrow terminal cuts the least useful end.</summary>
    internal static string Format(RunProgress progress, TimeSpan elapsed)
    {
        var counts = progress.Counts;
        var culture = CultureInfo.InvariantCulture;
        var line = string.Create(culture, $"listed {counts.Listed:N0}");
        var rate = elapsed >= RateAfter ? counts.Listed / elapsed.TotalSeconds : (double?)null;
        var left = progress.ExpectedListed is { } expected && counts.Listed < expected;
        if (left)
        {
            line += string.Create(culture, $" of ~{progress.ExpectedListed:N0}");
        }

        if (rate is { } perSecond)
        {
            line += string.Create(culture, $", {perSecond:N0} jobs/s");
        }

        line += $", {Duration(elapsed)} elapsed";
        if (left && rate is > 0)
        {
            line += $", ~{Duration(TimeSpan.FromSeconds((progress.ExpectedListed!.Value - counts.Listed) / rate.Value))} left";
        }

        return line + string.Create(culture,
            $" | fetched {counts.Fetched:N0} (new {counts.New:N0}, changed {counts.Changed:N0}), failed {counts.Failed:N0}, {counts.Requests:N0} requests");
    }

    /// <summary>The line as written: back to the line's start, cut to the terminal, and blanking what a longer
    /// previous line left behind.</summary>
    internal static string Fit(string line, int? width, int previousLength)
    {
        // Writing into the last column makes some terminals wrap at once; one column short redraws in place everywhere.
        var columns = width is > 1 ? width.Value - 1 : int.MaxValue;
        if (line.Length > columns)
        {
            line = line[..columns];
        }

        return "\r" + line.PadRight(Math.Min(previousLength, columns));
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");

    private void Draw(RunProgress value)
    {
        var text = Fit(Format(value, timeProvider.GetElapsedTime(_started)), terminalWidth(), Math.Max(0, _drawnLength));
        error.Write(text);
        error.Flush();
        _drawnLength = text.AsSpan(1).TrimEnd(' ').Length;
        _lastDrawn = timeProvider.GetTimestamp();
        _undrawn = null;
    }
}
