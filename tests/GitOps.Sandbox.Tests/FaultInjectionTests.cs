using System.Diagnostics;
using System.Net;
using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests;

public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fail_next_answers_matching_requests_with_a_status_then_recovers()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        sandbox.Server.Faults.FailNext(2, "GET", "/namespaces/default", 500);

        var list = await http.GetAsync("api/v1/namespaces", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            var failed = await http.GetAsync("api/v1/namespaces/default", Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Contains("\"kind\":\"Status\"", await failed.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces/default", Ct)).StatusCode);
    }

    [Fact]
    public async Task Throttling_carries_retry_after_and_only_hits_the_named_verb()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        sandbox.Server.Faults.FailNext(1, "LIST", "configmaps", 429, TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/v1/namespaces/default/configmaps/none", Ct)).StatusCode);
        var throttled = await http.GetAsync("api/v1/namespaces/default/configmaps", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("\"reason\":\"TooManyRequests\"", await throttled.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces/default/configmaps", Ct)).StatusCode);
    }

    [Fact]
    public async Task Delay_next_holds_the_request_before_serving_it()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        sandbox.Server.Faults.DelayNext(1, "*", "/version", TimeSpan.FromMilliseconds(400));
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("version", Ct)).StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Hold_next_keeps_the_request_in_flight_until_released_while_others_are_served()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        var gate = sandbox.Server.Faults.HoldNext("GET", "/namespaces/default");

        var held = http.GetAsync("api/v1/namespaces/default", Ct);
        await gate.Arrived.WaitAsync(Ct);
        // Held, not failed: the next request of the same kind passes, and the held one is answered once released.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces/default", Ct)).StatusCode);
        Assert.False(held.IsCompleted);
        gate.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
    }

    [Fact]
    public async Task Drop_next_aborts_the_connection_and_clear_removes_pending_faults()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        sandbox.Server.Faults.DropNext(1, "POST", "/configmaps");
        var content = new StringContent("""{"metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("api/v1/namespaces/default/configmaps", content, Ct));

        sandbox.Server.Faults.FailNext(5, "*", "/", 503);
        sandbox.Server.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces", Ct)).StatusCode);
    }
}
