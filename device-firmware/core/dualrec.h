#ifndef DUALREC_H
#define DUALREC_H

#include <stddef.h>
#include <stdint.h>

#include "hal.h"

/* A small blob kept in two flash sectors; every save goes to the older copy,
 * so a reset during a write leaves the previous version intact. */
struct dualrec {
	uint32_t addr_a;
	uint32_t addr_b;
	uint32_t magic;
	uint32_t seq;   /* of the newest valid copy, 0 if none */
	uint8_t newest; /* 0 = A, 1 = B */
};

/* Returns 0 and fills blob (exactly len bytes), -ENOENT if no valid copy,
 * -EIO on flash errors. */
int dualrec_load(struct dualrec *d, struct hal *h, void *blob, size_t len);
int dualrec_save(struct dualrec *d, struct hal *h, const void *blob, size_t len);

#endif
