using System.CommandLine;
using NewsIngest.Cli.Commands;

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
    RunCommand.Create(),
    PoisonCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
