namespace Hub.Devices.Mqtt;

/// <summary>The broker's account store refused a change or did not answer in time.</summary>
public sealed class BrokerAccountException : Exception
{
    public BrokerAccountException()
    {
    }

    public BrokerAccountException(string message)
        : base(message)
    {
    }

    public BrokerAccountException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
