// The smallest useful config repository: one app, one environment.
App("hello", env => new WebService("hello")
{
    Image = "ghcr.io/acme/hello:1.0.0",
    Port = 8080,
});
