using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Status;

namespace GitOps.Cli;

/// <summary>`gitops suspend`: the agent stops applying (and correcting drift) for an environment until `gitops resume`.</summary>
internal sealed class SuspendCommand : ICliCommand
{
    public Command Build() => SuspendOptions.Build("suspend", "Stop the agent from applying to this environment (sets gitops.io/suspended on its inventory).", suspended: true);
}

/// <summary>`gitops resume`: lifts a suspend; the agent applies again on its next cycle.</summary>
internal sealed class ResumeCommand : ICliCommand
{
    public Command Build() => SuspendOptions.Build("resume", "Let the agent apply to this environment again (removes gitops.io/suspended).", suspended: false);
}

internal static class SuspendOptions
{
    public static Command Build(string name, string description, bool suspended)
    {
        var env = new Option<string>("--env", "--path") { Description = "The environment (the reconciled path)", Required = true };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster, then $KUBECONFIG or ~/.kube/config)" };
        var ns = new Option<string>("--namespace") { Description = "The agent's namespace", DefaultValueFactory = _ => "gitops-system" };
        var inventory = new Option<string?>("--inventory") { Description = "Inventory ConfigMap name (default: gitops-<env>)" };
        var command = new Command(name, description) { env, kubeconfig, ns, inventory };
        command.SetAction(async (result, cancellationToken) =>
        {
            var inventoryName = result.GetValue(inventory) ?? AgentControl.InventoryNameFor(result.GetValue(env)!);
            try
            {
                await AgentControl.SetSuspendedAsync(ClusterConfig.From(result.GetValue(kubeconfig)), result.GetValue(ns)!, inventoryName, suspended, cancellationToken);
            }
            catch (Exception e) when (e is ReconcileException or KubeconfigException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            Console.WriteLine($"{(suspended ? "suspended" : "resumed")} {result.GetValue(ns)}/{inventoryName}");
            return 0;
        });
        return command;
    }
}
