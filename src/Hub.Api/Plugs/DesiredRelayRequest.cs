using System.ComponentModel.DataAnnotations;
using Hub.Devices.Fleet;

namespace Hub.Api.Plugs;

public sealed record DesiredRelayRequest([property: Required] DesiredRelayMode? Mode);
