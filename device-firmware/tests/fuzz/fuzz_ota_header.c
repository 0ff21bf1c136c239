/* libFuzzer: the OTA image header parser. */
#include <stdint.h>
#include <string.h>

#include "flash_map.h"
#include "ota_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ota_image_header hdr;
	uint8_t again[OTA_IMAGE_HEADER_SIZE];

	if (ota_image_parse(data, size, FLASH_MAP_OTA_MAX, &hdr) != 0)
		return 0;
	/* whatever parses must be within bounds and round-trip */
	if (hdr.payload_size > FLASH_MAP_OTA_MAX ||
	    ota_image_total_size(&hdr) > FLASH_MAP_OTA_MAX ||
	    strlen(hdr.version) > OTA_IMAGE_VERSION_LEN)
		__builtin_trap();
	ota_image_write_header(&hdr, again);
	if (memcmp(again, data, OTA_IMAGE_HEADER_SIZE) != 0)
		__builtin_trap();
	return 0;
}
