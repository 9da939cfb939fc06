using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Fibo.Node.Http;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary>The inspection API of one node, as the CLI calls it: JSON in the same contracts the node writes.</summary>
internal sealed class NodeClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = FiboHttpHosting.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly HttpClient _http;

    public NodeClient(Uri baseAddress) =>
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };

    public string Node => _http.BaseAddress!.Authority;

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, ct);

    public Task<JsonElement> PostAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Post, path, ct);

    public static T Read<T>(JsonElement body) => body.Deserialize<T>(Json) ?? throw new JsonException($"empty {typeof(T).Name}");

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(new HttpRequestMessage(method, path), ct);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException s ? s.Message : e.Message;
            throw new NodeRequestException($"node {Node} is unreachable ({why}): is a node running there? Start one with 'fibo run', " +
                                           "or give the node's HTTP address first: fibo HOST:PORT ...", unreachable: true);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NodeRequestException($"node {Node} did not answer {method} /{path} within {_http.Timeout.TotalSeconds:0} s", unreachable: true);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new NodeRequestException($"node {Node} answered {(int)response.StatusCode} to {method} /{path}: {ErrorOf(text, response)}", unreachable: false);
            try
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new NodeRequestException($"node {Node} answered {method} /{path} with something that is not JSON: is {Node} a Fibo node's HTTP port?", unreachable: false);
            }
        }
    }

    private static string ErrorOf(string text, HttpResponseMessage response)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ApiError>(text, Json);
            if (!string.IsNullOrWhiteSpace(error?.Error)) return error.Error;
        }
        catch (JsonException)
        {
            // not our error body: fall back to the status line
        }
        return string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "no details" : text.Trim();
    }

    public void Dispose() => _http.Dispose();
}
