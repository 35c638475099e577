// Team payments: the payments API, its settings from a file next to this script, and a TLS certificate.
App("payments", env =>
{
    var values = env.Values<TeamValues>();
    return new object[]
    {
        new ConfigMapGenerator("payments-settings") { Files = { "settings.yaml" } },
        new TeamService("payments", "payments-api")
        {
            Image = $"ghcr.io/acme/payments-api:{values.PaymentsTag}",
            Replicas = values.Replicas,
            ScrapeInterval = values.ScrapeInterval,
        }.Configure<V1Deployment>(d => d.Container("payments-api").EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "payments-settings" } }]),
        new CustomObject("cert-manager.io/v1", "Certificate", "payments-tls")
        {
            Spec = new Dictionary<string, object?>
            {
                ["secretName"] = "payments-tls",
                ["dnsNames"] = new[] { $"payments.{env.Name}.acme.example.com" },
                ["issuerRef"] = new Dictionary<string, object?> { ["kind"] = "ClusterIssuer", ["name"] = "letsencrypt" },
            },
        },
    };
});
