#ifndef HAL_SYS_H
#define HAL_SYS_H

#include "hal.h"
#include <stddef.h>
#include <stdint.h>

/* RAM that survives a software or watchdog reset but not a power cycle
 * (BL602: a .noinit section). Contents are garbage after power-on. */
void *hal_sys_retained(struct hal *h, size_t *len);
/* Resets the chip; does not return on hardware. On the simulator it returns
 * and the port restarts the plug from its flash file on the next loop. */
void hal_sys_reset(struct hal *h);
uint32_t hal_sys_free_heap(struct hal *h);
uint32_t hal_sys_random(struct hal *h);
/* Diagnostic output (UART on hardware, stderr on the simulator). */
void hal_sys_log(struct hal *h, const char *line);

/* Watchdog: resets the chip unless fed within timeout_ms. */
int hal_wdt_start(struct hal *h, uint32_t timeout_ms);
void hal_wdt_feed(struct hal *h);

#endif
