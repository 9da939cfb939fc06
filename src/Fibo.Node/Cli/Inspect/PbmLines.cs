using System.Globalization;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// pbm's output: one line per item, columns joined by " | " (easy to grep and to compare in tests). Written to the raw
/// console rather than through Spectre, which would wrap a long line (a region's entity ids) into several.
/// </summary>
internal static class PbmLines
{
    public static void Write(params string[] columns) => Console.Out.WriteLine(string.Join(" | ", columns));

    public static void Note(string text) => Console.Error.WriteLine(text);

    public static string Roles(IEnumerable<string> roles) => "[" + string.Join(",", roles) + "]";

    public static string Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "G6") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(decimal value) => Math.Round(value, 8).ToString("0.########", CultureInfo.InvariantCulture);

    public static string Signed(double value) => value.ToString("+0.000000;-0.000000;0", CultureInfo.InvariantCulture);
}
