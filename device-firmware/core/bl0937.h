#ifndef BL0937_H
#define BL0937_H

#include <stdbool.h>
#include <stdint.h>

#include "hal.h"

/* OpenBeken's defaults (drv_bl0937.c): value = pulses per second * cal. */
#define BL0937_DEFAULT_CAL_VOLTAGE 0.13253012048f /* V per Hz on CF1, SEL high */
#define BL0937_DEFAULT_CAL_CURRENT 0.0118577075f  /* A per Hz on CF1, SEL low */
#define BL0937_DEFAULT_CAL_POWER   1.5f           /* W per Hz on CF */
#define BL0937_DEFAULT_POWER_MAX_W 3680.0f

struct bl0937_config {
	unsigned int cf_pin;
	unsigned int cf1_pin;
	unsigned int sel_pin;
	bool sel_inverted;
};

struct bl0937_cal {
	float voltage;
	float current;
	float power;
	float power_max_w;
};

struct bl0937_state {
	const struct bl0937_config *cfg;
	volatile uint32_t cf_pulses;  /* bumped by the CF ISR */
	volatile uint32_t cf1_pulses; /* bumped by the CF1 ISR */
	bool sel_high;
	uint64_t window_start_ms;
	/* raw pulse counts of the latest windows, for calibration */
	uint32_t raw_voltage;
	uint32_t raw_current;
	uint32_t raw_power;
	float voltage_v;
	float current_a;
	float power_w;
	bool have_voltage;
	bool have_current;
};

int bl0937_init(struct bl0937_state *s, const struct bl0937_config *cfg, struct hal *h);
/* The once-a-second tick: reads and clears the counters, derives the value
 * of this window, toggles SEL. Returns the window length in ms (0 if none). */
uint32_t bl0937_sample(struct bl0937_state *s, const struct bl0937_cal *cal, struct hal *h);
/* pulses * cal normalised to one second */
float bl0937_scale(uint32_t pulses, float cal, uint32_t elapsed_ms);
/* cal = real / raw pulses of the last window (OpenBeken's Calibrate()). */
int bl0937_calibrate(float real, uint32_t raw, float *cal);

#endif
