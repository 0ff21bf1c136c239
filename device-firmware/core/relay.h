#ifndef RELAY_H
#define RELAY_H

#include <stdbool.h>
#include <stdint.h>

#include "hal.h"

#define RELAY_MAX 4

struct relay_config {
	unsigned int count;
	unsigned int pin[RELAY_MAX];
	unsigned int channel[RELAY_MAX]; /* OpenBeken channel number */
	unsigned int led_pin;            /* follows relay 0 */
	bool led_inverted;
	unsigned int button_pin; /* toggles relay 0 */
};

struct relay_state {
	const struct relay_config *cfg;
	bool on[RELAY_MAX];
	volatile uint32_t button_presses; /* bumped by the button ISR */
	uint32_t presses_seen;
};

/* Start value of a channel: 1 on, 0 off, -1 the remembered state. */
bool relay_start_state(int16_t start_value, bool remembered);
int relay_init(struct relay_state *s, const struct relay_config *cfg, struct hal *h,
	       const int16_t *start_values, uint16_t remembered_bits);
void relay_set(struct relay_state *s, struct hal *h, unsigned int idx, bool on);
/* Index of the relay on an OpenBeken channel, -1 if none. */
int relay_index_of_channel(const struct relay_state *s, unsigned int channel);
uint16_t relay_bits(const struct relay_state *s);
/* Returns the number of button presses since the last call. */
uint32_t relay_take_presses(struct relay_state *s, struct hal *h);

#endif
