/* Settings commands: calibration, energy counter, MQTT and web credentials,
 * flags and publish intervals. */
#include "cmd_setup.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "mqtt_link.h"
#include "plug.h"
#include "strutil.h"

#define CMD_SETUP_RECONNECT_DELAY_MS 1000u

static enum cmd_result cmd_setup_calibrate(struct cmd_ctx *c, float *cal, uint32_t raw)
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

static enum cmd_result cmd_setup_voltage_set(struct cmd_ctx *c)
{
	return cmd_setup_calibrate(c, &c->p->cfg.cal_voltage, c->p->meter.raw_voltage);
}

static enum cmd_result cmd_setup_current_set(struct cmd_ctx *c)
{
	return cmd_setup_calibrate(c, &c->p->cfg.cal_current, c->p->meter.raw_current);
}

static enum cmd_result cmd_setup_power_set(struct cmd_ctx *c)
{
	return cmd_setup_calibrate(c, &c->p->cfg.cal_power, c->p->meter.raw_power);
}

static enum cmd_result cmd_setup_power_max(struct cmd_ctx *c)
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

static enum cmd_result cmd_setup_energy_reset(struct cmd_ctx *c)
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
static enum cmd_result cmd_setup_mqtt_setting(struct cmd_ctx *c, char *field, size_t cap,
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
		mqtt_link_request_reconnect(c->p, CMD_SETUP_RECONNECT_DELAY_MS);
	}
	if (secret) {
		cmd_replyf(c, "{\"%s\":\"****\"}", name);
	} else {
		cmd_replyf(c, "{\"%s\":\"%s\"}", name, field);
	}
	return CMD_RES_OK;
}

static enum cmd_result cmd_setup_mqtt_host(struct cmd_ctx *c)
{
	return cmd_setup_mqtt_setting(c, c->p->cfg.mqtt.host, sizeof(c->p->cfg.mqtt.host),
				      "MqttHost", false);
}

static enum cmd_result cmd_setup_mqtt_user(struct cmd_ctx *c)
{
	return cmd_setup_mqtt_setting(c, c->p->cfg.mqtt.user, sizeof(c->p->cfg.mqtt.user),
				      "MqttUser", false);
}

static enum cmd_result cmd_setup_mqtt_password(struct cmd_ctx *c)
{
	return cmd_setup_mqtt_setting(c, c->p->cfg.mqtt.password, sizeof(c->p->cfg.mqtt.password),
				      "MqttPassword", true);
}

static enum cmd_result cmd_setup_web_password(struct cmd_ctx *c)
{
	const char *t = "";
	size_t tl = 0;

	cmd_arg(c, 0, &t, &tl);
	if (tl >= sizeof(c->p->cfg.web_password))
		return CMD_RES_BAD_ARGUMENT;
	strutil_copy(c->p->cfg.web_password, sizeof(c->p->cfg.web_password), t, tl);
	return plug_save_config(c->p) ? CMD_RES_ERROR : CMD_RES_OK;
}

static enum cmd_result cmd_setup_set_flag(struct cmd_ctx *c)
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

static enum cmd_result cmd_setup_broadcast_interval(struct cmd_ctx *c)
{
	long s;

	if (!cmd_arg_long(c, 0, &s))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (s < 1 || s > 86400)
		return CMD_RES_BAD_ARGUMENT;
	c->p->link.broadcast_interval_s = (uint32_t)s;
	return CMD_RES_OK;
}

static enum cmd_result cmd_setup_vcp_intervals(struct cmd_ctx *c)
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

const struct cmd_entry cmd_setup_table[] = {
	{"VoltageSet", false, cmd_setup_voltage_set},
	{"CurrentSet", false, cmd_setup_current_set},
	{"PowerSet", false, cmd_setup_power_set},
	{"PowerMax", false, cmd_setup_power_max},
	{"EnergyCntReset", false, cmd_setup_energy_reset},
	{"MqttHost", false, cmd_setup_mqtt_host},
	{"MqttUser", false, cmd_setup_mqtt_user},
	{"MqttPassword", false, cmd_setup_mqtt_password},
	{"WebPassword", false, cmd_setup_web_password},
	{"SetFlag", false, cmd_setup_set_flag},
	{"mqtt_broadcastInterval", false, cmd_setup_broadcast_interval},
	{"VCPPublishIntervals", false, cmd_setup_vcp_intervals},
	{NULL, false, NULL},
};
