using Hub.Devices.Fleet;
using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;

namespace Hub.Devices.Tests.Ota;

public sealed class CompatibilityTests
{
    private static Plug BL602Plug(string build = "OpenBL602 1.18.0 Nov 25 2026 09:00:00") => new()
    {
        Id = 7, Topic = "obk_000007", Status = PlugStatus.Adopted, Chip = "BL602", FirmwareBuild = build, HttpEndpoint = "127.0.0.1:8080",
    };

    private static FirmwareImage Image(string chip = "BL602", string version = "1.19.0", long size = 100_000) => new()
    {
        Sha256 = "00", ChipFamily = chip, Version = version, SizeBytes = size, Trusted = true,
    };

    [Fact]
    public void AMatchingNewerImageThatFitsIsAccepted() =>
        Assert.True(Compatibility.Check(BL602Plug(), Image(), force: false).Compatible);

    [Fact]
    public void ABL602ImageIsNeverSentToABK7231NPlug()
    {
        var plug = BL602Plug("OpenBK7231N 1.18.0 Nov 25 2026 09:00:00");
        plug.Chip = "BK7231N";

        var verdict = Compatibility.Check(plug, Image(), force: true);

        Assert.False(verdict.Compatible);
        Assert.Equal("obk_000007", verdict.Topic);
        Assert.Equal("chip BK7231N does not match the image's BL602", verdict.Reason);
    }

    [Fact]
    public void AnImageLargerThanTheSeedsOtaPartitionIsRefused()
    {
        Assert.True(Compatibility.Check(BL602Plug(), Image(size: 557_056), force: false).Compatible);
        var verdict = Compatibility.Check(BL602Plug(), Image(size: 557_057), force: false);

        Assert.Equal("image of 557057 bytes does not fit the 557056-byte OTA partition", verdict.Reason);
    }

    [Fact]
    public void ADowngradeNeedsForceAndTheSameBuildIsSkipped()
    {
        Assert.Equal("downgrade from 1.18.0 to 1.9.9 (force to allow)", Compatibility.Check(BL602Plug(), Image(version: "1.9.9"), false).Reason);
        Assert.True(Compatibility.Check(BL602Plug(), Image(version: "1.9.9"), force: true).Compatible);
        Assert.Equal("already on 1.18.0", Compatibility.Check(BL602Plug(), Image(version: "1.18.0"), force: true).Reason);
    }

    [Fact]
    public void APlugWithoutAnAddressOrInAnotherRolloutIsRefused()
    {
        var noAddress = BL602Plug();
        noAddress.HttpEndpoint = null;

        Assert.Equal("no HTTP address known for the plug", Compatibility.Check(noAddress, Image(), false).Reason);
        Assert.Equal("already in rollout 3", Compatibility.Check(BL602Plug(), Image(), false, busyInRollout: 3).Reason);
    }

    [Theory]
    [InlineData("1.10.0", "1.9.0", 1)]
    [InlineData("1.18", "1.18.0", 0)]
    [InlineData("1.2.3", "1.2.4", -1)]
    public void VersionsCompareNumerically(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(FirmwareVersion.Compare(a, b)!.Value));

    [Fact]
    public void TheVersionIsTakenFromABuildString()
    {
        Assert.Equal("1.18.0", FirmwareVersion.Of("OpenBL602 1.18.0 Nov 25 2026 09:00:00"));
        Assert.Equal("14.2.0", FirmwareVersion.Of("14.2.0(tasmota)"));
    }
}
