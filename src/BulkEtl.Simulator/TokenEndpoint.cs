using System.Text.Json;

namespace BulkEtl.Simulator;

/// <summary><c>POST /oauth/token</c>: client credentials in a form body, a bearer token from <see cref="TokenStore"/>.</summary>
internal sealed class TokenEndpoint(SimulatorOptions options, TokenStore tokens)
{
    public const string Path = "/oauth/token";

    public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, FaultOptions faults)
    {
        if (!context.Request.HasFormContentType)
        {
            return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "Expected a form body", faults);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "grant_type must be client_credentials", faults);
        }

        if (form["client_id"] != options.ClientId || form["client_secret"] != options.ClientSecret)
        {
            return SimulatorAnswer.Error(401, ZuoraErrors.Authentication, "Bad credentials", faults);
        }

        var token = tokens.Issue(faults);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token);
            writer.WriteString("token_type", "bearer");
            writer.WritePropertyName("expires_in");
            if (faults.TokenExpiresInJson is { } raw)
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
            else
            {
                writer.WriteNumberValue((int)options.TokenLifetime.TotalSeconds);
            }

            writer.WriteString("scope", "entity.1a2b3c4d user.5e6f7a8b");
            writer.WriteString("jti", Guid.NewGuid().ToString("N"));
            writer.WriteEndObject();
        }

        return new SimulatorAnswer(200, buffer.ToArray());
    }
}
