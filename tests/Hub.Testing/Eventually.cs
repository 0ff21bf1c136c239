namespace Hub.Testing;

/// <summary>
/// Waits for a condition that has no event to await (a row another worker writes), checking it until a deadline.
/// Prefer awaiting an event; use this only where the product exposes none.
/// </summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
