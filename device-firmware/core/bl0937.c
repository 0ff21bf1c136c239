#include "bl0937.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "hal_gpio.h"
#include "hal_time.h"

static void bl0937_isr_cf(void *arg)
{
	struct bl0937_state *s = arg;

	s->cf_pulses++;
}

static void bl0937_isr_cf1(void *arg)
{
	struct bl0937_state *s = arg;

	s->cf1_pulses++;
}

static void bl0937_write_sel(struct bl0937_state *s, struct hal *h)
{
	hal_gpio_write(h, s->cfg->sel_pin, s->sel_high != s->cfg->sel_inverted);
}

int bl0937_init(struct bl0937_state *s, const struct bl0937_config *cfg, struct hal *h)
{
	int rc;

	assert(cfg->cf_pin != cfg->cf1_pin);
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->sel_high = true;
	rc = hal_gpio_config(h, cfg->sel_pin, HAL_GPIO_OUTPUT);
	if (!rc)
		rc = hal_gpio_config(h, cfg->cf_pin, HAL_GPIO_INPUT_PULLUP);
	if (!rc)
		rc = hal_gpio_config(h, cfg->cf1_pin, HAL_GPIO_INPUT_PULLUP);
	if (!rc)
		rc = hal_gpio_irq_attach(h, cfg->cf_pin, HAL_GPIO_EDGE_FALLING, bl0937_isr_cf, s);
	if (!rc)
		rc = hal_gpio_irq_attach(h, cfg->cf1_pin, HAL_GPIO_EDGE_FALLING, bl0937_isr_cf1, s);
	if (rc)
		return rc;
	bl0937_write_sel(s, h);
	s->window_start_ms = hal_time_ms(h);
	return 0;
}

float bl0937_scale(uint32_t pulses, float cal, uint32_t elapsed_ms)
{
	if (elapsed_ms == 0)
		return 0.0f;
	return (float)((double)pulses * cal * 1000.0 / elapsed_ms);
}

uint32_t bl0937_sample(struct bl0937_state *s, const struct bl0937_cal *cal, struct hal *h)
{
	uint64_t now = hal_time_ms(h);
	uint32_t elapsed = (uint32_t)(now - s->window_start_ms);
	uint32_t cf, cf1;
	unsigned int irq;
	float p;

	if (elapsed == 0)
		return 0;
	irq = hal_irq_save(h);
	cf = s->cf_pulses;
	cf1 = s->cf1_pulses;
	s->cf_pulses = 0;
	s->cf1_pulses = 0;
	hal_irq_restore(h, irq);
	s->window_start_ms = now;

	if (s->sel_high) {
		s->raw_voltage = cf1;
		s->voltage_v = bl0937_scale(cf1, cal->voltage, elapsed);
		s->have_voltage = true;
	} else {
		s->raw_current = cf1;
		s->current_a = bl0937_scale(cf1, cal->current, elapsed);
		s->have_current = true;
	}
	s->raw_power = cf;
	p = bl0937_scale(cf, cal->power, elapsed);
	/* A spike above PowerMax is a glitch: keep the previous value. */
	if (p <= cal->power_max_w)
		s->power_w = p;
	s->sel_high = !s->sel_high;
	bl0937_write_sel(s, h);
	return elapsed;
}

int bl0937_calibrate(float real, uint32_t raw, float *cal)
{
	if (real == 0.0f || !isfinite(real))
		return -EINVAL;
	if (raw == 0)
		return -ERANGE; /* "connect load first" */
	*cal = real / (float)raw;
	return 0;
}
