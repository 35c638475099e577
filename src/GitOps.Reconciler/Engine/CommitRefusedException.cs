namespace GitOps.Reconciler.Engine;

/// <summary>A run refused the fetched commit before writing anything (see <see cref="ReconcileRun.Admission"/>).</summary>
internal sealed class CommitRefusedException(string reason) : Exception(reason);
