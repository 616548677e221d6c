namespace BulkEtl.Extract;

/// <summary>
/// Finds the extent of JSON values by their brackets and string quotes only, without judging what is inside a string.
/// It lets a document with one bad string escape (which no JSON parser accepts) be taken apart into values that are
/// then parsed one by one; a document cut off before its last bracket gives null.
/// </summary>
internal static class JsonSlices
{
    /// <summary>The root object's members as name → value range, or null when the text is not one complete object.</summary>
    public static IReadOnlyDictionary<string, Range>? TopLevelMembers(ReadOnlySpan<byte> json)
    {
        var members = new Dictionary<string, Range>(StringComparer.Ordinal);
        var index = SkipWhitespace(json, 0);
        if (index >= json.Length || json[index] != (byte)'{')
        {
            return null;
        }

        index = SkipWhitespace(json, index + 1);
        if (index < json.Length && json[index] == (byte)'}')
        {
            return AtEnd(json, index + 1) ? members : null;
        }

        while (index < json.Length)
        {
            if (json[index] != (byte)'"' || StringEnd(json, index) is not { } nameEnd)
            {
                return null;
            }

            var name = System.Text.Encoding.UTF8.GetString(json[(index + 1)..(nameEnd - 1)]);
            index = SkipWhitespace(json, nameEnd);
            if (index >= json.Length || json[index] != (byte)':')
            {
                return null;
            }

            var valueStart = SkipWhitespace(json, index + 1);
            if (ValueEnd(json, valueStart) is not { } valueEnd)
            {
                return null;
            }

            members[name] = valueStart..valueEnd;
            index = SkipWhitespace(json, valueEnd);
            if (index < json.Length && json[index] == (byte)',')
            {
                index = SkipWhitespace(json, index + 1);
                continue;
            }

            return index < json.Length && json[index] == (byte)'}' && AtEnd(json, index + 1) ? members : null;
        }

        return null;
    }

    /// <summary>The ranges of an array's elements, or null when the text is not one complete array.</summary>
    public static IReadOnlyList<Range>? ArrayElements(ReadOnlySpan<byte> json)
    {
        var elements = new List<Range>();
        var index = SkipWhitespace(json, 0);
        if (index >= json.Length || json[index] != (byte)'[')
        {
            return null;
        }

        index = SkipWhitespace(json, index + 1);
        if (index < json.Length && json[index] == (byte)']')
        {
            return AtEnd(json, index + 1) ? elements : null;
        }

        while (index < json.Length)
        {
            if (ValueEnd(json, index) is not { } end)
            {
                return null;
            }

            elements.Add(index..end);
            index = SkipWhitespace(json, end);
            if (index < json.Length && json[index] == (byte)',')
            {
                index = SkipWhitespace(json, index + 1);
                continue;
            }

            return index < json.Length && json[index] == (byte)']' && AtEnd(json, index + 1) ? elements : null;
        }

        return null;
    }

    /// <summary>The index just past the value starting at <paramref name="start"/>, or null when it never ends.</summary>
    private static int? ValueEnd(ReadOnlySpan<byte> json, int start)
    {
        if (start >= json.Length)
        {
            return null;
        }

        if (json[start] == (byte)'"')
        {
            return StringEnd(json, start);
        }

        if (json[start] is (byte)'{' or (byte)'[')
        {
            var depth = 0;
            for (var index = start; index < json.Length; index++)
            {
                switch (json[index])
                {
                    case (byte)'"':
                        if (StringEnd(json, index) is not { } end)
                        {
                            return null;
                        }

                        index = end - 1;
                        break;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        if (--depth == 0)
                        {
                            return index + 1;
                        }

                        break;
                }
            }

            return null;
        }

        // A number, true, false or null: up to the next separator.
        var stop = start;
        while (stop < json.Length && json[stop] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            stop++;
        }

        return stop > start && stop < json.Length ? stop : null;
    }

    /// <summary>The index just past the closing quote of the string opening at <paramref name="start"/>.</summary>
    private static int? StringEnd(ReadOnlySpan<byte> json, int start)
    {
        for (var index = start + 1; index < json.Length; index++)
        {
            if (json[index] == (byte)'\\')
            {
                index++;
            }
            else if (json[index] == (byte)'"')
            {
                return index + 1;
            }
        }

        return null;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int index)
    {
        while (index < json.Length && json[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            index++;
        }

        return index;
    }

    private static bool AtEnd(ReadOnlySpan<byte> json, int index) => SkipWhitespace(json, index) == json.Length;
}
