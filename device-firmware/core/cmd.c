#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqtt_link.h"
#include "plug.h"
#include "strutil.h"

#define CMD_RESTART_DEFAULT_DELAY_MS 3000u
#define CMD_SETTINGS_RECONNECT_DELAY_MS 1000u

struct cmd_ctx {
	struct plug *p;
	const char *args;
	size_t args_len;
	enum cmd_source src;
	struct cmd_reply *reply;
	unsigned int index; /* numeric suffix, e.g. POWER2 */
	int depth;
};

struct cmd_entry {
	const char *name;
	bool indexed; /* accepts a numeric suffix */
	enum cmd_result (*fn)(struct cmd_ctx *c);
};

static enum cmd_result cmd_run_line(struct plug *p, const char *line, size_t len,
				    enum cmd_source src, struct cmd_reply *reply, int depth);
static void cmd_replyf(struct cmd_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cmd_replyf(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(c->reply->buf, sizeof(c->reply->buf), fmt, ap);
	va_end(ap);
	c->reply->len = n < 0 ? 0 : (size_t)n >= sizeof(c->reply->buf) ? sizeof(c->reply->buf) - 1 : (size_t)n;
}

static bool cmd_arg(struct cmd_ctx *c, unsigned int n, const char **tok, size_t *tok_len)
{
	const char *s = c->args;
	size_t len = c->args_len;

	for (unsigned int i = 0; i <= n; i++) {
		if (!strutil_next_token(&s, &len, tok, tok_len))
			return false;
	}
	return true;
}

static bool cmd_arg_long(struct cmd_ctx *c, unsigned int n, long *v)
{
	const char *t;
	size_t tl;

	return cmd_arg(c, n, &t, &tl) && strutil_parse_long(t, tl, v);
}

static bool cmd_arg_float(struct cmd_ctx *c, unsigned int n, float *v)
{
	const char *t;
	size_t tl;

	return cmd_arg(c, n, &t, &tl) && strutil_parse_float(t, tl, v);
}

static void cmd_reply_power(struct cmd_ctx *c)
{
	const struct relay_state *r = &c->p->relay;
	size_t len = 0;

	c->reply->publish_result = true;
	if (r->cfg->count <= 1) {
		cmd_replyf(c, "{\"POWER\":\"%s\"}", r->on[0] ? "ON" : "OFF");
		return;
	}
	strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "{");
	for (unsigned int i = 0; i < r->cfg->count; i++)
		strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "%s\"POWER%u\":\"%s\"",
				i ? "," : "", i + 1, r->on[i] ? "ON" : "OFF");
	strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "}");
	c->reply->len = len;
}

static enum cmd_result cmd_power(struct cmd_ctx *c)
{
	struct plug *p = c->p;
	unsigned int idx = c->index ? c->index - 1 : 0;
	const char *t;
	size_t tl;

	if (idx >= p->relay.cfg->count)
		return CMD_RES_BAD_ARGUMENT;
	if (cmd_arg(c, 0, &t, &tl) && !strutil_ieq(t, tl, "STATUS")) {
		if (strutil_ieq(t, tl, "ON"))
			plug_set_relay(p, idx, true);
		else if (strutil_ieq(t, tl, "OFF"))
			plug_set_relay(p, idx, false);
		else if (strutil_ieq(t, tl, "TOGGLE"))
			plug_set_relay(p, idx, !p->relay.on[idx]);
		else
			plug_set_relay(p, idx, strutil_atoi(t, tl) != 0);
	}
	cmd_reply_power(c);
	return CMD_RES_OK;
}

static enum cmd_result cmd_set_channel(struct cmd_ctx *c)
{
	long ch, v;

	if (!cmd_arg_long(c, 0, &ch) || !cmd_arg_long(c, 1, &v))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64 || plug_set_channel(c->p, (unsigned int)ch, v))
		return CMD_RES_BAD_ARGUMENT;
	cmd_replyf(c, "%d", plug_channel_value(c->p, (unsigned int)ch));
	return CMD_RES_OK;
}

static enum cmd_result cmd_toggle_channel(struct cmd_ctx *c)
{
	long ch;

	if (!cmd_arg_long(c, 0, &ch))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64 ||
	    plug_set_channel(c->p, (unsigned int)ch, !plug_channel_value(c->p, (unsigned int)ch)))
		return CMD_RES_BAD_ARGUMENT;
	cmd_replyf(c, "%d", plug_channel_value(c->p, (unsigned int)ch));
	return CMD_RES_OK;
}

