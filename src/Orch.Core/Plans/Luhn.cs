namespace Orch.Core.Plans;

/// <summary>The Luhn (mod 10) check digit that every payment card number carries.</summary>
internal static class Luhn
{
    /// <summary>True when <paramref name="digits"/> is non-empty, all ASCII digits, and its Luhn sum is a multiple of ten.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }

        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
