namespace AgentLightning.Auth.Keys;

/// <summary>A directory of secrets: readable by the service's own user only, like the key files in it.</summary>
internal static class PrivateDirectory
{
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
