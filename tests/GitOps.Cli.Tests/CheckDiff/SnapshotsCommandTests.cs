namespace GitOps.Cli.Tests.CheckDiff;

public sealed class SnapshotsCommandTests
{
    [Fact]
    public void Accept_moves_received_over_verified_and_deletes_snapshots_of_removed_objects()
    {
        var root = Path.Combine(Path.GetTempPath(), "gitops-accept-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "snapshots", "prod", "shop"));
        try
        {
            var shop = Path.Combine(root, "snapshots", "prod", "shop");
            File.WriteAllText(Path.Combine(shop, "deployment_web.verified.yaml"), "replicas: 1\n");
            File.WriteAllText(Path.Combine(shop, "deployment_web.received.yaml"), "replicas: 2\n");
            File.WriteAllText(Path.Combine(shop, "service_old.verified.yaml"), "kind: Service\n");
            File.WriteAllText(Path.Combine(shop, "service_old.received.yaml"), "");

            var outcome = Cli.SnapshotsAccept(root);

            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("accepted snapshots/prod/shop/deployment_web.verified.yaml", outcome.Stdout);
            Assert.Equal("replicas: 2\n", File.ReadAllText(Path.Combine(shop, "deployment_web.verified.yaml")));
            Assert.Equal(["deployment_web.verified.yaml"], Directory.GetFiles(shop).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
