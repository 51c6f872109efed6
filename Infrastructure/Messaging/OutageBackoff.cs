using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging;

/// <summary>
/// How a background loop behaves while a server it needs is down: waits twice as long after each failure up
/// to a ceiling, warns once when the outage begins and says once when it ends — no hot loop, no log flood.
/// </summary>
public sealed partial class OutageBackoff(string loop, TimeSpan first, TimeSpan ceiling, ILogger logger)
{
    private int _failures;

    public TimeSpan Failed(Exception exception)
    {
        _failures++;
        if (_failures == 1)
        {
            LogOutageBegan(logger, loop, exception.GetType().Name, exception.Message);
        }

        var delay = first * Math.Pow(2, Math.Min(_failures - 1, 16));
        return delay < ceiling ? delay : ceiling;
    }

    public void Succeeded()
    {
        if (_failures > 0)
        {
            LogOutageEnded(logger, loop, _failures);
            _failures = 0;
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Loop} cannot work ({Type}: {Reason}); backing off until it can")]
    private static partial void LogOutageBegan(ILogger logger, string loop, string type, string reason);

    [LoggerMessage(LogLevel.Information, "{Loop} works again after {Failures} failed attempts")]
    private static partial void LogOutageEnded(ILogger logger, string loop, int failures);
}
