#include "backoff.h"

void backoff_init(struct backoff *b, uint32_t min_ms, uint32_t spread_ms, uint32_t cap_ms)
{
	b->min_ms = min_ms;
	b->spread_ms = spread_ms;
	b->cap_ms = cap_ms;
	b->attempt = 0;
}

uint32_t backoff_next_ms(struct backoff *b, uint32_t random)
{
	uint64_t window = b->spread_ms;

	for (uint32_t i = 0; i < b->attempt && window < b->cap_ms; i++)
		window *= 2;
	if (window > b->cap_ms)
		window = b->cap_ms;
	if (b->attempt < 32)
		b->attempt++;
	return b->min_ms + (uint32_t)(random % (window + 1));
}

void backoff_reset(struct backoff *b)
{
	b->attempt = 0;
}
