using Fibo.Node.Cli;

return await FiboCli.RunAsync(args);
