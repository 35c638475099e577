using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Dashboard;

namespace GitOps.Cli;

/// <summary>The dashboard's action switches, shared by `gitops agent` and `gitops ui`: off unless asked for, and then only with a token.</summary>
internal sealed class DashboardActionOptions
{
    public const string TokenVariable = "GITOPS_UI_TOKEN";

    public Option<bool> Actions { get; } = new("--ui-actions") { Description = $"Allow sync now / suspend / resume from the dashboard, with the bearer token of --ui-token-file or ${TokenVariable}" };

    public Option<string?> TokenFile { get; } = new("--ui-token-file") { Description = $"File holding the bearer token dashboard actions need (or ${TokenVariable})" };

    public IEnumerable<Option> All => [Actions, TokenFile];

    /// <summary>The dashboard settings; refuses actions without a token rather than allowing them to anyone.</summary>
    public static DashboardOptions Resolve(bool actions, string? tokenFile)
    {
        if (!actions)
        {
            return new DashboardOptions();
        }

        var token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : tokenFile is not null ? File.ReadAllText(tokenFile).Trim()
            : null;
        return token is { Length: > 0 }
            ? new DashboardOptions { ActionsEnabled = true, ActionToken = token }
            : throw new ReconcileException($"--ui-actions needs a bearer token: --ui-token-file FILE or ${TokenVariable} (the file must not be empty)");
    }
}
