using System.Net;

namespace BulkEtl.Extract;

/// <summary>
/// The run's secrets (client secret, token, a base URL's password, the bearer token of the request at hand), replaced by
/// <c>***</c> in text a server sent. A token endpoint that echoes the posted form in its error, or a proxy that quotes
/// the Authorization header, would otherwise put them in every log line, exception and ledger row that quotes it. Applied
/// before the text is clipped, so a cut can never leave half a secret behind.
/// </summary>
internal sealed class SecretMask
{
    public const string Masked = "***";

    public static readonly SecretMask None = new([]);

    private readonly string[] _forms;

    private SecretMask(IEnumerable<string> forms) =>
        // Longest first: a secret that contains another is masked whole.
        _forms = [.. forms.Where(form => form.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(form => form.Length)];

    public static SecretMask Of(params string?[] secrets) => None.With(secrets);

    /// <summary>The configured credentials of <paramref name="options"/>: client secret, token and the base URL's password.</summary>
    public static SecretMask For(ZuoraOptions options) => Of(options.ClientSecret, options.Token, Password(options.BaseUrl));

    /// <summary>This mask and <paramref name="secrets"/>, each also as it travels URL- or form-encoded (what an echo quotes).</summary>
    public SecretMask With(params string?[] secrets) =>
        new(_forms.Concat(secrets.OfType<string>().Where(secret => secret.Length > 0)
            .SelectMany(secret => new[]
            {
                // As given, as a URL escapes it, as an HTML form does (FormUrlEncodedContent: a space becomes '+'), and as
                // WebUtility spells a form.
                secret, Uri.EscapeDataString(secret), Uri.EscapeDataString(secret).Replace("%20", "+", StringComparison.Ordinal),
                WebUtility.UrlEncode(secret),
            })));

    public string Apply(string text)
    {
        foreach (var form in _forms)
        {
            text = text.Replace(form, Masked, StringComparison.Ordinal);
        }

        return text;
    }

    private static string? Password(Uri url) =>
        url.UserInfo is { Length: > 0 } userInfo && userInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? Uri.UnescapeDataString(userInfo[(colon + 1)..])
            : null;
}
