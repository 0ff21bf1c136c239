/* The pages and JSON endpoints: /api/info, /cm, /api/cmnd, /index. */
#include "http_api.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "flash_map.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "plug.h"
#include "strutil.h"

void http_api_info(struct plug *p, struct http_srv_conn *c)
{
	char buf[1024], build[96], mac[24], ip[20] = "0.0.0.0";
	size_t len = 0;

	plug_format_build_http(p, build, sizeof(build));
	plug_format_mac(p, mac, sizeof(mac));
	hal_net_ip(p->hal, ip, sizeof(ip));
	strutil_appendf(
		buf, sizeof(buf), &len,
		"{\"uptime_s\":%u,\"build\":\"%s\",\"ip\":\"%s\",\"mac\":\"%s\",\"flags\":\"%ld\","
		"\"mqtthost\":\"%s:%u\",\"mqtttopic\":\"%s\",\"chipset\":\"%s\","
		"\"webapp\":\"https://openbekeniot.github.io/webapp/\",\"shortName\":\"%s\","
		"\"startcmd\":\"\",\"supportsSSDP\":%d,\"supportsClientDeviceDB\":true,",
		(unsigned int)p->uptime_s, build, ip, mac, (long)(uint32_t)p->cfg.flags,
		p->cfg.mqtt.host, p->cfg.mqtt.port, p->params->topic, p->params->chip_name,
		p->short_name, p->params->ssdp_enabled ? 1 : 0);
	/* Ours, beyond OpenBeken's fields */
	strutil_appendf(buf, sizeof(buf), &len,
			"\"rebootReason\":\"%s\",\"bootCount\":%u,\"otaPartitionSize\":%u,"
			"\"activeSlot\":%u,\"version\":\"%s\"}",
			boot_reason_str(p->boot_reason), (unsigned int)p->boot_count,
			FLASH_MAP_OTA_MAX, p->slots.t.active, p->version);
	http_srv_json(p, c, 200, buf);
}

static void http_api_run_cm(struct plug *p, struct http_srv_conn *c, const char *cmd, size_t len)
{
	struct cmd_reply reply;

	cmd_reply_init(&reply);
	if (len)
		cmd_execute_line(p, cmd, len, CMD_SRC_HTTP, &reply);
	http_srv_respond(p, c, 200, "application/json", reply.buf, len ? reply.len : 0);
}

void http_api_cm(struct plug *p, struct http_srv_conn *c)
{
	char cmd[CMD_LINE_MAX + 1];
	size_t len = 0;
	const struct http_req *r = &c->req;

	if (r->method == HTTP_METHOD_GET) {
		if (!http_req_query_get(r->query, r->query_len, "cmnd", cmd, sizeof(cmd), &len))
			len = 0;
	} else if (!http_req_query_get(c->body, c->body_len, "cmnd", cmd, sizeof(cmd), &len)) {
		len = 0;
	}
	http_api_run_cm(p, c, cmd, len);
}

void http_api_cmnd(struct plug *p, struct http_srv_conn *c)
{
	struct cmd_reply reply;
	enum cmd_result res;
	char buf[CMD_REPLY_MAX + 96];
	int status;

	cmd_reply_init(&reply);
	res = cmd_execute_line(p, c->body, c->body_len, CMD_SRC_HTTP, &reply);
	status = res == CMD_RES_OK ? 200 : res == CMD_RES_UNKNOWN_COMMAND ? 501 : 400;
	snprintf(buf, sizeof(buf), "{\"%s\":%d, \"msg\":\"%s\", \"res\":%s}",
		 status == 200 ? "success" : "error", status, cmd_result_str(res),
		 reply.len && (reply.buf[0] == '{' || reply.buf[0] == '[' ||
			       (reply.buf[0] >= '0' && reply.buf[0] <= '9'))
			 ? reply.buf
			 : "{}");
	http_srv_json(p, c, status, buf);
}

