#ifndef FVLOG_H
#define FVLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "hal.h"

/* "Flash vars" as an append-only log of small records across a few sectors,
 * so the energy counter can be saved every Wh without wearing one sector out
 * (OpenBeken rewrites one EasyFlash blob every 10 Wh). */
struct fvlog_vals {
	uint64_t energy_mwh;
	uint32_t boot_count;
	uint16_t relay_bits; /* remembered relay states for start value -1 */
};

struct fvlog {
	uint32_t base;
	uint32_t sectors;
	uint32_t next_addr;
	uint32_t seq;
	uint32_t appended; /* since load, for tests and wear stats */
	struct fvlog_vals vals;
};

#define FVLOG_RECORD_SIZE 32u

void fvlog_init(struct fvlog *l, uint32_t base, uint32_t sectors);
/* Finds the newest valid record; 0 with zero values if the log is empty. */
int fvlog_load(struct fvlog *l, struct hal *h);
int fvlog_append(struct fvlog *l, struct hal *h, const struct fvlog_vals *v);

#endif
