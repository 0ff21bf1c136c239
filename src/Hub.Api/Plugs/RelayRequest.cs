using System.ComponentModel.DataAnnotations;
using Hub.Devices.Commands;

namespace Hub.Api.Plugs;

public sealed record RelayRequest([property: Required] RelayAction? Action);
