#ifndef BACKOFF_H
#define BACKOFF_H

#include <stdint.h>

/* Exponential back-off with full jitter: attempt n waits a random time in
 * [min_ms, min_ms + min(cap_ms, spread_ms * 2^n)]. The first window is
 * already several seconds wide, so a fleet that lost its broker comes back
 * spread out instead of in the same second. */
struct backoff {
	uint32_t min_ms;
	uint32_t spread_ms;
	uint32_t cap_ms;
	uint32_t attempt;
};

void backoff_init(struct backoff *b, uint32_t min_ms, uint32_t spread_ms, uint32_t cap_ms);
uint32_t backoff_next_ms(struct backoff *b, uint32_t random);
void backoff_reset(struct backoff *b);

#endif
