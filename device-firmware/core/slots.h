#ifndef SLOTS_H
#define SLOTS_H

#include <stdbool.h>
#include <stdint.h>

#include "dualrec.h"
#include "hal.h"

/* The A/B slot table (boot2's partition table on the BL602). */
struct slots_table {
	uint8_t active;
	uint8_t previous;
	uint8_t trial;       /* active slot not yet confirmed by an MQTT connect */
	uint8_t trial_boots; /* boots into the unconfirmed slot so far */
	uint8_t valid[2];    /* slot holds a verified image */
	uint16_t reserved;
	uint32_t ota_count;
};

enum slots_boot {
	SLOTS_BOOT_NORMAL,
	SLOTS_BOOT_TRIAL,       /* first boot of a new image: confirm or roll back */
	SLOTS_BOOT_ROLLED_BACK, /* the new image failed; back on the previous one */
};

struct slots {
	struct dualrec store;
	struct slots_table t;
};

int slots_load(struct slots *s, struct hal *h);
int slots_save(struct slots *s, struct hal *h);
/* Decides what to boot and updates the table (caller saves). */
enum slots_boot slots_boot(struct slots_table *t);
void slots_confirm(struct slots_table *t);
/* After verification: boot the slot next time, on trial. */
void slots_activate(struct slots_table *t, uint8_t slot);
uint8_t slots_inactive(const struct slots_table *t);
uint32_t slots_addr(uint8_t slot);
uint32_t slots_size(uint8_t slot);

#endif
