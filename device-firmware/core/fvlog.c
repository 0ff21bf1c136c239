#include "fvlog.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "crc.h"
#include "hal_flash.h"

#define FVLOG_MAGIC 0x46564C47u /* "FVLG" */

struct fvlog_record {
	uint32_t magic;
	uint32_t seq;
	uint64_t energy_mwh;
	uint32_t boot_count;
	uint16_t relay_bits;
	uint16_t reserved;
	uint32_t reserved2;
	uint32_t crc; /* over everything before it */
};

_Static_assert(sizeof(struct fvlog_record) == FVLOG_RECORD_SIZE, "record size");
_Static_assert(HAL_FLASH_SECTOR_SIZE % FVLOG_RECORD_SIZE == 0, "records tile a sector");

void fvlog_init(struct fvlog *l, uint32_t base, uint32_t sectors)
{
	memset(l, 0, sizeof(*l));
	l->base = base;
	l->sectors = sectors;
	l->next_addr = base;
}

static bool fvlog_record_valid(const struct fvlog_record *r)
{
	return r->magic == FVLOG_MAGIC && r->crc == crc_32(r, offsetof(struct fvlog_record, crc));
}

int fvlog_load(struct fvlog *l, struct hal *h)
{
	uint32_t end = l->base + l->sectors * HAL_FLASH_SECTOR_SIZE;
	uint32_t best_addr = 0;
	bool found = false;
	struct fvlog_record r;

	memset(&l->vals, 0, sizeof(l->vals));
	l->seq = 0;
	l->next_addr = l->base;
	for (uint32_t a = l->base; a < end; a += FVLOG_RECORD_SIZE) {
		int rc = hal_flash_read(h, a, &r, sizeof(r));

		if (rc)
			return rc;
		if (!fvlog_record_valid(&r))
			continue;
		if (!found || (int32_t)(r.seq - l->seq) > 0) {
			found = true;
			l->seq = r.seq;
			best_addr = a;
			l->vals.energy_mwh = r.energy_mwh;
			l->vals.boot_count = r.boot_count;
			l->vals.relay_bits = r.relay_bits;
		}
	}
	if (found) {
		l->next_addr = best_addr + FVLOG_RECORD_SIZE;
		if (l->next_addr >= end)
			l->next_addr = l->base;
	}
	return 0;
}

int fvlog_append(struct fvlog *l, struct hal *h, const struct fvlog_vals *v)
{
	uint32_t end = l->base + l->sectors * HAL_FLASH_SECTOR_SIZE;
	struct fvlog_record r = {
		.magic = FVLOG_MAGIC,
		.seq = l->seq + 1,
		.energy_mwh = v->energy_mwh,
		.boot_count = v->boot_count,
		.relay_bits = v->relay_bits,
	};
	int rc;

	r.crc = crc_32(&r, offsetof(struct fvlog_record, crc));
	/* Entering a sector: erase it. It holds the oldest records, never the newest. */
	if ((l->next_addr - l->base) % HAL_FLASH_SECTOR_SIZE == 0) {
		rc = hal_flash_erase(h, l->next_addr, HAL_FLASH_SECTOR_SIZE);
		if (rc)
			return rc;
	}
	rc = hal_flash_write(h, l->next_addr, &r, sizeof(r));
	if (rc)
		return rc;
	l->seq = r.seq;
	l->vals = *v;
	l->appended++;
	l->next_addr += FVLOG_RECORD_SIZE;
	if (l->next_addr >= end)
		l->next_addr = l->base;
	return 0;
}
