using BulkEtl.Cli;

return await CliApp.RunAsync(args, new CliEnvironment(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System));
