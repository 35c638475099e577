Environment("staging", e =>
{
    e.Namespace = "shop-staging";
    e.Labels["env"] = "staging";
    e.Values(new TeamValues { PaymentsTag = "3.3.0-rc.1", SearchTag = "1.0.0-rc.3", ScrapeInterval = "30s" });
});
