Environment("dev", e => e.Namespace = "hello-dev");
