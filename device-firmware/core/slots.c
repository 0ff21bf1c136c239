#include "slots.h"

#include <errno.h>
#include <string.h>

#include "flash_map.h"

#define SLOTS_MAGIC 0x534C4F54u /* "SLOT" */

int slots_load(struct slots *s, struct hal *h)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->store.addr_a = FLASH_MAP_SLOTS_A;
	s->store.addr_b = FLASH_MAP_SLOTS_B;
	s->store.magic = SLOTS_MAGIC;
	rc = dualrec_load(&s->store, h, &s->t, sizeof(s->t));
	if (rc == 0 && (s->t.active > 1 || s->t.previous > 1))
		rc = -ENOENT;
	if (rc) {
		/* Factory state: slot 0 runs, nothing to roll back to. */
		memset(&s->t, 0, sizeof(s->t));
		s->t.valid[0] = 1;
	}
	return rc == -ENOENT ? 0 : rc;
}

int slots_save(struct slots *s, struct hal *h)
{
	return dualrec_save(&s->store, h, &s->t, sizeof(s->t));
}

enum slots_boot slots_boot(struct slots_table *t)
{
	if (!t->trial)
		return SLOTS_BOOT_NORMAL;
	if (t->trial_boots >= 1 && t->valid[t->previous]) {
		t->valid[t->active] = 0;
		t->active = t->previous;
		t->trial = 0;
		t->trial_boots = 0;
		return SLOTS_BOOT_ROLLED_BACK;
	}
	t->trial_boots++;
	return SLOTS_BOOT_TRIAL;
}

void slots_confirm(struct slots_table *t)
{
	t->trial = 0;
	t->trial_boots = 0;
}

void slots_activate(struct slots_table *t, uint8_t slot)
{
	t->previous = t->active;
	t->active = slot & 1u;
	t->valid[t->active] = 1;
	t->trial = 1;
	t->trial_boots = 0;
	t->ota_count++;
}

uint8_t slots_inactive(const struct slots_table *t)
{
	return t->active ? 0 : 1;
}

uint32_t slots_addr(uint8_t slot)
{
	return slot ? FLASH_MAP_SLOT1 : FLASH_MAP_SLOT0;
}

uint32_t slots_size(uint8_t slot)
{
	return slot ? FLASH_MAP_SLOT1_SIZE : FLASH_MAP_SLOT0_SIZE;
}
