using System.Xml;
using System.Xml.Linq;

namespace Hub.Devices.Discovery;

/// <summary>
/// The few fields of a UPnP device description the hub reads. OpenBeken's <c>/ssdp.xml</c> has no namespace and no XML
/// prolog; standard ones use <c>urn:schemas-upnp-org:device-1-0</c>, so elements are matched by local name.
/// </summary>
internal sealed record DeviceDescription(string? FriendlyName, string? Manufacturer, string? ModelName, string? Udn, string? ServiceType)
{
    public bool IsOpenBeken =>
        string.Equals(Manufacturer, "OpenBeken", StringComparison.OrdinalIgnoreCase)
        || ServiceType?.Contains(":service:openbk:", StringComparison.OrdinalIgnoreCase) == true;

    public static DeviceDescription? Parse(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 256 * 1024,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var device = XDocument.Load(reader).Descendants().FirstOrDefault(e => e.Name.LocalName == "device");
            if (device is null)
            {
                return null;
            }

            string? Value(string name) =>
                HttpFields.Word(device.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value, 256);
            return new DeviceDescription(Value("friendlyName"), Value("manufacturer"), Value("modelName"), Value("UDN"),
                Value("serviceType"));
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
