#include "relay.h"

#include <assert.h>
#include <string.h>

#include "hal_gpio.h"

static void relay_isr_button(void *arg)
{
	struct relay_state *s = arg;

	s->button_presses++;
}

bool relay_start_state(int16_t start_value, bool remembered)
{
	if (start_value == -1)
		return remembered;
	return start_value > 0;
}

int relay_init(struct relay_state *s, const struct relay_config *cfg, struct hal *h,
	       const int16_t *start_values, uint16_t remembered_bits)
{
	int rc;

	assert(cfg->count >= 1 && cfg->count <= RELAY_MAX);
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	for (unsigned int i = 0; i < cfg->count && i < RELAY_MAX; i++) {
		rc = hal_gpio_config(h, cfg->pin[i], HAL_GPIO_OUTPUT);
		if (rc)
			return rc;
	}
	rc = hal_gpio_config(h, cfg->led_pin, HAL_GPIO_OUTPUT);
	if (rc)
		return rc;
	rc = hal_gpio_config(h, cfg->button_pin, HAL_GPIO_INPUT_PULLUP);
	if (rc)
		return rc;
	rc = hal_gpio_irq_attach(h, cfg->button_pin, HAL_GPIO_EDGE_FALLING, relay_isr_button, s);
	if (rc)
		return rc;
	for (unsigned int i = 0; i < cfg->count && i < RELAY_MAX; i++)
		relay_set(s, h, i, relay_start_state(start_values[i], (remembered_bits >> i) & 1u));
	return 0;
}

void relay_set(struct relay_state *s, struct hal *h, unsigned int idx, bool on)
{
	if (idx >= s->cfg->count || idx >= RELAY_MAX)
		return;
	s->on[idx] = on;
	hal_gpio_write(h, s->cfg->pin[idx], on);
	if (idx == 0)
		hal_gpio_write(h, s->cfg->led_pin, on != s->cfg->led_inverted);
}

int relay_index_of_channel(const struct relay_state *s, unsigned int channel)
{
	for (unsigned int i = 0; i < s->cfg->count && i < RELAY_MAX; i++) {
		if (s->cfg->channel[i] == channel)
			return (int)i;
	}
	return -1;
}

uint16_t relay_bits(const struct relay_state *s)
{
	uint16_t bits = 0;

	for (unsigned int i = 0; i < s->cfg->count && i < RELAY_MAX; i++)
		bits |= (uint16_t)(s->on[i] ? 1u << i : 0u);
	return bits;
}

uint32_t relay_take_presses(struct relay_state *s, struct hal *h)
{
	unsigned int irq = hal_irq_save(h);
	uint32_t now = s->button_presses;
	uint32_t n = now - s->presses_seen;

	s->presses_seen = now;
	hal_irq_restore(h, irq);
	return n;
}
