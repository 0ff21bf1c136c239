#include "mqtt_link.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "hal_mqtt.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "plug.h"
#include "strutil.h"

#define MQTT_LINK_FIRST_MIN_MS      500u
#define MQTT_LINK_FIRST_SPREAD_MS   2500u
#define MQTT_LINK_BACKOFF_MIN_MS    1000u
#define MQTT_LINK_BACKOFF_SPREAD_MS 8000u
#define MQTT_LINK_BACKOFF_CAP_MS    60000u

void mqtt_link_init(struct plug *p)
{
	struct mqtt_link *l = &p->link;
	uint64_t now = hal_time_ms(p->hal);

	memset(l, 0, sizeof(*l));
	backoff_init(&l->backoff, MQTT_LINK_BACKOFF_MIN_MS, MQTT_LINK_BACKOFF_SPREAD_MS,
		     MQTT_LINK_BACKOFF_CAP_MS);
	/* First connect shortly after boot, spread so a fleet powering up
	 * together (one breaker) does not hit the broker in one instant. */
	l->next_attempt_ms =
		now + MQTT_LINK_FIRST_MIN_MS + plug_random(p) % MQTT_LINK_FIRST_SPREAD_MS;
	l->broadcast_interval_s = p->params->broadcast_interval_s;
	snprintf(l->will_topic, sizeof(l->will_topic), "%s/connected", p->params->topic);
}

bool mqtt_link_up(const struct plug *p)
{
	return p->link.state == MQTT_LINK_UP;
}

static void mqtt_link_schedule_retry(struct plug *p)
{
	struct mqtt_link *l = &p->link;
	uint32_t wait = backoff_next_ms(&l->backoff, plug_random(p));

	l->state = MQTT_LINK_WAITING;
	l->next_attempt_ms = hal_time_ms(p->hal) + wait;
}

static void mqtt_link_connect(struct plug *p)
{
	struct mqtt_link *l = &p->link;
	const struct config_mqtt *m = &p->cfg.mqtt;
	struct hal_mqtt_params params = {
		.host = m->host,
		.port = m->port,
		.client_id = p->params->topic,
		.user = m->user,
		.password = m->password,
		.keepalive_s = MQTT_LINK_KEEPALIVE_S,
		.will_topic = l->will_topic,
		.will_payload = "offline",
		.will_qos = 1,
		.will_retain = true,
	};

	l->attempt_started_ms = hal_time_ms(p->hal);
	if (hal_mqtt_connect(p->hal, &params)) {
		l->failures++;
		mqtt_link_schedule_retry(p);
		return;
	}
	l->state = MQTT_LINK_CONNECTING;
}

void mqtt_link_tick(struct plug *p)
{
	struct mqtt_link *l = &p->link;
	uint64_t now = hal_time_ms(p->hal);

	if (l->reconnect_at_ms && now >= l->reconnect_at_ms) {
		l->reconnect_at_ms = 0;
		if (l->state != MQTT_LINK_WAITING) {
			plug_log(p, "MQTT: settings changed, reconnecting");
			hal_mqtt_abort(p->hal);
		}
		backoff_reset(&l->backoff);
		l->state = MQTT_LINK_WAITING;
		l->next_attempt_ms = now;
	}
	switch (l->state) {
	case MQTT_LINK_WAITING:
		if (p->cfg.mqtt.host[0] == '\0' || !hal_net_link_up(p->hal) ||
		    now < l->next_attempt_ms)
			return;
		mqtt_link_connect(p);
		break;
	case MQTT_LINK_CONNECTING:
		if (now - l->attempt_started_ms > MQTT_LINK_CONNECT_TIMEOUT_MS) {
			plug_log(p, "MQTT: connect timed out");
			hal_mqtt_abort(p->hal);
			l->failures++;
			mqtt_link_schedule_retry(p);
		}
		break;
	case MQTT_LINK_UP:
		if (l->broadcast_interval_s &&
		    config_flag(&p->cfg, CONFIG_FLAG_PERIODIC_BROADCAST) &&
		    now >= l->next_broadcast_ms) {
			l->next_broadcast_ms = now + (uint64_t)l->broadcast_interval_s * 1000u;
			mqtt_link_publish_self(p);
		}
		break;
	}
}

static void mqtt_link_subscribe(struct plug *p, const char *fmt, const char *name)
{
	char filter[MQTT_LINK_TOPIC_MAX + 1];

	if (name[0] == '\0')
		return;
	snprintf(filter, sizeof(filter), fmt, name);
	hal_mqtt_subscribe(p->hal, filter, 1);
}

