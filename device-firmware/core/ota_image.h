#ifndef OTA_IMAGE_H
#define OTA_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Our signed image:
 *   header (128 bytes, little-endian, below)
 *   payload (payload_size bytes)
 *   signature (64 bytes): ECDSA P-256 r||s over SHA-256(header || payload)
 * The header carries the payload's own SHA-256 as well, so a corrupted
 * transfer is told apart from a forged one. */
#define OTA_IMAGE_MAGIC          "PLUGIMG1"
#define OTA_IMAGE_MAGIC_LEN      8
#define OTA_IMAGE_HEADER_SIZE    128u
#define OTA_IMAGE_SIG_SIZE       64u
#define OTA_IMAGE_VERSION_LEN    32u
#define OTA_IMAGE_HEADER_VERSION 1u

enum ota_image_chip {
	OTA_CHIP_UNKNOWN = 0,
	OTA_CHIP_BL602 = 1,
	OTA_CHIP_BK7231T = 2,
	OTA_CHIP_BK7231N = 3,
	OTA_CHIP_BK7238 = 4,
	OTA_CHIP_LN882H = 5,
	OTA_CHIP_COUNT,
};

struct ota_image_header {
	uint32_t header_version;
	uint32_t chip;
	uint32_t payload_size;
	uint32_t flags;
	char version[OTA_IMAGE_VERSION_LEN + 1]; /* NUL-terminated copy */
	uint8_t payload_sha256[32];
};

/* Parses and checks the header alone: magic, header version, known chip,
 * printable NUL-padded version, reserved bytes zero, and that the whole
 * image fits max_image bytes. Returns 0 or -EBADMSG / -EFBIG / -EPROTO. */
int ota_image_parse(const uint8_t *buf, size_t len, uint32_t max_image,
		    struct ota_image_header *out);
void ota_image_write_header(const struct ota_image_header *hdr, uint8_t out[OTA_IMAGE_HEADER_SIZE]);
uint32_t ota_image_total_size(const struct ota_image_header *hdr);
const char *ota_image_chip_name(uint32_t chip);
enum ota_image_chip ota_image_chip_from_name(const char *name);

#endif
