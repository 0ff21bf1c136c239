#ifndef HAL_FLASH_H
#define HAL_FLASH_H

#include "hal.h"
#include <stddef.h>
#include <stdint.h>

#define HAL_FLASH_SECTOR_SIZE 4096u

/* NOR semantics: erase sets bytes to 0xFF, write can only clear bits.
 * All functions return 0 or -errno (-EINVAL outside the device, -EIO on failure). */
int hal_flash_read(struct hal *h, uint32_t addr, void *buf, size_t len);
int hal_flash_write(struct hal *h, uint32_t addr, const void *buf, size_t len);
/* addr and len are multiples of HAL_FLASH_SECTOR_SIZE */
int hal_flash_erase(struct hal *h, uint32_t addr, size_t len);
/* Tells the boot loader to start firmware slot `slot` (image_len bytes)
 * from the next reset on (BL602: boot2's partition table). Returns 1 if the
 * running image only changes with a reset, 0 if the port switches by itself
 * (the simulator reports the version of the slot table's active slot), or
 * -errno. */
int hal_flash_boot_slot(struct hal *h, uint8_t slot, uint32_t image_len);

#endif
