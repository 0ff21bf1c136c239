#include "energy.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cmd_status.h"
#include "strutil.h"

static const struct energy_value_desc energy_descs[ENERGY_VALUE_COUNT] = {
	[ENERGY_VOLTAGE] = {"voltage", 1, 0.25},
	[ENERGY_CURRENT] = {"current", 3, 0.002},
	[ENERGY_POWER] = {"power", 2, 0.25},
	[ENERGY_POWER_APPARENT] = {"power_apparent", 2, 0.25},
	[ENERGY_POWER_REACTIVE] = {"power_reactive", 2, 0.25},
	[ENERGY_POWER_FACTOR] = {"power_factor", 2, 0.05},
	[ENERGY_COUNTER] = {"energycounter", 3, 0.1},
};

const struct energy_value_desc *energy_value_desc(enum energy_value v)
{
	return v < ENERGY_VALUE_COUNT ? &energy_descs[v] : NULL;
}

void energy_init(struct energy_state *e, double total_wh)
{
	memset(e, 0, sizeof(*e));
	e->total_wh = total_wh;
	e->saved_wh = total_wh;
	e->values[ENERGY_COUNTER] = total_wh;
	e->min_frames = 5;
	e->always_frames = 60;
}

void energy_update(struct energy_state *e, double voltage_v, double current_a, double power_w,
		   uint32_t dt_ms)
{
	double s, q;

	/* Negative readings are noise on a plug that cannot feed back. */
	voltage_v = voltage_v < 0 ? 0 : voltage_v;
	current_a = current_a < 0 ? 0 : current_a;
	power_w = power_w < 0 ? 0 : power_w;
	s = voltage_v * current_a;
	q = s <= fabs(power_w) ? 0 : sqrt(s * s - power_w * power_w);
	e->values[ENERGY_VOLTAGE] = voltage_v;
	e->values[ENERGY_CURRENT] = current_a;
	e->values[ENERGY_POWER] = power_w;
	e->values[ENERGY_POWER_APPARENT] = s;
	e->values[ENERGY_POWER_REACTIVE] = q;
	e->values[ENERGY_POWER_FACTOR] = s == 0 ? 1 : power_w / s;
	e->total_wh += power_w * dt_ms / 3600000.0;
	e->values[ENERGY_COUNTER] = e->total_wh;
}

bool energy_save_due(const struct energy_state *e)
{
	return e->total_wh - e->saved_wh >= ENERGY_SAVE_STEP_WH;
}

void energy_mark_saved(struct energy_state *e)
{
	e->saved_wh = e->total_wh;
}

void energy_reset(struct energy_state *e, double total_wh)
{
	e->total_wh = total_wh < 0 ? 0 : total_wh;
	e->saved_wh = e->total_wh;
	e->values[ENERGY_COUNTER] = e->total_wh;
	e->ever_sent[ENERGY_COUNTER] = false;
}

bool energy_publish_due(struct energy_state *e, enum energy_value v)
{
	uint32_t frames = ++e->frames_since_sent[v];

	if (!e->ever_sent[v] || frames >= e->always_frames)
		return true;
	return frames >= e->min_frames &&
	       fabs(e->last_sent[v] - e->values[v]) > energy_descs[v].threshold;
}

void energy_mark_unsent(struct energy_state *e)
{
	memset(e->ever_sent, 0, sizeof(e->ever_sent));
}

void energy_mark_sent(struct energy_state *e, enum energy_value v)
{
	e->last_sent[v] = e->values[v];
	e->frames_since_sent[v] = 0;
	e->ever_sent[v] = true;
}

int energy_format_sensor(const struct energy_state *e, uint64_t epoch_s, bool have_voltage,
			 bool have_current, char *buf, size_t cap)
{
	char num[32], now[24];
	size_t len = 0;
	bool ok;

	buf[0] = '\0';
	/* Without a clock the stamp would say 1970; leave it out and the hub stamps
	 * the reading when it arrives. */
	if (epoch_s) {
		cmd_status_iso_time(epoch_s, now, sizeof(now));
		strutil_appendf(buf, cap, &len, "{\"Time\":\"%sZ\",\"ENERGY\":{", now);
	} else {
		strutil_appendf(buf, cap, &len, "{\"ENERGY\":{");
	}
	strutil_format_truncated(num, sizeof(num), e->values[ENERGY_POWER],
				 energy_descs[ENERGY_POWER].decimals);
	strutil_appendf(buf, cap, &len, "\"Power\":%s,", num);
	if (have_voltage) {
		strutil_format_truncated(num, sizeof(num), e->values[ENERGY_VOLTAGE],
					 energy_descs[ENERGY_VOLTAGE].decimals);
		strutil_appendf(buf, cap, &len, "\"Voltage\":%s,", num);
	}
	if (have_current) {
		strutil_format_truncated(num, sizeof(num), e->values[ENERGY_CURRENT],
					 energy_descs[ENERGY_CURRENT].decimals);
		strutil_appendf(buf, cap, &len, "\"Current\":%s,", num);
	}
	/* The same truncation as energycounter/get, so both name the same value. */
	strutil_format_truncated(num, sizeof(num), e->values[ENERGY_COUNTER],
				 energy_descs[ENERGY_COUNTER].decimals);
	ok = strutil_appendf(buf, cap, &len, "\"ConsumptionTotal\":%s}}", num);
	return ok ? 0 : -ENOSPC;
}
