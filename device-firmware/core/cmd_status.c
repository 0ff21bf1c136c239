/* STATE: the Tasmota-shaped status OpenBeken answers on stat/<T>/RESULT
 * (json_interface.c http_tasmota_json_status_STS), with the constants it
 * hard-codes (LoadAvg, MqttCount, LinkCount, Downtime). */
#include "cmd_status.h"

#include <stdio.h>
#include <string.h>

#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "plug.h"
#include "strutil.h"

void cmd_status_iso_time(uint64_t epoch_s, char *buf, size_t cap)
{
	/* civil-from-days (H. Hinnant), no gmtime_r on the target's libc */
	int64_t z = (int64_t)(epoch_s / 86400) + 719468;
	int64_t era = z / 146097;
	/* unsigned int, not uint32_t: the latter is long on the RISC-V libc */
	unsigned int doe = (unsigned int)(z - era * 146097);
	unsigned int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned int mp = (5 * doy + 2) / 153;
	unsigned int d = doy - (153 * mp + 2) / 5 + 1;
	unsigned int m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = (int64_t)yoe + era * 400 + (m <= 2);
	unsigned int sod = (unsigned int)(epoch_s % 86400);

	snprintf(buf, cap, "%04d-%02u-%02uT%02u:%02u:%02u", (int)y, m, d, sod / 3600, sod / 60 % 60,
		 sod % 60);
}

static enum cmd_result cmd_status_state(struct cmd_ctx *c)
{
	struct plug *p = c->p;
	const struct relay_state *r = &p->relay;
	char now[24];
	int rssi = hal_net_rssi(p->hal);
	unsigned int up = (unsigned int)p->uptime_s;
	size_t len = 0;
	char *buf = c->reply->buf;
	size_t cap = sizeof(c->reply->buf);

	cmd_status_iso_time(hal_time_epoch_s(p->hal), now, sizeof(now));
	strutil_appendf(buf, cap, &len,
			"{\"Time\":\"%s\",\"Uptime\":\"%uT%02u:%02u:%02u\",\"UptimeSec\":%u,"
			"\"Heap\":%u,\"SleepMode\":\"Dynamic\",\"Sleep\":10,\"LoadAvg\":99,"
			"\"MqttCount\":23,",
			now, up / 86400, up / 3600 % 24, up / 60 % 60, up % 60, up,
			(unsigned int)(hal_sys_free_heap(p->hal) / 1024));
	if (r->cfg->count <= 1) {
		strutil_appendf(buf, cap, &len, "\"POWER\":\"%s\",", r->on[0] ? "ON" : "OFF");
	} else {
		for (unsigned int i = 0; i < r->cfg->count; i++) {
			strutil_appendf(buf, cap, &len, "\"POWER%u\":\"%s\",", i + 1,
					r->on[i] ? "ON" : "OFF");
		}
	}
	strutil_appendf(buf, cap, &len,
			"\"Wifi\":{\"AP\":1,\"SSId\":\"plug\",\"BSSId\":\"00:00:00:00:00:00\","
			"\"Channel\":1,\"Mode\":\"11n\",\"RSSI\":%d,\"Signal\":%d,\"LinkCount\":21,"
			"\"Downtime\":\"0T06:13:34\"}}",
			(rssi + 100) * 2, rssi);
	c->reply->len = len;
	c->reply->publish_result = true;
	return CMD_RES_OK;
}

const struct cmd_entry cmd_status_table[] = {
	{"STATE", false, cmd_status_state},
	{NULL, false, NULL},
};
