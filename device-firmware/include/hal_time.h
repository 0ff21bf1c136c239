#ifndef HAL_TIME_H
#define HAL_TIME_H

#include "hal.h"
#include <stdint.h>

/* Monotonic milliseconds since this plug booted (restarts at 0 on reboot). */
uint64_t hal_time_ms(struct hal *h);

/* Wall clock in seconds since the epoch, 0 if unknown (no NTP yet). */
uint64_t hal_time_epoch_s(struct hal *h);

#endif