static enum cmd_result cmd_get_channel(struct cmd_ctx *c)
{
	long ch;

	if (!cmd_arg_long(c, 0, &ch))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64)
		return CMD_RES_BAD_ARGUMENT;
	cmd_replyf(c, "%d", plug_channel_value(c->p, (unsigned int)ch));
	return CMD_RES_OK;
}

static enum cmd_result cmd_restart(struct cmd_ctx *c)
{
	long delay_s;

	if (!cmd_arg_long(c, 0, &delay_s))
		delay_s = CMD_RESTART_DEFAULT_DELAY_MS / 1000;
	if (delay_s < 0 || delay_s > 3600)
		return CMD_RES_BAD_ARGUMENT;
	plug_log(c->p, "Restart requested in %ld s", delay_s);
	plug_schedule_reboot(c->p, (uint32_t)delay_s * 1000u);
	return CMD_RES_OK;
}

static enum cmd_result cmd_set_start_value(struct cmd_ctx *c)
{
	long ch, v;
	int idx;

	if (!cmd_arg_long(c, 0, &ch) || !cmd_arg_long(c, 1, &v))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64 || v < -1 || v > 1)
		return CMD_RES_BAD_ARGUMENT;
	idx = relay_index_of_channel(&c->p->relay, (unsigned int)ch);
	if (idx < 0)
		return CMD_RES_BAD_ARGUMENT;
	c->p->cfg.start_values[idx] = (int16_t)v;
	if (plug_save_config(c->p))
		return CMD_RES_ERROR;
	if (v == CONFIG_START_REMEMBER)
		plug_save_vars(c->p);
	return CMD_RES_OK;
}

static enum cmd_result cmd_calibrate(struct cmd_ctx *c, float *cal, uint32_t raw)
{
	float real, v;
	int rc;

	if (!cmd_arg_float(c, 0, &real))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	rc = bl0937_calibrate(real, raw, &v);
	if (rc == -EINVAL)
		return CMD_RES_BAD_ARGUMENT;
	if (rc) {
		plug_log(c->p, "Calibration incorrect - connect load first.");
		return CMD_RES_ERROR;
	}
	*cal = v;
	c->p->cfg_dirty = true;
	return CMD_RES_OK;
}

static enum cmd_result cmd_voltage_set(struct cmd_ctx *c)
{
	return cmd_calibrate(c, &c->p->cfg.cal_voltage, c->p->meter.raw_voltage);
}

static enum cmd_result cmd_current_set(struct cmd_ctx *c)
{
	return cmd_calibrate(c, &c->p->cfg.cal_current, c->p->meter.raw_current);
}

static enum cmd_result cmd_power_set(struct cmd_ctx *c)
{
	return cmd_calibrate(c, &c->p->cfg.cal_power, c->p->meter.raw_power);
}

static enum cmd_result cmd_power_max(struct cmd_ctx *c)
{
	float w;

	if (!cmd_arg_float(c, 0, &w))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (w <= 200.0f || w >= 7200.0f)
		return CMD_RES_BAD_ARGUMENT;
	c->p->cfg.power_max_w = w;
	c->p->cfg_dirty = true;
	return CMD_RES_OK;
}

static enum cmd_result cmd_energy_reset(struct cmd_ctx *c)
{
	float wh = 0;
	const char *t;
	size_t tl;

	if (cmd_arg(c, 0, &t, &tl) && (!strutil_parse_float(t, tl, &wh) || wh < 0))
		return CMD_RES_BAD_ARGUMENT;
	energy_reset(&c->p->energy, wh);
	plug_save_vars(c->p);
	plug_log(c->p, "Energy counter reset to %.3f Wh", (double)wh);
	return CMD_RES_OK;
}

/* MqttHost/MqttUser/MqttPassword: saved at once; unlike OpenBeken (which
 * only saves) the link reconnects a second later with the new values. */
static enum cmd_result cmd_mqtt_setting(struct cmd_ctx *c, char *field, size_t cap,
					const char *name, bool secret)
{
	const char *t;
	size_t tl;

	if (cmd_arg(c, 0, &t, &tl)) {
		if (tl >= cap)
			return CMD_RES_BAD_ARGUMENT;
		for (size_t i = 0; i < tl; i++) {
			if (!isprint((unsigned char)t[i]))
				return CMD_RES_BAD_ARGUMENT;
		}
		strutil_copy(field, cap, t, tl);
		if (plug_save_config(c->p))
			return CMD_RES_ERROR;
		mqtt_link_request_reconnect(c->p, CMD_SETTINGS_RECONNECT_DELAY_MS);
	}
	if (secret)
		cmd_replyf(c, "{\"%s\":\"****\"}", name);
	else
		cmd_replyf(c, "{\"%s\":\"%s\"}", name, field);
	return CMD_RES_OK;
}

