#ifndef WATCHDOG_H
#define WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#include "hal.h"

#define WATCHDOG_DEFAULT_TIMEOUT_MS 3000u /* BL602 OpenBeken: bl_wdt_init(3000) */
#define WATCHDOG_HEAP_FLOOR_BYTES   16384u
#define WATCHDOG_HEAP_GRACE_MS      5000u

/* The chip watchdog is fed only from the main loop, so a stuck loop (or a
 * stuck driver inside it) resets the plug. The heap guard restarts a plug
 * whose heap stays exhausted, the seed's "HTTP dead, button alive" state. */
struct watchdog_state {
	uint32_t timeout_ms;
	uint64_t low_heap_since_ms;
	bool low_heap;
};

int watchdog_init(struct watchdog_state *w, struct hal *h, uint32_t timeout_ms);
void watchdog_feed(struct watchdog_state *w, struct hal *h);
bool watchdog_heap_exhausted(struct watchdog_state *w, uint32_t free_heap, uint64_t now_ms);

#endif
