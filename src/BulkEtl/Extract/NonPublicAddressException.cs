namespace BulkEtl.Extract;

/// <summary>A host that resolves to no public address (this machine, a private network, link-local metadata): not connected.</summary>
internal sealed class NonPublicAddressException(string host)
    : Exception($"{SafeText.Clip(host, 100)} does not resolve to a public address; it was not connected to")
{
    public string Host { get; } = SafeText.Clip(host, 100);
}
