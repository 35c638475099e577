using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Dashboard;

namespace GitOps.Reconciler.Hosting;

/// <summary>
/// The JSON the agent's HTTP endpoints and the dashboard's API serve, generated at build time: serializing through
/// reflection would emit and compile accessors in the long-running agent (memory it keeps for good) on the first
/// request to <c>/status</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(DashboardInfo))]
[JsonSerializable(typeof(IReadOnlyList<EnvironmentView>))]
[JsonSerializable(typeof(EnvironmentView))]
[JsonSerializable(typeof(IReadOnlyList<AppView>))]
[JsonSerializable(typeof(ObjectDetail))]
[JsonSerializable(typeof(IReadOnlyList<DriftRecord>))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEntry>))]
[JsonSerializable(typeof(CommitDiff))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ActionDone))]
internal sealed partial class HostJson : JsonSerializerContext
{
    /// <summary>The same contract, indented, for <c>/status</c>, which people read with curl.</summary>
    public static HostJson Indented { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}

/// <summary>A failed API call: <c>{"error": "..."}</c>.</summary>
internal sealed record ErrorBody(string Error);

/// <summary>A dashboard action that ran: <c>{"result": "..."}</c>.</summary>
internal sealed record ActionDone(string Result);
