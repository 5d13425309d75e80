using Orch.Core.Plans;

namespace Orch.Core.Tests.Plans;

/// <summary>The checksums behind the card and IBAN rules.</summary>
public sealed class InputGuardChecksumTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("378282246310005", true)]
    [InlineData("79927398713", true)]
    [InlineData("0", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398710", false)]
    [InlineData("", false)]
    [InlineData("4111-1111", false)]
    public void Luhn_ChecksTheDigitSum(string digits, bool valid)
    {
        Assert.Equal(valid, Luhn.IsValid(digits));
    }

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("FR1420041010050500013M02606", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("NO9386011117947", true)]
    [InlineData("MT84MALT011000012345MTLCAST001S", true)]
    [InlineData("DE89370400440532013001", false)]
    [InlineData("DE8937040044053201300", false)]
    [InlineData("XY12345678901234567", false)]
    [InlineData("de89370400440532013000", false)]
    [InlineData("DE89 3704 0044 0532 0130 00", false)]
    public void Iban_ChecksCountryLengthAndMod97(string iban, bool valid)
    {
        Assert.Equal(valid, Iban.IsValid(iban));
    }
}
