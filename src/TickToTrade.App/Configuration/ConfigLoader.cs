using Microsoft.Extensions.Configuration;

namespace TickToTrade.App.Configuration;

/// <summary>Loads <see cref="EngineConfig"/> from a file or from the copy embedded in the binary.</summary>
public static class ConfigLoader
{
    /// <summary>Name of the embedded default (config/ttt.json at build time).</summary>
    public const string EmbeddedName = "ttt.default.json";

    /// <summary>
    /// Reads <paramref name="path"/>, or the embedded default when it is null.
    /// Unknown keys and bad values are a <see cref="ConfigException"/> naming the problem.
    /// </summary>
    public static EngineConfig Load(string? path)
    {
        var builder = new ConfigurationBuilder();
        Stream? embedded = null;
        try
        {
            if (path is null)
            {
                embedded = typeof(ConfigLoader).Assembly.GetManifestResourceStream(EmbeddedName)
                    ?? throw new ConfigException($"the embedded default configuration \"{EmbeddedName}\" is missing from this build");
                builder.AddJsonStream(embedded);
            }
            else
            {
                string full = Path.GetFullPath(path);
                if (!File.Exists(full))
                    throw new ConfigException($"configuration file \"{path}\" does not exist");
                builder.AddJsonFile(full, optional: false, reloadOnChange: false);
            }
            IConfigurationRoot root = builder.Build();
            var config = new EngineConfig();
            root.Bind(config, o => o.ErrorOnUnknownConfiguration = true);
            Validate(config, path ?? "embedded default");
            return config;
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigException($"configuration \"{path ?? "embedded default"}\": {e.Message}");
        }
        catch (FormatException e)
        {
            throw new ConfigException($"configuration \"{path ?? "embedded default"}\": {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new ConfigException($"configuration \"{path ?? "embedded default"}\" is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
        finally
        {
            embedded?.Dispose();
        }
    }

    private static void Validate(EngineConfig c, string source)
    {
        if (string.IsNullOrWhiteSpace(c.Eal.Args))
            throw new ConfigException($"{source}: Eal.Args is empty");
        if (c.Eal.MempoolSize < 64)
            throw new ConfigException($"{source}: Eal.MempoolSize must be at least 64 (got {c.Eal.MempoolSize})");
        foreach (string e in c.Feed.Endpoints)
        {
            try
            {
                MarketData.Feed.FeedEndpoint.Parse(e);
            }
            catch (FormatException x)
            {
                throw new ConfigException($"{source}: Feed.Endpoints: {x.Message}");
            }
        }
        if (c.Feed.Source.Length > 0 && !Wire.Ipv4.Ipv4Address.TryParse(c.Feed.Source, out _))
            throw new ConfigException($"{source}: Feed.Source \"{c.Feed.Source}\" is not an IPv4 address");
        if (c.Feed.Session.Length > MarketData.MoldUdp64.MoldSession.Length)
            throw new ConfigException($"{source}: Feed.Session \"{c.Feed.Session}\" is longer than {MarketData.MoldUdp64.MoldSession.Length} characters");
        if (c.Feed.Endpoints.Count > MarketData.Feed.FeedFilter.MaxEndpoints)
            throw new ConfigException($"{source}: Feed.Endpoints holds at most {MarketData.Feed.FeedFilter.MaxEndpoints} endpoints");
        try
        {
            c.Book.ToOptions().Validate();
        }
        catch (ArgumentException x)
        {
            throw new ConfigException($"{source}: {x.Message}");
        }
        if (c.Replay.IdleMilliseconds is < 1 or > 60_000)
            throw new ConfigException($"{source}: Replay.IdleMilliseconds must be 1..60000 (got {c.Replay.IdleMilliseconds})");
    }
}
