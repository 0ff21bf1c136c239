namespace Hub.Energy.Storage;

public enum EnergyEventKind
{
    /// <summary>The counter dropped: reflash, OTA, <c>EnergyCntReset</c> or a lost flash write. The new value was added.</summary>
    Reset,

    /// <summary>The counter jumped further than the plug's maximum power allows; the jump was not added.</summary>
    Glitch,

    /// <summary>After a glitch the counter came back near its old value; counting continued from before the jump.</summary>
    GlitchReverted,
}
