/* Compiled inside the SDK tree: selects the firmware slot boot2 starts,
 * with the same calls OpenBeken's hal_ota_bl602.c makes after an upload
 * (hal_boot2_get_active_entries + hal_boot2_update_ptable, which flips the
 * active index and bumps the entry's age). Check the field names against
 * the SDK version you build with. */
#include <stdint.h>

#include <hal_boot2.h>

int bl602_boot2_select_fw(uint8_t slot, uint32_t image_len);

int bl602_boot2_select_fw(uint8_t slot, uint32_t image_len)
{
	HALPartition_Entry_Config entry;

	if (hal_boot2_get_active_entries(BOOT2_PARTITION_TYPE_FW, &entry))
		return -1;
	if (entry.activeIndex == slot)
		return 0; /* already the one boot2 starts */
	if (image_len)
		entry.len = image_len;
	return hal_boot2_update_ptable(&entry) ? -1 : 0;
}
