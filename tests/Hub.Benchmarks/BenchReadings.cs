using Hub.Devices.Fleet.Events;

namespace Hub.Benchmarks;

/// <summary>A fleet reporting every 10 s, in arrival order: each round, every plug once.</summary>
internal static class BenchReadings
{
    public static List<ReadingReported> Fleet(int plugs, int samplesPerPlug, DateTimeOffset start)
    {
        var readings = new List<ReadingReported>(plugs * samplesPerPlug);
        var counters = new double[plugs];
        for (var sample = 0; sample < samplesPerPlug; sample++)
        {
            for (var plug = 0; plug < plugs; plug++)
            {
                var watts = 20 + ((plug * 37 + sample * 11) % 2000);
                counters[plug] += watts * 10 / 3600.0;
                readings.Add(new ReadingReported
                {
                    Topic = "bench",
                    PlugId = plug + 1,
                    At = start.AddSeconds((sample * 10) + (plug % 10)),
                    VoltageV = 229.5 + (plug % 7),
                    CurrentA = watts / 230.0,
                    PowerW = watts,
                    EnergyCounterWh = Math.Round(1000 + counters[plug], 3),
                });
            }
        }

        return readings;
    }
}
