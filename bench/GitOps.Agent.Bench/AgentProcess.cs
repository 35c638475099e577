using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// A running `gitops agent`: started with `--listen 127.0.0.1:0` (the address is read from its "Listening on" log
/// line), driven through the signed webhook, observed through <c>/status</c>. Its stdout is drained so logging
/// never blocks it; the last lines are kept for error messages.
/// </summary>
internal sealed partial class AgentProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly byte[] secret;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private readonly Queue<string> lastLines = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool disposed;

    private AgentProcess(Process process, byte[] secret)
    {
        this.process = process;
        this.secret = secret;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public Uri? Url { get; private set; }

    public static async Task<AgentProcess> StartAsync(string gitopsDll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string secretFile)
    {
        var secret = Encoding.UTF8.GetBytes(File.ReadAllText(secretFile).Trim());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(gitopsDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the bench's own runtime settings leaks in: only what the image sets (and what --env adds).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var agent = new AgentProcess(Process.Start(start)!, secret);
        var exited = agent.process.WaitForExitAsync();
        if (await Task.WhenAny(agent.listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2))) != agent.listening.Task)
        {
            throw new InvalidOperationException($"the agent did not start listening:\n{agent.Tail()}");
        }

        agent.Url = await agent.listening.Task;
        return agent;
    }

    /// <summary>POST /hooks/git with a GitHub-style push payload and its X-Hub-Signature-256.</summary>
    public async Task TriggerAsync(string branch)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"ref":"refs/heads/{{branch}}"}""");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url!, "hooks/git")) { Content = content };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body)));
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode != 202 || !(await response.Content.ReadAsStringAsync()).StartsWith("fetch triggered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Polls /status until the agent reports <paramref name="commit"/> as its last applied commit.</summary>
    public async Task WaitForAppliedAsync(string commit, TimeSpan timeout, TimeSpan pollEvery)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(Url!, "status"))))
            {
                var root = status.RootElement;
                if (root.TryGetProperty("lastAppliedCommit", out var applied) && applied.ValueKind == JsonValueKind.String && applied.GetString() == commit)
                {
                    return;
                }

                if (clock.Elapsed > timeout || process.HasExited)
                {
                    throw new TimeoutException($"commit {commit} not applied after {clock.Elapsed}: last result {root.GetProperty("lastResult")}, error {root.GetProperty("lastError")}\n{Tail()}");
                }
            }

            await Task.Delay(pollEvery);
        }
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("timing: ", StringComparison.Ordinal))
        {
            // Asked for with --env GITOPS_TIMINGS=1: which phase of a run holds how much memory.
            Console.WriteLine($"    agent {line}");
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20)
            {
                lastLines.Dequeue();
            }
        }

        if (!listening.Task.IsCompleted && ListeningOn().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private string Tail()
    {
        lock (lastLines)
        {
            return string.Join('\n', lastLines);
        }
    }

    [GeneratedRegex(@"Listening on (http://[^\s""/]+/)")]
    private static partial Regex ListeningOn();

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
