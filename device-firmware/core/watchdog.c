#include "watchdog.h"

#include "hal_sys.h"

int watchdog_init(struct watchdog_state *w, struct hal *h, uint32_t timeout_ms)
{
	w->timeout_ms = timeout_ms ? timeout_ms : WATCHDOG_DEFAULT_TIMEOUT_MS;
	w->low_heap = false;
	w->low_heap_since_ms = 0;
	return hal_wdt_start(h, w->timeout_ms);
}

void watchdog_feed(struct watchdog_state *w, struct hal *h)
{
	(void)w;
	hal_wdt_feed(h);
}

bool watchdog_heap_exhausted(struct watchdog_state *w, uint32_t free_heap, uint64_t now_ms)
{
	if (free_heap >= WATCHDOG_HEAP_FLOOR_BYTES) {
		w->low_heap = false;
		return false;
	}
	if (!w->low_heap) {
		w->low_heap = true;
		w->low_heap_since_ms = now_ms;
	}
	return now_ms - w->low_heap_since_ms >= WATCHDOG_HEAP_GRACE_MS;
}
