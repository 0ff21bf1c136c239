#include "ssdp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hal_net.h"
#include "plug.h"

bool ssdp_is_msearch(const char *buf, size_t len)
{
	return len >= 8 && memcmp(buf, "M-SEARCH", 8) == 0;
}

void ssdp_uuid(const struct plug *p, char *buf, size_t cap)
{
	const uint8_t *m = p->mac;

	/* OpenBeken draws it from an unseeded rand(), so every plug shares
	 * one; ours is derived from the MAC and unique. */
	snprintf(buf, cap, "%08x-%04x-%04x-%04x-%04x%08x", 0x4f424bu, 0x5350u, 0x4450u,
		 (unsigned int)(m[0] << 8 | m[1]), (unsigned int)(m[2] << 8 | m[3]),
		 (unsigned int)(m[4] << 8 | m[5]));
}

static int ssdp_done(int n, size_t cap)
{
	return n < 0 || (size_t)n >= cap ? -ENOSPC : n;
}

int ssdp_format_reply(struct plug *p, char *buf, size_t cap)
{
	char ip[20] = "0.0.0.0", uuid[40];

	hal_net_ip(p->hal, ip, sizeof(ip));
	ssdp_uuid(p, uuid, sizeof(uuid));
	return ssdp_done(snprintf(buf, cap,
				  "HTTP/1.1 200 OK\r\n"
				  "CACHE-CONTROL: max-age=1800\r\n"
				  "EXT:\r\n"
				  "LOCATION: http://%s:%u/ssdp.xml\r\n"
				  "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n"
				  "01-NLS: %s\r\n"
				  "ST: upnp:rootdevice\r\n"
				  "SERVER: OpenBk\r\n"
				  "USN: %s::upnp:rootdevice\r\n"
				  "BOOTID.UPNP.ORG: 0\r\n"
				  "CONFIGID.UPNP.ORG: 1\r\n"
				  "\r\n\r\n",
				  ip, p->params->http_port, uuid, uuid),
			 cap);
}

int ssdp_format_notify(struct plug *p, char *buf, size_t cap)
{
	char ip[20] = "0.0.0.0", uuid[40];

	hal_net_ip(p->hal, ip, sizeof(ip));
	ssdp_uuid(p, uuid, sizeof(uuid));
	return ssdp_done(snprintf(buf, cap,
				  "NOTIFY * HTTP/1.1\r\n"
				  "SERVER: OpenBk\r\n"
				  "HOST: 239.255.255.250:1900\r\n"
				  "CACHE-CONTROL: max-age=1800\r\n"
				  "LOCATION: http://%s:%u/ssdp.xml\r\n"
				  "NTS: ssdp:alive\r\n"
				  "NT: upnp:rootdevice\r\n"
				  "USN: uuid:%s::upnp:rootdevice\r\n"
				  "\r\n\r\n",
				  ip, p->params->http_port, uuid),
			 cap);
}

int ssdp_format_xml(struct plug *p, char *buf, size_t cap)
{
	char ip[20] = "0.0.0.0", uuid[40];
	unsigned int port = p->params->http_port;

	hal_net_ip(p->hal, ip, sizeof(ip));
	ssdp_uuid(p, uuid, sizeof(uuid));
	return ssdp_done(
		snprintf(buf, cap,
			 "<root>\r\n"
			 "    <specVersion><major>1</major><minor>0</minor></specVersion>\r\n"
			 "    <device>\r\n"
			 "        <deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>\r\n"
			 "        <friendlyName>%s</friendlyName>\r\n"
			 "        <manufacturer>OpenBeken</manufacturer>\r\n"
			 "        "
			 "<manufacturerURL>https://github.com/openshwprojects/OpenBK7231T_App</"
			 "manufacturerURL>\r\n"
			 "        <modelDescription>OpenBeken</modelDescription>\r\n"
			 "        <modelName>%s</modelName>\r\n"
			 "        <modelNumber>1</modelNumber>\r\n"
			 "        "
			 "<modelURL>https://github.com/openshwprojects/OpenBK7231T_App</"
			 "modelURL>\r\n"
			 "        <serialNumber>1</serialNumber>\r\n"
			 "        <UDN>uuid:%s</UDN>\r\n"
			 "        <serviceList><service>\r\n"
			 "            <URLBase>http://%s:%u</URLBase>\r\n"
			 "            "
			 "<serviceType>urn:schemas-upnp-org:service:openbk:1</serviceType>\r\n"
			 "            <serviceId>urn:upnp-org:serviceId:1</serviceId>"
			 "<controlURL>/</controlURL><eventSubURL/><SCPDURL>/ssdp.xml</SCPDURL>\r\n"
			 "        </service></serviceList>\r\n"
			 "        <presentationURL>http://%s:%u/</presentationURL>\r\n"
			 "    </device>\r\n"
			 "</root>\r\n",
			 p->long_name, p->params->chip_name, uuid, ip, port, ip, port),
		cap);
}
