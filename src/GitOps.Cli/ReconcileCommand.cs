using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Diagnostics;
using Spectre.Console;

namespace GitOps.Cli;

/// <summary>`gitops reconcile`: pull the rendered branch once and make the cluster match it.</summary>
internal sealed class ReconcileCommand : ICliCommand
{
    private readonly Option<string> repo = new("--repo") { Description = "Git remote: a path, file://, git:// or https:// URL", Required = true };
    private readonly Option<string> branch = new("--branch") { Description = "Branch holding the rendered YAML", DefaultValueFactory = _ => "rendered" };
    private readonly Option<string> path = new("--path") { Description = "Directory in the branch to reconcile", DefaultValueFactory = _ => "." };
    private readonly Option<FileInfo?> kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file (default: in-cluster, then $KUBECONFIG or ~/.kube/config)" };
    private readonly Option<string?> context = new("--context") { Description = "Kubeconfig context to use instead of its current-context" };
    private readonly Option<bool> once = new("--once") { Description = "Reconcile once and exit (the only mode of this command; `gitops agent` runs continuously)" };
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "Show what would be created, changed (which fields) and pruned; write nothing" };
    private readonly Option<bool> noPrune = new("--no-prune") { Description = "Apply but delete nothing" };
    private readonly Option<string> timeout = new("--timeout") { Description = "Bound on waiting for health and deletions (e.g. 30s, 5m)", DefaultValueFactory = _ => "5m" };
    private readonly Option<bool> allowEmpty = new("--allow-empty") { Description = "Let an empty desired set prune everything in the inventory" };
    private readonly Option<bool> allowMassPrune = new("--allow-mass-prune") { Description = "Allow pruning more than the threshold share of the inventory" };
    private readonly Option<double> massPruneThreshold = new("--mass-prune-threshold") { Description = "Share of the inventory a prune may delete without --allow-mass-prune", DefaultValueFactory = _ => 0.5 };
    private readonly Option<string> output = new("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table" };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the git cache lives between runs" };
    private readonly Option<string> ns = new("--namespace") { Description = "The reconciler's namespace, holding the inventory", DefaultValueFactory = _ => "gitops-system" };
    private readonly Option<string?> inventory = new("--inventory") { Description = "Inventory ConfigMap name (default: gitops-<path>)" };
    private readonly Option<bool> createNamespace = new("--create-namespace") { Description = "Create namespaces objects need but the branch does not define (never pruned)" };
    private readonly SignatureVerificationOptions signatures = new();
    private readonly GitRemoteOptions gitRemote = new();
    private readonly Option<bool> allowForcePush = new("--allow-force-push") { Description = "Apply a branch tip that does not descend from the commit the inventory records as applied" };
    private readonly ClusterNameOption clusterName = ClusterNameOption.ForReconcile();
    private readonly Option<bool> writeBack = WriteBackOption.Create();

    public Command Build()
    {
        var command = new Command("reconcile", "Apply a rendered branch to a cluster once: server-side apply in order, wait for health, prune what left the branch.");
        foreach (var option in new Option[] { repo, branch, path, kubeconfig, context, once, dryRun, noPrune, timeout, allowEmpty, allowMassPrune, massPruneThreshold, output, cacheDir, ns, inventory, createNamespace, allowForcePush, clusterName.Option, writeBack }.Concat(gitRemote.All).Concat(signatures.All))
        {
            command.Options.Add(option);
        }

        output.AcceptOnlyFromAmong("table", "json");
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && !DurationParser.TryParse(text, out _))
            {
                result.AddError($"--timeout: '{text}' is not a duration such as 30s, 5m or 1h");
            }
        });
        command.SetAction((result, cancellationToken) => RunAsync(result, AnsiConsole.Console, cancellationToken));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ReconcileResult reconciled;
        try
        {
            var kubeconfigFile = result.GetValue(kubeconfig);
            var kubeContext = result.GetValue(context);
            reconciled = await Reconciler.Reconciler.RunAsync(Options(result), () => ClusterConfig.From(kubeconfigFile?.FullName, kubeContext), cancellationToken);
        }
        catch (Exception e) when (e is ReconcileException or IOException or UnauthorizedAccessException or KubeconfigException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }

        PhaseTimer.Mark("reconciled");
        if (result.GetValue(output) == "json")
        {
            console.Profile.Out.Writer.WriteLine(ReconcileOutput.ToJson(reconciled).ToJsonString(JsonOutput.Indented));
        }
        else
        {
            ReconcileOutput.WriteTable(console, reconciled);
        }

        return reconciled.Succeeded ? 0 : 1;
    }

    private ReconcileOptions Options(ParseResult result) =>
        new()
        {
            RepositoryUrl = result.GetValue(repo)!,
            Branch = result.GetValue(branch)!,
            Path = result.GetValue(path)!,
            CacheDirectory = result.GetValue(cacheDir) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gitops", "cache"),
            Credentials = gitRemote.Credentials(result),
            GitCaFile = gitRemote.CaFilePath(result),
            DryRun = result.GetValue(dryRun),
            Prune = !result.GetValue(noPrune),
            Timeout = DurationParser.TryParse(result.GetValue(timeout)!, out var parsed) ? parsed : TimeSpan.FromMinutes(5),
            AllowEmpty = result.GetValue(allowEmpty),
            AllowMassPrune = result.GetValue(allowMassPrune),
            MassPruneThreshold = result.GetValue(massPruneThreshold),
            InventoryNamespace = result.GetValue(ns)!,
            InventoryName = result.GetValue(inventory),
            CreateNamespaces = result.GetValue(createNamespace),
            AllowForcePush = result.GetValue(allowForcePush),
            ClusterName = clusterName.Given(result),
            WriteBack = result.GetValue(writeBack),
            Signatures = SignatureVerificationOptions.Policy(result.GetValue(signatures.Verify), result.GetValue(signatures.AllowedSigners), result.GetValue(signatures.GpgKeyring)),
        };
}