void mqtt_link_on_connack(struct plug *p, int rc)
{
	struct mqtt_link *l = &p->link;

	if (rc != 0) {
		plug_log(p, "MQTT: broker refused connection (%d)", rc);
		l->failures++;
		hal_mqtt_abort(p->hal);
		mqtt_link_schedule_retry(p);
		return;
	}
	l->state = MQTT_LINK_UP;
	l->connects++;
	backoff_reset(&l->backoff);
	mqtt_link_subscribe(p, "%s/+/set", p->params->topic);
	mqtt_link_subscribe(p, "%s/+/set", p->params->group);
	mqtt_link_subscribe(p, "cmnd/%s/+", p->params->topic);
	mqtt_link_subscribe(p, "cmnd/%s/+", p->params->group);
	mqtt_link_subscribe(p, "%s/+/get", p->params->topic);
	hal_mqtt_subscribe(p->hal, "homeassistant/status", 1);
	/* OpenBeken: online with QoS 2, retained */
	mqtt_link_publish(p, "connected", "online", 2, true);
	plug_log(p, "MQTT: connected to %s:%u", p->cfg.mqtt.host, p->cfg.mqtt.port);
	if (config_flag(&p->cfg, CONFIG_FLAG_BROADCAST_ON_CONNECT))
		mqtt_link_publish_self(p);
	/* A hub that lost us should not wait up to a minute for unchanged values. */
	energy_mark_unsent(&p->energy);
	l->next_broadcast_ms = hal_time_ms(p->hal) + (uint64_t)l->broadcast_interval_s * 1000u;
	if (p->slots_boot == SLOTS_BOOT_TRIAL && p->slots.t.trial) {
		slots_confirm(&p->slots.t);
		if (slots_save(&p->slots, p->hal) == 0) {
			plug_log(p, "OTA: image %s confirmed", p->version);
			mqtt_link_publish(p, "ota", "{\"state\":\"confirmed\",\"progress\":100}", 1,
					  false);
		}
	}
}

void mqtt_link_on_lost(struct plug *p)
{
	struct mqtt_link *l = &p->link;

	if (l->state == MQTT_LINK_UP)
		plug_log(p, "MQTT: connection lost");
	l->failures++;
	mqtt_link_schedule_retry(p);
}

int mqtt_link_publish_topic(struct plug *p, const char *topic, const char *payload, int qos,
			    bool retain)
{
	if (p->link.state != MQTT_LINK_UP)
		return -1;
	return hal_mqtt_publish(p->hal, topic, payload, strlen(payload), qos, retain);
}

int mqtt_link_publish(struct plug *p, const char *suffix, const char *payload, int qos, bool retain)
{
	char topic[MQTT_LINK_TOPIC_MAX + 1];

	snprintf(topic, sizeof(topic), "%s/%s", p->params->topic, suffix);
	return mqtt_link_publish_topic(p, topic, payload, qos, retain);
}

void mqtt_link_publish_channel(struct plug *p, unsigned int channel)
{
	char suffix[16], val[16];

	snprintf(suffix, sizeof(suffix), "%u/get", channel);
	snprintf(val, sizeof(val), "%d", plug_channel_value(p, channel));
	mqtt_link_publish(p, suffix, val, 1, false);
}

void mqtt_link_publish_self(struct plug *p)
{
	char buf[LOGBUF_LINES * LOGBUF_LINE_LEN];

	mqtt_link_publish(p, "host", p->short_name, 1, false);
	plug_format_build_mqtt(p, buf, sizeof(buf));
	mqtt_link_publish(p, "build", buf, 1, false);
	plug_format_mac(p, buf, sizeof(buf));
	mqtt_link_publish(p, "mac", buf, 1, false);
	snprintf(buf, sizeof(buf), "%d", hal_net_rssi(p->hal));
	mqtt_link_publish(p, "rssi", buf, 1, false);
	snprintf(buf, sizeof(buf), "%u", (unsigned int)p->uptime_s);
	mqtt_link_publish(p, "uptime", buf, 1, false);
	snprintf(buf, sizeof(buf), "%u", (unsigned int)hal_sys_free_heap(p->hal));
	mqtt_link_publish(p, "freeheap", buf, 1, false);
	if (hal_net_ip(p->hal, buf, sizeof(buf)) == 0)
		mqtt_link_publish(p, "ip", buf, 1, false);
	/* Not in OpenBeken (it has no boot info on MQTT): reason, count and the
	 * log lines that led to the reset. */
	mqtt_link_publish(p, "rebootreason", boot_reason_str(p->boot_reason), 1, false);
	snprintf(buf, sizeof(buf), "%u", (unsigned int)p->boot_count);
	mqtt_link_publish(p, "bootcount", buf, 1, false);
	if (p->prev_log.count) {
		logbuf_join(&p->prev_log, buf, sizeof(buf));
		mqtt_link_publish(p, "lastlog", buf, 1, false);
	}
	for (unsigned int i = 0; i < p->relay.cfg->count; i++)
		mqtt_link_publish_channel(p, p->relay.cfg->channel[i]);
}

