namespace BulkEtl.Reasons;

/// <summary>One line of a <see cref="BoundedLineReader"/>: its bytes, or none and <see cref="Oversized"/> when it was too long.</summary>
internal readonly record struct BoundedLine(ReadOnlyMemory<byte> Bytes, bool Oversized);
