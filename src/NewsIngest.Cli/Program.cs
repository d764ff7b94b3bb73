using System.CommandLine;
using NewsIngest.Cli.Commands;
using NewsIngest.Cli.Errors;

var root = new RootCommand("NewsIngest: news feeds in, clean structured articles out.")
{
    ParseCommand.Create(),
    DemoCommand.Create(),
    IngestCommand.Create(),
    ArticlesCommand.Create(),
    DropCommand.Create(),
    RejectionsCommand.Create(),
    EvalCommand.Create(),
    ReparseCommand.Create(),
    PoisonCommand.Create(),
    BenchCommand.Create(),
};
return await CliInvocation.RunAsync(root, args).ConfigureAwait(false);
