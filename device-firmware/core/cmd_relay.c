/* Relay and device commands: POWER, channels, start values, restart. */
#include "cmd_relay.h"

#include <stdio.h>
#include <string.h>

#include "plug.h"
#include "strutil.h"

#define CMD_RELAY_RESTART_DEFAULT_DELAY_MS 3000u

static void cmd_relay_reply_power(struct cmd_ctx *c)
{
	const struct relay_state *r = &c->p->relay;
	size_t len = 0;

	c->reply->publish_result = true;
	if (r->cfg->count <= 1) {
		cmd_replyf(c, "{\"POWER\":\"%s\"}", r->on[0] ? "ON" : "OFF");
		return;
	}
	strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "{");
	for (unsigned int i = 0; i < r->cfg->count; i++) {
		strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "%s\"POWER%u\":\"%s\"",
				i ? "," : "", i + 1, r->on[i] ? "ON" : "OFF");
	}
	strutil_appendf(c->reply->buf, sizeof(c->reply->buf), &len, "}");
	c->reply->len = len;
}

static enum cmd_result cmd_relay_power(struct cmd_ctx *c)
{
	struct plug *p = c->p;
	unsigned int idx = c->index ? c->index - 1 : 0;
	const char *t;
	size_t tl;

	if (idx >= p->relay.cfg->count)
		return CMD_RES_BAD_ARGUMENT;
	if (cmd_arg(c, 0, &t, &tl) && !strutil_ieq(t, tl, "STATUS")) {
		if (strutil_ieq(t, tl, "ON")) {
			plug_set_relay(p, idx, true);
		} else if (strutil_ieq(t, tl, "OFF")) {
			plug_set_relay(p, idx, false);
		} else if (strutil_ieq(t, tl, "TOGGLE")) {
			plug_set_relay(p, idx, !p->relay.on[idx]);
		} else {
			plug_set_relay(p, idx, strutil_atoi(t, tl) != 0);
		}
	}
	cmd_relay_reply_power(c);
	return CMD_RES_OK;
}

static enum cmd_result cmd_relay_set_channel(struct cmd_ctx *c)
{
	long ch, v;

	if (!cmd_arg_long(c, 0, &ch) || !cmd_arg_long(c, 1, &v))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64 || plug_set_channel(c->p, (unsigned int)ch, v))
		return CMD_RES_BAD_ARGUMENT;
	cmd_replyf(c, "%d", plug_channel_value(c->p, (unsigned int)ch));
	return CMD_RES_OK;
}

static enum cmd_result cmd_relay_toggle_channel(struct cmd_ctx *c)
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

static enum cmd_result cmd_relay_get_channel(struct cmd_ctx *c)
{
	long ch;

	if (!cmd_arg_long(c, 0, &ch))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (ch < 0 || ch > 64)
		return CMD_RES_BAD_ARGUMENT;
	cmd_replyf(c, "%d", plug_channel_value(c->p, (unsigned int)ch));
	return CMD_RES_OK;
}

static enum cmd_result cmd_relay_restart(struct cmd_ctx *c)
{
	long delay_s;

	if (!cmd_arg_long(c, 0, &delay_s))
		delay_s = CMD_RELAY_RESTART_DEFAULT_DELAY_MS / 1000;
	if (delay_s < 0 || delay_s > 3600)
		return CMD_RES_BAD_ARGUMENT;
	plug_log(c->p, "Restart requested in %ld s", delay_s);
	plug_schedule_reboot(c->p, (uint32_t)delay_s * 1000u);
	return CMD_RES_OK;
}

static enum cmd_result cmd_relay_set_start_value(struct cmd_ctx *c)
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

const struct cmd_entry cmd_relay_table[] = {
	{"POWER", true, cmd_relay_power},
	{"SetChannel", false, cmd_relay_set_channel},
	{"ToggleChannel", false, cmd_relay_toggle_channel},
	{"GetChannel", false, cmd_relay_get_channel},
	{"restart", false, cmd_relay_restart},
	{"reboot", false, cmd_relay_restart},
	{"SetStartValue", false, cmd_relay_set_start_value},
	{NULL, false, NULL},
};
