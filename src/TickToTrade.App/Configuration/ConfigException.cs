namespace TickToTrade.App.Configuration;

/// <summary>Bad configuration: reported as one clear line, never a stack trace.</summary>
public sealed class ConfigException(string message) : Exception(message);
