using Hub.Devices.Fleet;
using Hub.Devices.Ota.Delivery;
using Hub.Devices.Ota.Library;
using Hub.Devices.Ota.Rollouts;
using Hub.Devices.Protocols;

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

    private static FirmwareImage OpenBekenImage()
    {
        var image = Image();
        image.Format = FirmwareFormat.Bl602Ota;
        return image;
    }

    private static Plug TasmotaPlug(string hardware = "ESP8266EX", string build = "14.1.0(tasmota)") => new()
    {
        Id = 9, Topic = "tasmota_0A0B0C", Protocol = PlugProtocolKind.Tasmota, Status = PlugStatus.Adopted, Chip = hardware,
        FirmwareBuild = build,
    };

    private static FirmwareImage TasmotaImage(string chip = "ESP8266", string version = "14.2.0", long size = 650_000) => new()
    {
        Sha256 = "01", Format = FirmwareFormat.Tasmota, ChipFamily = chip, Version = version, SizeBytes = size, Trusted = true,
    };

    [Fact]
    public void ATasmotaPlugTakesANewerTasmotaImageForItsChipFamilyByPullWithoutAnHttpAddress()
    {
        Assert.True(Compatibility.Check(TasmotaPlug(), TasmotaImage(), force: false).Compatible);
        Assert.True(Compatibility.Check(TasmotaPlug("ESP8285N08"), TasmotaImage(), force: false).Compatible);
        Assert.True(Compatibility.Check(TasmotaPlug("ESP32-D0WD-V3"), TasmotaImage("ESP32"), force: false).Compatible);
        Assert.Equal((OtaDelivery.Pull, null), DeliveryChoice.For(TasmotaPlug(), OtaDelivery.Auto));
    }

    [Fact]
    public void ATasmotaPlugRefusesOpenBekenImagesOtherChipsPushAndOversizeAndOldVersionsNamingThePlug()
    {
        var openBeken = Compatibility.Check(TasmotaPlug(), OpenBekenImage(), force: true);
        var ourBl602 = Compatibility.Check(TasmotaPlug(), Image(), force: true);
        var esp32OnEsp8266 = Compatibility.Check(TasmotaPlug(), TasmotaImage("ESP32"), force: true);
        var c3OnEsp32 = Compatibility.Check(TasmotaPlug("ESP32-D0WD-V3"), TasmotaImage("ESP32-C3"), force: true);
        var push = Compatibility.Check(TasmotaPlug(), TasmotaImage(), force: false, delivery: OtaDelivery.Push);
        var oversize = Compatibility.Check(TasmotaPlug(), TasmotaImage(size: 1024 * 1024 + 1), force: false);
        var downgrade = Compatibility.Check(TasmotaPlug(), TasmotaImage(version: "13.4.0"), force: false);
        var same = Compatibility.Check(TasmotaPlug(build: "14.2.0(tasmota)"), TasmotaImage(), force: true);

        Assert.All([openBeken, ourBl602, esp32OnEsp8266, c3OnEsp32, push, oversize, downgrade, same], v =>
        {
            Assert.False(v.Compatible);
            Assert.Equal("tasmota_0A0B0C", v.Topic);
        });
        Assert.Equal("Tasmota plugs take only Tasmota images, not a Bl602Ota image for BL602", openBeken.Reason);
        Assert.Equal("Tasmota plugs take only Tasmota images, not a PlugImage image for BL602", ourBl602.Reason);
        Assert.Equal("chip ESP8266EX does not match the image's ESP32", esp32OnEsp8266.Reason);
        Assert.Equal("chip ESP32-D0WD-V3 does not match the image's ESP32-C3", c3OnEsp32.Reason);
        Assert.Equal("Tasmota takes images only by pull (OtaUrl + Upgrade 1), not by push", push.Reason);
        Assert.Equal("image of 1048577 bytes does not fit the 1048576-byte OTA partition", oversize.Reason);
        Assert.Equal("downgrade from 14.1.0 to 13.4.0 (force to allow)", downgrade.Reason);
        Assert.Equal("already on 14.2.0", same.Reason);
    }

    [Fact]
    public void ATasmotaPlugThatReportedItsFreeProgramSpaceRefusesAnImageBiggerThanThatAndTakesOneThatFits()
    {
        var plug = TasmotaPlug("ESP8266EX");
        plug.OtaPartitionBytes = 400 * 1024;

        var tooBig = Compatibility.Check(plug, TasmotaImage("ESP8266", size: (400 * 1024) + 1), force: false);
        var fits = Compatibility.Check(plug, TasmotaImage("ESP8266", size: 400 * 1024), force: false);

        Assert.False(tooBig.Compatible);
        Assert.Equal("image of 409601 bytes does not fit the 409600 bytes of free program space the plug reports (Tasmota StatusMEM.Free): " +
            "update it to Tasmota's minimal image first, then to this one", tooBig.Reason);
        Assert.True(fits.Compatible, fits.Reason);
    }

    [Fact]
    public void AnEsp32TasmotaPlugsReportedFreeSpaceIsNotALimitBecauseSafebootBuildsRewriteTheWholeSlot()
    {
        var plug = TasmotaPlug("ESP32-D0WD-V3");
        plug.OtaPartitionBytes = 980 * 1024;

        var biggerThanReported = Compatibility.Check(plug, TasmotaImage("ESP32", size: 1_950_000), force: false);
        var unknownRoom = Compatibility.Check(TasmotaPlug("ESP32-D0WD-V3"), TasmotaImage("ESP32", size: 1_900_000), force: false);

        Assert.True(biggerThanReported.Compatible, biggerThanReported.Reason);
        Assert.True(unknownRoom.Compatible, unknownRoom.Reason);
    }

    [Theory]
    [InlineData("BK7231N", "auto", "Pull")]
    [InlineData("BK7231T", "auto", "Pull")]
    [InlineData("BL602", "auto", "Push")]
    [InlineData("BL602", "pull", "Pull")]
    [InlineData("BK7231N", "push", "Push")]
    public void OpenBekenPlugsPullOnBekenChipsAndArePushedOnBl602UnlessTheRolloutSaysOtherwise(string chip, string requested, string expected)
    {
        var plug = BL602Plug();
        plug.Chip = chip;

        var (delivery, refusal) = DeliveryChoice.For(plug, Enum.Parse<OtaDelivery>(requested, ignoreCase: true));

        Assert.Equal(Enum.Parse<OtaDelivery>(expected), delivery);
        Assert.Null(refusal);
    }

    [Fact]
    public void APulledPlugNeedsNoHttpAddress()
    {
        var noAddress = BL602Plug();
        noAddress.HttpEndpoint = null;

        Assert.True(Compatibility.Check(noAddress, Image(), false, delivery: OtaDelivery.Pull).Compatible);
        Assert.Equal("no HTTP address known for the plug", Compatibility.Check(noAddress, Image(), false, delivery: OtaDelivery.Push).Reason);
    }
}