static enum cmd_result cmd_mqtt_host(struct cmd_ctx *c)
{
	return cmd_mqtt_setting(c, c->p->cfg.mqtt.host, sizeof(c->p->cfg.mqtt.host), "MqttHost",
				false);
}

static enum cmd_result cmd_mqtt_user(struct cmd_ctx *c)
{
	return cmd_mqtt_setting(c, c->p->cfg.mqtt.user, sizeof(c->p->cfg.mqtt.user), "MqttUser",
				false);
}

static enum cmd_result cmd_mqtt_password(struct cmd_ctx *c)
{
	return cmd_mqtt_setting(c, c->p->cfg.mqtt.password, sizeof(c->p->cfg.mqtt.password),
				"MqttPassword", true);
}

static enum cmd_result cmd_web_password(struct cmd_ctx *c)
{
	const char *t = "";
	size_t tl = 0;

	cmd_arg(c, 0, &t, &tl);
	if (tl >= sizeof(c->p->cfg.web_password))
		return CMD_RES_BAD_ARGUMENT;
	strutil_copy(c->p->cfg.web_password, sizeof(c->p->cfg.web_password), t, tl);
	return plug_save_config(c->p) ? CMD_RES_ERROR : CMD_RES_OK;
}

static enum cmd_result cmd_set_flag(struct cmd_ctx *c)
{
	long bit, v;

	if (!cmd_arg_long(c, 0, &bit) || !cmd_arg_long(c, 1, &v))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (bit < 0 || bit > 63)
		return CMD_RES_BAD_ARGUMENT;
	config_set_flag(&c->p->cfg, (unsigned int)bit, v != 0);
	c->p->cfg_dirty = true;
	return CMD_RES_OK;
}

static enum cmd_result cmd_broadcast_interval(struct cmd_ctx *c)
{
	long s;

	if (!cmd_arg_long(c, 0, &s))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (s < 1 || s > 86400)
		return CMD_RES_BAD_ARGUMENT;
	c->p->link.broadcast_interval_s = (uint32_t)s;
	return CMD_RES_OK;
}

static enum cmd_result cmd_vcp_intervals(struct cmd_ctx *c)
{
	long min_frames, force_frames;

	if (!cmd_arg_long(c, 0, &min_frames) || !cmd_arg_long(c, 1, &force_frames))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (min_frames < 1 || force_frames < min_frames || force_frames > 86400)
		return CMD_RES_BAD_ARGUMENT;
	c->p->energy.min_frames = (uint32_t)min_frames;
	c->p->energy.always_frames = (uint32_t)force_frames;
	return CMD_RES_OK;
}

static enum cmd_result cmd_publish_all(struct cmd_ctx *c)
{
	mqtt_link_publish_self(c->p);
	return CMD_RES_OK;
}

static enum cmd_result cmd_echo(struct cmd_ctx *c)
{
	size_t n = c->args_len < sizeof(c->reply->buf) - 1 ? c->args_len : sizeof(c->reply->buf) - 1;

	memcpy(c->reply->buf, c->args, n);
	c->reply->buf[n] = '\0';
	c->reply->len = n;
	return CMD_RES_OK;
}

static enum cmd_result cmd_backlog(struct cmd_ctx *c)
{
	const char *s = c->args;
	size_t left = c->args_len;
	enum cmd_result last = CMD_RES_OK;

	/* One level only: a backlog inside a backlog is refused. */
	if (c->depth > 0)
		return CMD_RES_BAD_ARGUMENT;
	while (left) {
		const char *semi = memchr(s, ';', left);
		size_t n = semi ? (size_t)(semi - s) : left;
		struct cmd_reply sub;

		cmd_reply_init(&sub);
		if (n) {
			enum cmd_result r = cmd_run_line(c->p, s, n, c->src, &sub, c->depth + 1);

			if (r != CMD_RES_OK && r != CMD_RES_EMPTY_STRING)
				last = r;
		}
		s += semi ? n + 1 : n;
		left -= semi ? n + 1 : n;
	}
	return last;
}

