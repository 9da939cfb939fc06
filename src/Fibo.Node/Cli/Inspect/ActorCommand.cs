using System.CommandLine;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary><c>fibo [NODE] actor hierarchy [-s /user] [-d 3]</c>: the actors under a path, one path per line, indented by depth.</summary>
internal static class ActorCommand
{
    public static Command Create()
    {
        var actor = new Command("actor", "Actors of a node (pbm style: fibo NODE actor hierarchy -s /user -d 3)");
        var path = new Option<string>("--path", "-s") { Description = "Actor path to start from (/user, /system/sharding, or a full akka.tcp://... path)", DefaultValueFactory = _ => "/user" };
        var depth = new Option<int>("--depth", "-d") { Description = "Levels of children to list", DefaultValueFactory = _ => 3 };
        var hierarchy = new Command("hierarchy", "The actor tree under a path, found with Identify");
        hierarchy.Options.Add(path);
        hierarchy.Options.Add(depth);
        InspectAction.Set(hierarchy,
            (parse, node, ct) => node.GetAsync($"api/actors?path={Uri.EscapeDataString(parse.GetValue(path)!)}&depth={parse.GetValue(depth)}", ct),
            body => Print(NodeClient.Read<ActorNodeView>(body), 0));
        actor.Subcommands.Add(hierarchy);
        return actor;
    }

    private static void Print(ActorNodeView node, int level)
    {
        Console.Out.WriteLine(new string(' ', 2 * level) + node.Path);
        foreach (var child in node.Children) Print(child, level + 1);
        if (node.Truncated) Console.Out.WriteLine(new string(' ', 2 * (level + 1)) + "... (more children not listed)");
    }
}
