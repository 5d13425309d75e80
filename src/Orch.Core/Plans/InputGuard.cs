using Microsoft.Extensions.Options;

namespace Orch.Core.Plans;

/// <summary>
/// Checks text on its way to a model for prompt injection, secrets and personal data, and applies the
/// policy configured for each kind under <c>Orch:Guard</c>: Block, Redact or Allow. Stateless and
/// thread-safe; one pass over 100 KB takes well under a millisecond per detector.
/// </summary>
public sealed class InputGuard(IOptions<InputGuardOptions> options)
{
    /// <summary>
    /// Finds everything the detectors know in <paramref name="text"/> and applies the policies. Never
    /// throws for odd content (NUL, lone surrogates, megabytes of junk); only a null text is an error.
    /// </summary>
    public GuardResult Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = options.Value;
        if (!settings.Enabled || text.Length == 0)
        {
            return new GuardResult(text, []);
        }

        var matches = GuardRules.Scan(text);
        if (matches.Count == 0)
        {
            return new GuardResult(text, []);
        }

        var findings = Locate(text, matches, settings);
        return new GuardResult(Redact(text, findings), findings);
    }

    /// <summary>
    /// Like <see cref="Check"/>, but throws <see cref="InputBlockedException"/> naming
    /// <paramref name="field"/> (e.g. "requirements") when a finding's policy is Block. The result's
    /// <see cref="GuardResult.Text"/> is what may be sent.
    /// </summary>
    public GuardResult Enforce(string text, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return Check(text).ThrowIfBlocked(field);
    }

    /// <summary>
    /// Replaces every Block and Redact finding with its placeholder. Findings must be ordered by offset;
    /// overlapping ones become one placeholder, named after the first, so no part of either survives.
    /// Allowed findings are left as they are, unless a replaced one overlaps them.
    /// </summary>
    internal static string Redact(string text, IReadOnlyList<GuardFinding> findings)
    {
        var spans = new List<(int Start, int End, string Placeholder)>();
        var length = text.Length;
        var i = 0;
        while (i < findings.Count)
        {
            var first = findings[i];
            if (first.Policy == GuardPolicy.Allow)
            {
                i++;
                continue;
            }

            var end = first.Offset + first.Length;
            var next = i + 1;
            while (next < findings.Count && findings[next].Offset < end)
            {
                if (findings[next].Policy != GuardPolicy.Allow)
                {
                    end = Math.Max(end, findings[next].Offset + findings[next].Length);
                }

                next++;
            }

            spans.Add((first.Offset, end, first.Placeholder));
            length += first.Placeholder.Length - (end - first.Offset);
            i = next;
        }

        if (spans.Count == 0)
        {
            return text;
        }

        // One allocation of the exact size: on 100 KB a StringBuilder would add two more large-object-heap buffers.
        return string.Create(length, (text, spans), static (target, state) =>
        {
            var copied = 0;
            foreach (var (start, end, placeholder) in state.spans)
            {
                state.text.AsSpan(copied, start - copied).CopyTo(target);
                target = target[(start - copied)..];
                placeholder.CopyTo(target);
                target = target[placeholder.Length..];
                copied = end;
            }

            state.text.AsSpan(copied).CopyTo(target);
        });
    }

    /// <summary>Turns matches (ordered by start) into findings with line, column and policy, counting lines in one pass.</summary>
    private static GuardFinding[] Locate(string text, List<GuardMatch> matches, InputGuardOptions settings)
    {
        var findings = new GuardFinding[matches.Count];
        var line = 1;
        var lineStart = 0;
        var counted = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            var since = text.AsSpan(counted, match.Start - counted);
            var newlines = since.Count('\n');
            if (newlines > 0)
            {
                line += newlines;
                lineStart = counted + since.LastIndexOf('\n') + 1;
            }

            counted = match.Start;
            var rule = GuardRules.All[match.Rule];
            findings[i] = new GuardFinding(rule.Kind, rule.Name, match.Start, match.Length, line, match.Start - lineStart + 1, settings.PolicyFor(rule.Kind));
        }

        return findings;
    }
}
