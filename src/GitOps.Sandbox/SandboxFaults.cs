using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace GitOps.Sandbox;

/// <summary>
/// Fault injection for tests: fail, delay or drop the next requests that match a verb and a path fragment.
/// Verbs are <c>GET</c>, <c>LIST</c> (collection reads and watches), <c>POST</c>, <c>PUT</c>, <c>PATCH</c>,
/// <c>DELETE</c>, or <c>"*"</c> for any; the fragment is matched against the path and query string.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];

    /// <summary>Answers the next <paramref name="count"/> matching requests with a Kubernetes Status of <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, string verb, string pathContains, int statusCode, TimeSpan? retryAfter = null) =>
        Add(new Rule(count, verb, pathContains, Fault.Fail, statusCode, retryAfter, TimeSpan.Zero));

    /// <summary>Holds the next <paramref name="count"/> matching requests for <paramref name="delay"/> before serving them.</summary>
    public void DelayNext(int count, string verb, string pathContains, TimeSpan delay) =>
        Add(new Rule(count, verb, pathContains, Fault.Delay, 0, null, delay));

    /// <summary>
    /// Holds the next request that matches until the returned gate is opened: a test can then act while the request is
    /// known to be in flight (its <see cref="RequestGate.Arrived"/> has completed) and let it through afterwards.
    /// </summary>
    public RequestGate HoldNext(string verb, string pathContains)
    {
        var gate = new RequestGate();
        Add(new Rule(1, verb, pathContains, Fault.Hold, 0, null, TimeSpan.Zero) { Gate = gate });
        return gate;
    }

    /// <summary>Aborts the connection of the next <paramref name="count"/> matching requests without answering.</summary>
    public void DropNext(int count, string verb, string pathContains) =>
        Add(new Rule(count, verb, pathContains, Fault.Drop, 0, null, TimeSpan.Zero));

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>Applies the first matching rule; true when the request was fully answered (failed or dropped).</summary>
    internal async Task<bool> InterceptAsync(HttpContext context, string verb, string pathAndQuery)
    {
        Rule? match;
        lock (gate)
        {
            match = rules.FirstOrDefault(rule => rule.Matches(verb, pathAndQuery));
            if (match is not null && --match.Remaining == 0)
            {
                rules.Remove(match);
            }
        }

        switch (match?.Kind)
        {
            case Fault.Fail:
                var error = new ApiException(match.StatusCode, ReasonFor(match.StatusCode), $"injected fault: {match.StatusCode} for {verb} {pathAndQuery}", new JsonObject())
                {
                    RetryAfter = match.RetryAfter,
                };
                await Http.Responses.Error(context, error);
                return true;
            case Fault.Delay:
                await Task.Delay(match.Delay, context.RequestAborted);
                return false;
            case Fault.Drop:
                context.Abort();
                return true;
            case Fault.Hold:
                await match.Gate!.HoldAsync(context.RequestAborted);
                return false;
            default:
                return false;
        }
    }

    private void Add(Rule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Remaining);
        ArgumentNullException.ThrowIfNull(rule.Verb);
        ArgumentNullException.ThrowIfNull(rule.PathContains);
        lock (gate)
        {
            rules.Add(rule);
        }
    }

    private static string ReasonFor(int statusCode) => statusCode switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        410 => "Expired",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    private enum Fault
    {
        Fail,
        Delay,
        Drop,
        Hold,
    }

    private sealed class Rule(int count, string verb, string pathContains, Fault kind, int statusCode, TimeSpan? retryAfter, TimeSpan delay)
    {
        public int Remaining { get; set; } = count;

        public string Verb { get; } = verb;

        public string PathContains { get; } = pathContains;

        public Fault Kind { get; } = kind;

        public int StatusCode { get; } = statusCode;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public TimeSpan Delay { get; } = delay;

        public RequestGate? Gate { get; init; }

        public bool Matches(string requestVerb, string pathAndQuery) =>
            (Verb == "*" || string.Equals(Verb, requestVerb, StringComparison.OrdinalIgnoreCase))
            && pathAndQuery.Contains(PathContains, StringComparison.Ordinal);
    }
}
