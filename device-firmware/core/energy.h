#ifndef ENERGY_H
#define ENERGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Save whenever this much energy has accumulated, so a crash loses < 1 Wh. */
#define ENERGY_SAVE_STEP_WH 1.0

enum energy_value {
	ENERGY_VOLTAGE,
	ENERGY_CURRENT,
	ENERGY_POWER,
	ENERGY_POWER_APPARENT,
	ENERGY_POWER_REACTIVE,
	ENERGY_POWER_FACTOR,
	ENERGY_COUNTER,
	ENERGY_VALUE_COUNT,
};

/* OpenBeken's publish table (drv_bl_shared.c datasetlist). */
struct energy_value_desc {
	const char *topic; /* "<T>/<topic>/get" */
	int decimals;
	double threshold;
};

struct energy_state {
	double total_wh;
	double saved_wh;
	double values[ENERGY_VALUE_COUNT];
	double last_sent[ENERGY_VALUE_COUNT];
	uint32_t frames_since_sent[ENERGY_VALUE_COUNT];
	bool ever_sent[ENERGY_VALUE_COUNT];
	uint32_t min_frames;    /* VCPPublishIntervals, default 5 */
	uint32_t always_frames; /* default 60 */
};

const struct energy_value_desc *energy_value_desc(enum energy_value v);
void energy_init(struct energy_state *e, double total_wh);
/* One meter frame: stores V/I/P, derives S/Q/PF and integrates P over dt. */
void energy_update(struct energy_state *e, double voltage_v, double current_a, double power_w,
		   uint32_t dt_ms);
bool energy_save_due(const struct energy_state *e);
void energy_mark_saved(struct energy_state *e);
void energy_reset(struct energy_state *e, double total_wh);
/* Culling: publish when changed past the threshold and at least min_frames
 * passed, or always after always_frames. Counts a frame per call. */
bool energy_publish_due(struct energy_state *e, enum energy_value v);
void energy_mark_sent(struct energy_state *e, enum energy_value v);
/* After a (re)connect: every value goes out at the next frame. */
void energy_mark_unsent(struct energy_state *e);

/* OpenBeken's flag-30 tele SENSOR body (ConsumptionTotal in Wh) with the
 * plug's own UTC stamp ("Time":"...Z"; left out while the clock is unset).
 * It is the durable copy of a reading: a hub that was down gets it
 * redelivered and still knows when the plug measured it. 0 or -ENOSPC. */
int energy_format_sensor(const struct energy_state *e, uint64_t epoch_s, bool have_voltage,
			 bool have_current, char *buf, size_t cap);

#endif