void http_api_index(struct plug *p, struct http_srv_conn *c, bool state_only)
{
	char buf[2048], lastlog[LOGBUF_LINES * LOGBUF_LINE_LEN];
	size_t len = 0;
	char val[8];
	size_t vlen;
	const struct http_req *r = &c->req;
	long ch;

	if (http_req_query_get(r->query, r->query_len, "restart", val, sizeof(val), &vlen)) {
		plug_schedule_reboot(p, HTTP_SRV_REBOOT_DELAY_MS);
	} else if (http_req_query_get(r->query, r->query_len, "tgl", val, sizeof(val), &vlen) &&
		   strutil_parse_long(val, vlen, &ch) && ch >= 0 && ch <= 64) {
		plug_set_channel(p, (unsigned int)ch, !plug_channel_value(p, (unsigned int)ch));
	} else if (http_req_query_get(r->query, r->query_len, "on", val, sizeof(val), &vlen) &&
		   strutil_parse_long(val, vlen, &ch) && ch >= 0 && ch <= 64) {
		plug_set_channel(p, (unsigned int)ch, 1);
	} else if (http_req_query_get(r->query, r->query_len, "off", val, sizeof(val), &vlen) &&
		   strutil_parse_long(val, vlen, &ch) && ch >= 0 && ch <= 64) {
		plug_set_channel(p, (unsigned int)ch, 0);
	}
	if (!state_only) {
		strutil_appendf(buf, sizeof(buf), &len,
				"<!DOCTYPE html><html><head><title>%s</title></head><body>"
				"<h3>%s</h3><div id=\"state\">",
				p->short_name, p->long_name);
	}
	strutil_appendf(buf, sizeof(buf), &len, "<table>");
	for (unsigned int i = 0; i < p->relay.cfg->count; i++) {
		strutil_appendf(buf, sizeof(buf), &len, "<tr><td>Channel %u</td><td>%s</td></tr>",
				p->relay.cfg->channel[i], p->relay.on[i] ? "ON" : "OFF");
	}
	strutil_appendf(buf, sizeof(buf), &len,
			"</table><h5>Voltage %.1f V, Current %.3f A, Power %.2f W, Energy Total "
			"%.3f kWh</h5>",
			p->energy.values[ENERGY_VOLTAGE], p->energy.values[ENERGY_CURRENT],
			p->energy.values[ENERGY_POWER], p->energy.total_wh / 1000.0);
	strutil_appendf(
		buf, sizeof(buf), &len,
		"<h5>Cfg size: %u, change counter: %u, ota counter: %u, incomplete boots: %u</h5>",
		(unsigned int)sizeof(p->cfg), (unsigned int)p->cfg_store.seq,
		(unsigned int)p->slots.t.ota_count, (unsigned int)p->slots.t.trial_boots);
	strutil_appendf(buf, sizeof(buf), &len, "<h5>Reboot reason: %s</h5>",
			boot_reason_str(p->boot_reason));
	strutil_appendf(buf, sizeof(buf), &len, "<h5>Boot count: %u</h5>",
			(unsigned int)p->boot_count);
	strutil_appendf(buf, sizeof(buf), &len, "<h5>MQTT State: %s RES: %u(%s)</h5>",
			mqtt_link_up(p) ? "connected" : "disconnected",
			(unsigned int)p->link.connects, p->cfg.mqtt.host);
	strutil_appendf(buf, sizeof(buf), &len, "<h5>Free heap: %u</h5>",
			(unsigned int)hal_sys_free_heap(p->hal));
	if (p->prev_log.count) {
		size_t n = logbuf_join(&p->prev_log, lastlog, sizeof(lastlog));

		strutil_appendf(buf, sizeof(buf), &len, "<h5>Log before reboot:</h5><pre>");
		for (size_t i = 0; i < n; i++) {
			char ch1 = lastlog[i];

			if (ch1 == '<') {
				strutil_appendf(buf, sizeof(buf), &len, "&lt;");
			} else if (ch1 == '&') {
				strutil_appendf(buf, sizeof(buf), &len, "&amp;");
			} else {
				strutil_appendf(buf, sizeof(buf), &len, "%c", ch1);
			}
		}
		strutil_appendf(buf, sizeof(buf), &len, "</pre>");
	}
	if (!state_only)
		strutil_appendf(buf, sizeof(buf), &len, "</div></body></html>");
	http_srv_respond(p, c, 200, "text/html", buf, len);
}
