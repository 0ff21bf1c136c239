#include "dualrec.h"

#include <errno.h>
#include <string.h>

#include "crc.h"
#include "hal_flash.h"

struct dualrec_head {
	uint32_t magic;
	uint32_t seq;
	uint32_t len;
	uint32_t crc;
};

#define DUALREC_MAX (HAL_FLASH_SECTOR_SIZE - sizeof(struct dualrec_head))

static int dualrec_read_copy(struct hal *h, uint32_t addr, uint32_t magic, void *blob, size_t len,
			     uint32_t *seq)
{
	struct dualrec_head head;
	int rc;

	rc = hal_flash_read(h, addr, &head, sizeof(head));
	if (rc)
		return rc;
	if (head.magic != magic || head.len != len || head.seq == 0 || head.seq == UINT32_MAX)
		return -ENOENT;
	rc = hal_flash_read(h, addr + (uint32_t)sizeof(head), blob, len);
	if (rc)
		return rc;
	if (crc_32(blob, len) != head.crc)
		return -ENOENT;
	*seq = head.seq;
	return 0;
}

int dualrec_load(struct dualrec *d, struct hal *h, void *blob, size_t len)
{
	uint32_t seq_a = 0, seq_b = 0;
	int rc_a, rc_b;

	if (len > DUALREC_MAX)
		return -EINVAL;
	d->seq = 0;
	d->newest = 1; /* so the first save goes to A */
	rc_b = dualrec_read_copy(h, d->addr_b, d->magic, blob, len, &seq_b);
	rc_a = dualrec_read_copy(h, d->addr_a, d->magic, blob, len, &seq_a);
	if (rc_a == 0 && (rc_b != 0 || seq_a >= seq_b)) {
		d->seq = seq_a;
		d->newest = 0;
		return 0;
	}
	if (rc_b == 0)
		return dualrec_read_copy(h, d->addr_b, d->magic, blob, len, &d->seq);
	return rc_a == -EIO || rc_b == -EIO ? -EIO : -ENOENT;
}

int dualrec_save(struct dualrec *d, struct hal *h, const void *blob, size_t len)
{
	struct dualrec_head head = {
		.magic = d->magic,
		.seq = d->seq + 1,
		.len = (uint32_t)len,
		.crc = crc_32(blob, len),
	};
	uint32_t addr = d->newest ? d->addr_a : d->addr_b;
	int rc;

	if (len > DUALREC_MAX)
		return -EINVAL;
	rc = hal_flash_erase(h, addr, HAL_FLASH_SECTOR_SIZE);
	if (rc)
		return rc;
	/* Payload first, head last: a torn write leaves no valid head. */
	rc = hal_flash_write(h, addr + (uint32_t)sizeof(head), blob, len);
	if (rc)
		return rc;
	rc = hal_flash_write(h, addr, &head, sizeof(head));
	if (rc)
		return rc;
	d->seq = head.seq;
	d->newest = d->newest ? 0 : 1;
	return 0;
}
