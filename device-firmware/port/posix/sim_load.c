/* The electrical side of a virtual plug: a load (constant or a CSV profile)
 * behind the relay, turned into BL0937 CF/CF1 pulses through the ISRs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define SIM_LOAD_MAX_POINTS 4096

int sim_load_csv(struct sim *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[128];

	if (!f) {
		perror(path);
		return -1;
	}
	s->load = calloc(SIM_LOAD_MAX_POINTS, sizeof(*s->load));
	if (!s->load) {
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof(line), f) && s->load_points < SIM_LOAD_MAX_POINTS) {
		unsigned int t;
		double w;

		/* "seconds,watts"; anything else (a header) is skipped */
		if (sscanf(line, "%u,%lf", &t, &w) == 2 && w >= 0 && isfinite(w)) {
			s->load[s->load_points].t_s = t;
			s->load[s->load_points].watts = w;
			s->load_points++;
		}
	}
	fclose(f);
	if (s->load_points == 0) {
		fprintf(stderr, "plugsim: %s: no \"seconds,watts\" rows\n", path);
		return -1;
	}
	return 0;
}

double sim_load_watts(struct sim *s, struct hal *h, uint64_t now)
{
	uint32_t period, t;
	double w = h->load_w;

	if (s->load_points && h->load_w == s->opt.power_w) {
		/* Step profile, repeating; each plug starts at its own offset. */
		period = s->load[s->load_points - 1].t_s + 1;
		t = (uint32_t)(((now - s->start_ms) / 1000u + (uint64_t)h->index * 7u) % period);
		for (unsigned int i = 0; i < s->load_points && s->load[i].t_s <= t; i++)
			w = s->load[i].watts;
	}
	return w;
}

static double sim_load_noise(struct hal *h)
{
	h->rng ^= h->rng << 13;
	h->rng ^= h->rng >> 17;
	h->rng ^= h->rng << 5;
	return (double)(h->rng % 20001u) / 10000.0 - 1.0; /* -1..1 */
}

static void sim_load_fire(struct hal *h, unsigned int pin, double *frac, double hz, uint64_t dt)
{
	double n = *frac + hz * (double)dt / 1000.0;
	uint32_t whole = (uint32_t)n;

	*frac = n - whole;
	if (pin >= SIM_PINS || !h->isr[pin])
		return;
	while (whole--)
		h->isr[pin](h->isr_arg[pin]);
}

void sim_load_pulses(struct hal *h, uint64_t now)
{
	const struct bl0937_config *m = &h->params.pins->meter;
	uint64_t dt = now - h->pulses_at_ms;
	double v, w, a, cf1_hz;
	bool sel_high;

	if (dt == 0)
		return;
	h->pulses_at_ms = now;
	if (now - h->noise_at_ms >= 1000) {
		h->noise_at_ms = now;
		h->noise_w = sim_load_noise(h) * h->sim->opt.noise_pct / 100.0;
		h->noise_v = sim_load_noise(h) * 0.4;
	}
	v = h->sim->opt.voltage_v + h->noise_v;
	w = h->pin_level[h->params.pins->relay.pin[0]] ? sim_load_watts(h->sim, h, now) : 0.0;
	w *= 1.0 + h->noise_w;
	a = v > 0 ? w / v : 0;
	/* The chip's transfer functions are OpenBeken's default calibration. */
	sel_high = h->pin_level[m->sel_pin] != m->sel_inverted;
	cf1_hz = sel_high ? v / BL0937_DEFAULT_CAL_VOLTAGE : a / BL0937_DEFAULT_CAL_CURRENT;
	sim_load_fire(h, m->cf_pin, &h->frac_cf, w / BL0937_DEFAULT_CAL_POWER, dt);
	sim_load_fire(h, m->cf1_pin, &h->frac_cf1, cf1_hz, dt);
}