static const struct cmd_entry cmd_table[] = {
	{ "POWER", true, cmd_power },
	{ "SetChannel", false, cmd_set_channel },
	{ "ToggleChannel", false, cmd_toggle_channel },
	{ "GetChannel", false, cmd_get_channel },
	{ "restart", false, cmd_restart },
	{ "reboot", false, cmd_restart },
	{ "SetStartValue", false, cmd_set_start_value },
	{ "VoltageSet", false, cmd_voltage_set },
	{ "CurrentSet", false, cmd_current_set },
	{ "PowerSet", false, cmd_power_set },
	{ "PowerMax", false, cmd_power_max },
	{ "EnergyCntReset", false, cmd_energy_reset },
	{ "MqttHost", false, cmd_mqtt_host },
	{ "MqttUser", false, cmd_mqtt_user },
	{ "MqttPassword", false, cmd_mqtt_password },
	{ "WebPassword", false, cmd_web_password },
	{ "SetFlag", false, cmd_set_flag },
	{ "mqtt_broadcastInterval", false, cmd_broadcast_interval },
	{ "VCPPublishIntervals", false, cmd_vcp_intervals },
	{ "publishAll", false, cmd_publish_all },
	{ "echo", false, cmd_echo },
	{ "backlog", false, cmd_backlog },
};

void cmd_reply_init(struct cmd_reply *r)
{
	r->buf[0] = '\0';
	r->len = 0;
	r->publish_result = false;
}

static const struct cmd_entry *cmd_lookup(const char *name, size_t len, unsigned int *index)
{
	for (size_t i = 0; i < sizeof(cmd_table) / sizeof(cmd_table[0]); i++) {
		const struct cmd_entry *e = &cmd_table[i];
		size_t n = strlen(e->name);
		long idx;

		if (strutil_ieq(name, len, e->name)) {
			*index = 0;
			return e;
		}
		if (e->indexed && len > n && strutil_iprefix(name, len, e->name) &&
		    isdigit((unsigned char)name[n]) && strutil_parse_long(name + n, len - n, &idx) &&
		    idx >= 1 && idx <= 64) {
			*index = (unsigned int)idx;
			return e;
		}
	}
	return NULL;
}

static enum cmd_result cmd_run(struct plug *p, const char *name, size_t name_len, const char *args,
			       size_t args_len, enum cmd_source src, struct cmd_reply *reply,
			       int depth)
{
	const struct cmd_entry *e;
	struct cmd_ctx c = {
		.p = p, .args = args, .args_len = args_len, .src = src, .reply = reply,
		.depth = depth,
	};
	enum cmd_result res;

	if (name_len == 0)
		return CMD_RES_EMPTY_STRING;
	if (args_len > CMD_LINE_MAX)
		return CMD_RES_BAD_ARGUMENT;
	e = cmd_lookup(name, name_len, &c.index);
	if (!e) {
		cmd_replyf(&c, "{}");
		return CMD_RES_UNKNOWN_COMMAND;
	}
	res = e->fn(&c);
	if (reply->len == 0 && e->fn != cmd_echo)
		cmd_replyf(&c, "{}");
	return res;
}

enum cmd_result cmd_execute(struct plug *p, const char *name, size_t name_len, const char *args,
			    size_t args_len, enum cmd_source src, struct cmd_reply *reply)
{
	return cmd_run(p, name, name_len, args, args_len, src, reply, 0);
}

static enum cmd_result cmd_run_line(struct plug *p, const char *line, size_t len,
				    enum cmd_source src, struct cmd_reply *reply, int depth)
{
	const char *name;
	size_t name_len;

	if (len > CMD_LINE_MAX)
		return CMD_RES_BAD_ARGUMENT;
	if (!strutil_next_token(&line, &len, &name, &name_len))
		return CMD_RES_EMPTY_STRING;
	while (len && isspace((unsigned char)*line)) {
		line++;
		len--;
	}
	while (len && isspace((unsigned char)line[len - 1]))
		len--;
	return cmd_run(p, name, name_len, line, len, src, reply, depth);
}

enum cmd_result cmd_execute_line(struct plug *p, const char *line, size_t len,
				 enum cmd_source src, struct cmd_reply *reply)
{
	return cmd_run_line(p, line, len, src, reply, 0);
}

const char *cmd_result_str(enum cmd_result res)
{
	switch (res) {
	case CMD_RES_OK:
		return "OK";
	case CMD_RES_EMPTY_STRING:
		return "No command entered";
	case CMD_RES_UNKNOWN_COMMAND:
		return "Unknown command";
	case CMD_RES_NOT_ENOUGH_ARGUMENTS:
		return "Not enough arguments for this command";
	case CMD_RES_BAD_ARGUMENT:
		return "Bad argument";
	case CMD_RES_ERROR:
		return "Command found but returned error";
	}
	return "Unknown command";
}
