namespace Hub.Energy.Ingest;

/// <summary>Why a reading never reached storage. Each is counted per plug.</summary>
public enum Refusal
{
    UnknownPlug,
    NegativePower,
    VoltageTooHigh,
    NotANumber,
    InTheFuture,
    OlderThanRetention,
    UnsupportedChannel,
}
