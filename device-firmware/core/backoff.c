#include "backoff.h"

void backoff_init(struct backoff *b, uint32_t min_ms, uint32_t cap_ms)
{
	b->min_ms = min_ms;
	b->cap_ms = cap_ms < min_ms ? min_ms : cap_ms;
	b->attempt = 0;
}

uint32_t backoff_next_ms(struct backoff *b, uint32_t random)
{
	uint64_t hi = b->min_ms;

	for (uint32_t i = 0; i < b->attempt && hi < b->cap_ms; i++)
		hi *= 2;
	if (hi > b->cap_ms)
		hi = b->cap_ms;
	if (b->attempt < 32)
		b->attempt++;
	return b->min_ms + (uint32_t)(random % (uint32_t)(hi - b->min_ms + 1));
}

void backoff_reset(struct backoff *b)
{
	b->attempt = 0;
}
