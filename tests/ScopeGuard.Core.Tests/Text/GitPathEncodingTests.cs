using System;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Text;

/// <summary>Names that are not UTF-8 keep their bytes, so two stay two and each is shown as git shows it (issue 11, item 17).</summary>
public sealed class GitPathEncodingTests
{
    [Fact]
    public void Decode_ThenEncode_GivesBackEveryByteOfTenThousandRandomNames()
    {
        var random = new Random(1117);
        for (var n = 0; n < 10_000; n++)
        {
            var bytes = new byte[random.Next(0, 24)];
            for (var i = 0; i < bytes.Length; i++)
            {
                // Mostly high bytes, so that valid and invalid sequences of every length occur.
                bytes[i] = (byte)(random.Next(4) == 0 ? random.Next(0x20, 0x80) : random.Next(0x80, 0x100));
            }

            var path = GitPathEncoding.Decode(bytes, 0, bytes.Length);

            Assert.Equal(bytes, GitPathEncoding.Encode(path));
        }
    }

    [Theory]
    [InlineData("src/café.cs")]
    [InlineData("日本/😀.cs")]
    [InlineData("bad\uFFFDname")]
    [InlineData("plain/a.cs")]
    public void Decode_ValidUtf8_IsWhatTheUtf8DecoderGives(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);

        var path = GitPathEncoding.Decode(bytes, 0, bytes.Length);

        Assert.Equal(name, path);
        Assert.False(GitPathEncoding.HasInvalidBytes(path));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF, 0x62 }, "\"a\\377b\"")]
    [InlineData(new byte[] { 0x61, 0xC3 }, "\"a\\303\"")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "\"\\300\\257\"")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\"\\355\\240\\200\"")]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "\"\\364\\220\\200\\200\"")]
    public void Quote_InvalidBytes_AreOctalEscapesAsGitWritesThemWhateverQuotePathSays(byte[] bytes, string expected)
    {
        var path = GitPathEncoding.Decode(bytes, 0, bytes.Length);

        Assert.True(GitPathEncoding.HasInvalidBytes(path));
        Assert.Equal(expected, GitPathQuoting.Quote(path, quotePath: true));
        Assert.Equal(expected, GitPathQuoting.Quote(path, quotePath: false));
        Assert.Equal(expected, GitPathQuoting.InMessage(path));
        Assert.Equal(expected, GitPathQuoting.ForMachine(path));
    }

    [Fact]
    public void Decode_NamesThatDifferOnlyInInvalidBytes_StayDistinct()
    {
        byte[] a = [0x78, 0xFE], b = [0x78, 0xFF];

        Assert.NotEqual(GitPathEncoding.Decode(a, 0, 2), GitPathEncoding.Decode(b, 0, 2));
    }

    [Fact]
    public void Quote_ValidAndInvalidMixed_EscapesNonAsciiOnlyWithQuotePath()
    {
        var bytes = Encoding.UTF8.GetBytes("é").Concat(new byte[] { 0xFF }).ToArray();
        var path = GitPathEncoding.Decode(bytes, 0, bytes.Length);

        Assert.Equal("\"\\303\\251\\377\"", GitPathQuoting.Quote(path, quotePath: true));
        Assert.Equal("\"é\\377\"", GitPathQuoting.Quote(path, quotePath: false));
    }
}
