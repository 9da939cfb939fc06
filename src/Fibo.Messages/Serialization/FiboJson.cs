using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace Fibo.Messages.Serialization;

/// <summary>
/// The JSON settings of the wire and the journal. camelCase names, enums by name (reordering an enum never changes
/// stored data), NaN/±Infinity allowed (features carry them during warm-up). Keys, symbols and timeframes print as
/// strings through their own converters.
/// </summary>
public static class FiboJson
{
    /// <summary>Options for messages; pass the actor system when messages may carry actor references.</summary>
    public static JsonSerializerOptions CreateOptions(ExtendedActorSystem? system = null)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        if (system is not null) options.Converters.Add(new ActorRefJsonConverter(system));
        return options;
    }
}
