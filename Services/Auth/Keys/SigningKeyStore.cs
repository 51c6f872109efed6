using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Keys;

/// <summary>
/// Auth's keys in its key directory, one file per key. Every instance sharing the directory sees the same
/// keys: the listing is read again whenever the directory changes. The first start creates a key that signs
/// at once; a rotation adds a key that signs only after <see cref="AuthServerOptions.KeyPublishLead"/>.
/// </summary>
internal sealed partial class SigningKeyStore(IOptions<AuthServerOptions> options, TimeProvider clock, ILogger<SigningKeyStore> logger)
{
    private readonly Lock _gate = new();
    private readonly AuthServerOptions _options = options.Value;
    private IReadOnlyList<SigningKey> _keys = [];
    private DateTime _loadedVersion = DateTime.MinValue;

    private string Directory => _options.KeyDirectory;

    /// <summary>The key that signs now, creating the first one when the directory has none.</summary>
    public SigningKey Signing()
    {
        var now = clock.GetUtcNow();
        return KeyTimeline.Signing(Keys(), now) ?? Add(now, now);
    }

    public IReadOnlyList<SigningKey> Published() => KeyTimeline.Published(Keys(), clock.GetUtcNow(), _options.AccessTokenLifetime);

    /// <summary>
    /// Starts a rotation: a new key, published now, signing after the publish lead. A rotation already under
    /// way is returned instead of starting another.
    /// </summary>
    public SigningKey Rotate()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return KeyTimeline.Pending(Keys(), now) ?? Add(now, now + _options.KeyPublishLead);
        }
    }

    /// <summary>The scheduled part: rotate when the signing key is older than the rotation interval, forget expired keys.</summary>
    public void Maintain()
    {
        var now = clock.GetUtcNow();
        var signing = Signing();
        if (now - signing.ActivatesAt >= _options.KeyRotationInterval - _options.KeyPublishLead && KeyTimeline.Pending(Keys(), now) is null)
        {
            LogRotating(logger, signing.Kid);
            Rotate();
        }

        var published = Published().Select(k => k.Kid).ToHashSet(StringComparer.Ordinal);
        foreach (var expired in Keys().Where(k => !published.Contains(k.Kid)))
        {
            File.Delete(PathOf(expired.Kid));
            LogForgotten(logger, expired.Kid);
        }
    }

    private IReadOnlyList<SigningKey> Keys()
    {
        lock (_gate)
        {
            CreateDirectory();
            var version = System.IO.Directory.GetLastWriteTimeUtc(Directory);
            if (version != _loadedVersion)
            {
                _keys = [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Read).OfType<SigningKey>()];
                _loadedVersion = version;
            }

            return _keys;
        }
    }

    private SigningKey Add(DateTimeOffset createdAt, DateTimeOffset activatesAt)
    {
        lock (_gate)
        {
            var key = SigningKey.Generate(createdAt, activatesAt);
            var temporary = Path.Combine(Directory, $".{key.Kid}.tmp");
            // Created with mode 0600, so the private key is never readable by others, not even for a moment.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, create))
            {
                JsonSerializer.Serialize(stream, key.File);
            }

            File.Move(temporary, PathOf(key.Kid));
            _loadedVersion = DateTime.MinValue;
            LogCreated(logger, key.Kid, activatesAt);
            return key;
        }
    }

    private SigningKey? Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<SigningKeyFile>(File.ReadAllText(path))
                ?? throw new JsonException("empty key file");
            return SigningKey.From(file);
        }
        catch (FileNotFoundException)
        {
            return null; // another instance forgot it meanwhile
        }
        catch (Exception e) when (e is JsonException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The signing key file {path} cannot be read; remove it or restore it from a backup.", e);
        }
    }

    private void CreateDirectory() => PrivateDirectory.Create(Directory);

    private string PathOf(string kid) => Path.Combine(Directory, kid + ".json");

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {Kid} created; it signs from {ActivatesAt}")]
    private static partial void LogCreated(ILogger logger, string kid, DateTimeOffset activatesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {Kid} is due for rotation")]
    private static partial void LogRotating(ILogger logger, string kid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {Kid} forgotten: every token it signed has expired")]
    private static partial void LogForgotten(ILogger logger, string kid);
}
