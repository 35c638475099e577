// Team search: the search API plus an indexer worker, and a legacy Redis manifest included unchanged.
App("search", env =>
{
    var values = env.Values<TeamValues>();
    return new object[]
    {
        new TeamService("search", "search-api")
        {
            Image = $"ghcr.io/acme/search-api:{values.SearchTag}",
            Replicas = values.Replicas,
            ScrapeInterval = values.ScrapeInterval,
            Env = new Dictionary<string, string> { ["REDIS_URL"] = "redis://search-redis:6379" },
        },
        new Worker("search-indexer") { Image = $"ghcr.io/acme/search-indexer:{values.SearchTag}" },
        new YamlFile("../../legacy/search-redis.yaml"),
    };
});
