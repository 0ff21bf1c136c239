namespace Hub.Devices.Fleet.Events;

/// <summary>Completed by the consumer that made an event durable; the MQTT link acknowledges the message then.</summary>
public sealed class DeliveryReceipt
{
    private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Stored => _stored.Task;

    public void MarkStored() => _stored.TrySetResult();

    /// <summary>The event could not be stored; the message is not acknowledged and the broker will redeliver it.</summary>
    public void MarkFailed(Exception error) => _stored.TrySetException(error);
}
