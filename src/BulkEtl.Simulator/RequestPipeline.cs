namespace BulkEtl.Simulator;

/// <summary>
/// One request through the gateway's checks in Zuora's order (route, quota, track id, auth, concurrency, drawn
/// faults), then its endpoint, then the faults that spoil the body.
/// </summary>
internal sealed class RequestPipeline(
    TokenStore tokens, TokenEndpoint token, EntityRouter entities, FaultResponder faultResponder)
{
    private int _dataCalls;

    public async Task HandleAsync(HttpContext context, Endpoint endpoint, string? jobId, int inFlight, FaultInjector injector)
    {
        var faults = injector.Options;
        var response = context.Response;
        if (faults.NotFoundEverywhere)
        {
            // A gateway with no route for the path: no Zuora headers, no Zuora error shape.
            await ResponseWriter.WriteAsync(context, new SimulatorAnswer(404, ZuoraErrors.GatewayNotFound(faults.HostileErrorReasons)));
            return;
        }

        response.Headers["Zuora-Request-Id"] = Guid.NewGuid().ToString("D");
        if (await faultResponder.TryRefuseSpentQuotaAsync(context, endpoint, injector))
        {
            return;
        }

        var trackId = RequestHeaders.Get(context.Request, "Zuora-Track-Id");
        if (trackId is not null)
        {
            if (!RequestHeaders.IsValidTrackId(trackId))
            {
                await ResponseWriter.WriteAsync(context, SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "Zuora-Track-Id is invalid", faults));
                return;
            }

            response.Headers["Zuora-Track-Id"] = trackId;
        }

        if (endpoint == Endpoint.Unknown)
        {
            await ResponseWriter.WriteAsync(context, SimulatorAnswer.Error(404, ZuoraErrors.NotFound, "No such resource", faults));
            return;
        }

        if (endpoint == Endpoint.Token && faults.TokenRedirectTo is { } redirect)
        {
            response.StatusCode = 307;
            response.Headers.Location = redirect.AbsoluteUri;
            response.ContentLength = 0;
            return;
        }

        if (endpoint != Endpoint.Token && faults.RevokeTokensAtCall is { } revokeAt && Interlocked.Increment(ref _dataCalls) == revokeAt)
        {
            tokens.RevokeAll();
        }

        if (endpoint != Endpoint.Token && (RequestHeaders.BearerToken(context.Request) is not { } bearer || !tokens.IsValid(bearer)))
        {
            await ResponseWriter.WriteAsync(context, SimulatorAnswer.Error(401, ZuoraErrors.Authentication, "Authentication error", faults));
            return;
        }

        var fault = Fault.None;
        if (endpoint != Endpoint.Token || faults.FaultTokenEndpoint)
        {
            if (await faultResponder.TryRefuseOverConcurrencyAsync(context, inFlight, faults))
            {
                return;
            }

            fault = injector.Draw(endpoint == Endpoint.List);
            await faultResponder.DelayLatencyAsync(context, faults);
            if (await faultResponder.TryAnswerAsync(context, fault, faults))
            {
                return;
            }
        }

        var entity = endpoint == Endpoint.Token ? entities.Default : entities.Resolve(context.Request);
        if (entity is null)
        {
            await ResponseWriter.WriteAsync(context, SimulatorAnswer.Error(400, ZuoraErrors.InvalidValue, "Zuora-Entity-Ids is missing or names no entity of this tenant", faults));
            return;
        }

        if (endpoint == Endpoint.Summary)
        {
            await faultResponder.DelaySlowSummaryAsync(context, jobId, faults);
        }

        var answer = endpoint switch
        {
            Endpoint.Token => await token.AnswerAsync(context, faults),
            Endpoint.List => entity.List.Answer(context.Request, injector),
            Endpoint.Downloads when entity.Downloads is not null => entity.Downloads.Answer(jobId, faults),
            _ => entity.Summary.Answer(jobId, faults),
        };
        if (answer.Status == 200 && jobId is not null && faults.OversizedBodyIds.Contains(jobId))
        {
            await ResponseWriter.WriteOversizedAsync(context, jobId, faults.OversizedBodyBytes);
            return;
        }

        if (answer.Status == 200 && (fault == Fault.Malformed || (jobId is not null && faults.AlwaysMalformedIds.Contains(jobId))))
        {
            answer = answer with { Body = ResponseWriter.MalformedBody };
        }

        await ResponseWriter.WriteAsync(context, answer, truncate: fault == Fault.Truncate);
    }
}
