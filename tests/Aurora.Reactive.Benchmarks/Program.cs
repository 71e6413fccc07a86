using Aurora.Reactive.Benchmarks.Cli;

return await BenchmarkRunner.RunAsync(args);