void mqtt_link_request_reconnect(struct plug *p, uint32_t delay_ms)
{
	p->link.reconnect_at_ms = hal_time_ms(p->hal) + delay_ms;
}

/* Splits "a/b/c" into exactly three segments. */
static bool mqtt_link_split3(const char *t, size_t len, const char **seg, size_t *seg_len)
{
	size_t start = 0, n = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || t[i] == '/') {
			if (n == 3)
				return false;
			seg[n] = t + start;
			seg_len[n] = i - start;
			n++;
			start = i + 1;
		}
	}
	return n == 3;
}

static bool mqtt_link_is_me(const struct plug *p, const char *s, size_t len)
{
	return (len == strlen(p->params->topic) && memcmp(s, p->params->topic, len) == 0) ||
	       (p->params->group[0] && len == strlen(p->params->group) &&
		memcmp(s, p->params->group, len) == 0);
}

static void mqtt_link_channel_set(struct plug *p, const char *ch, size_t ch_len,
				  const char *payload, size_t len)
{
	long channel;

	if (!strutil_parse_long(ch, ch_len, &channel) || channel < 0 || channel > 64)
		return;
	if (strutil_iprefix(payload, len, "toggle")) {
		plug_set_channel(p, (unsigned int)channel,
				 plug_channel_value(p, (unsigned int)channel) ? 0 : 1);
	} else {
		plug_set_channel(p, (unsigned int)channel, strutil_atoi(payload, len));
	}
}

static void mqtt_link_command(struct plug *p, const char *name, size_t name_len,
			      const char *payload, size_t len)
{
	struct cmd_reply reply;
	char topic[MQTT_LINK_TOPIC_MAX + 1];

	enum cmd_result res;
	char err[160];
	size_t n = 0;

	cmd_reply_init(&reply);
	res = cmd_execute(p, name, name_len, payload, len, CMD_SRC_MQTT, &reply);
	snprintf(topic, sizeof(topic), "stat/%s/RESULT", p->params->topic);
	if (reply.publish_result) {
		mqtt_link_publish_topic(p, topic, reply.buf, 1, false);
	} else if (res != CMD_RES_OK) {
		/* OpenBeken stays silent on a failed command; say why (Tasmota
		 * answers unknown ones with {"Command":"Unknown"} the same way). */
		strutil_appendf(err, sizeof(err), &n, "{\"Command\":\"");
		strutil_append_json_escaped(err, sizeof(err), &n, name,
					    name_len > 32 ? 32 : name_len);
		strutil_appendf(err, sizeof(err), &n, "\",\"Error\":\"%s\"}", cmd_result_str(res));
		mqtt_link_publish_topic(p, topic, err, 1, false);
	}
}

void mqtt_link_on_message(struct plug *p, const char *topic, size_t topic_len,
			  const uint8_t *payload, size_t payload_len)
{
	char body[MQTT_LINK_PAYLOAD_MAX + 1];
	const char *seg[3];
	size_t seg_len[3];
	long channel;

	if (topic_len == 0 || topic_len > MQTT_LINK_TOPIC_MAX ||
	    payload_len > MQTT_LINK_PAYLOAD_MAX) {
		plug_log(p, "MQTT: oversized message dropped");
		return;
	}
	/* Payloads are text; a NUL-terminated copy keeps every parser bounded. */
	memcpy(body, payload, payload_len);
	body[payload_len] = '\0';
	if (memchr(body, '\0', payload_len))
		return;
	if (strutil_ieq(topic, topic_len, "homeassistant/status")) {
		if (strutil_ieq(body, payload_len, "online"))
			mqtt_link_publish_self(p);
		return;
	}
	if (!mqtt_link_split3(topic, topic_len, seg, seg_len))
		return;
	if (seg_len[0] == 4 && memcmp(seg[0], "cmnd", 4) == 0) {
		if (mqtt_link_is_me(p, seg[1], seg_len[1]) && seg_len[2] > 0)
			mqtt_link_command(p, seg[2], seg_len[2], body, payload_len);
		return;
	}
	if (!mqtt_link_is_me(p, seg[0], seg_len[0]))
		return;
	if (seg_len[2] == 3 && memcmp(seg[2], "set", 3) == 0) {
		mqtt_link_channel_set(p, seg[1], seg_len[1], body, payload_len);
	} else if (seg_len[2] == 3 && memcmp(seg[2], "get", 3) == 0 && payload_len == 0) {
		/* Non-empty payloads are our own publishes coming back. */
		if (strutil_parse_long(seg[1], seg_len[1], &channel) && channel >= 0 &&
		    channel <= 32)
			mqtt_link_publish_channel(p, (unsigned int)channel);
	}
}
