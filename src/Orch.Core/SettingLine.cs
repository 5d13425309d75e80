namespace Orch.Core;

/// <summary>
/// One setting in effect, as it may be shown: its key in configuration form (<c>Orch:Budget:DailyCapUsd</c>),
/// its value with secrets hidden (see <see cref="SecretMask"/>), and where it came from: a settings file, the
/// environment, or Orch's default.
/// </summary>
public sealed record SettingLine(string Key, string? Value, string Source, bool Hidden)
{
    public const string DefaultSource = "default";

    public bool IsDefault => Source == DefaultSource;
}
