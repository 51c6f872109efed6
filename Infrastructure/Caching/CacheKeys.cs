using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>Key layout: al:{schema}:epoch, al:{schema}:server, and al:{schema}:g{epoch}:{type}:{id} / :{type}:lv|lp|list:...</summary>
public sealed class CacheKeys(IOptions<CacheOptions> options)
{
    private readonly string _root = $"al:{options.Value.SchemaVersion}";

    public RedisKey[] Epoch => [new RedisKey(_root + ":epoch")];

    /// <summary>The epoch and the run id of the server it was set on.</summary>
    public RedisKey[] EpochAndServer => [new RedisKey(_root + ":epoch"), new RedisKey(_root + ":server")];

    public string GenerationPrefix => _root + ":g";

    public static string TypeSuffix(string aggregateType) => ":" + aggregateType;

    public static string EntitySuffix(string aggregateType, string id) => ":" + aggregateType + ":" + id;
}
