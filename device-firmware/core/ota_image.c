#include "ota_image.h"

#include <errno.h>
#include <string.h>

/* Header layout (offsets):
 *   0 magic[8]  8 header_version  12 chip  16 payload_size  20 flags
 *  24 version[32] NUL-padded  56 payload_sha256[32]  88 reserved[40] = 0 */
#define OTA_OFF_HDR_VERSION  8
#define OTA_OFF_CHIP         12
#define OTA_OFF_PAYLOAD_SIZE 16
#define OTA_OFF_FLAGS        20
#define OTA_OFF_VERSION      24
#define OTA_OFF_SHA          56
#define OTA_OFF_RESERVED     88

static const char *const ota_chip_names[OTA_CHIP_COUNT] = {
	[OTA_CHIP_UNKNOWN] = "unknown", [OTA_CHIP_BL602] = "BL602",
	[OTA_CHIP_BK7231T] = "BK7231T", [OTA_CHIP_BK7231N] = "BK7231N",
	[OTA_CHIP_BK7238] = "BK7238",   [OTA_CHIP_LN882H] = "LN882H",
};

static size_t ota_nlen(const uint8_t *s, size_t max)
{
	const uint8_t *z = memchr(s, 0, max);

	return z ? (size_t)(z - s) : max;
}

static uint32_t ota_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void ota_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

uint32_t ota_image_total_size(const struct ota_image_header *hdr)
{
	return OTA_IMAGE_HEADER_SIZE + hdr->payload_size + OTA_IMAGE_SIG_SIZE;
}

int ota_image_parse(const uint8_t *buf, size_t len, uint32_t max_image,
		    struct ota_image_header *out)
{
	const uint8_t *ver = buf + OTA_OFF_VERSION;
	size_t ver_len;

	if (len < OTA_IMAGE_HEADER_SIZE || memcmp(buf, OTA_IMAGE_MAGIC, OTA_IMAGE_MAGIC_LEN) != 0)
		return -EBADMSG;
	memset(out, 0, sizeof(*out));
	out->header_version = ota_get_le32(buf + OTA_OFF_HDR_VERSION);
	out->chip = ota_get_le32(buf + OTA_OFF_CHIP);
	out->payload_size = ota_get_le32(buf + OTA_OFF_PAYLOAD_SIZE);
	out->flags = ota_get_le32(buf + OTA_OFF_FLAGS);
	if (out->header_version != OTA_IMAGE_HEADER_VERSION || out->flags != 0)
		return -EBADMSG;
	for (size_t i = OTA_OFF_RESERVED; i < OTA_IMAGE_HEADER_SIZE; i++) {
		if (buf[i] != 0)
			return -EBADMSG;
	}
	ver_len = ota_nlen(ver, OTA_IMAGE_VERSION_LEN);
	if (ver_len == 0)
		return -EBADMSG;
	for (size_t i = 0; i < OTA_IMAGE_VERSION_LEN; i++) {
		if (i < ver_len ? (ver[i] < 0x21 || ver[i] > 0x7E) : ver[i] != 0)
			return -EBADMSG;
	}
	memcpy(out->version, ver, ver_len);
	memcpy(out->payload_sha256, buf + OTA_OFF_SHA, 32);
	if (out->chip == OTA_CHIP_UNKNOWN || out->chip >= OTA_CHIP_COUNT)
		return -EPROTO;
	if (out->payload_size == 0 || out->payload_size > max_image ||
	    ota_image_total_size(out) > max_image)
		return -EFBIG;
	return 0;
}

void ota_image_write_header(const struct ota_image_header *hdr, uint8_t out[OTA_IMAGE_HEADER_SIZE])
{
	memset(out, 0, OTA_IMAGE_HEADER_SIZE);
	memcpy(out, OTA_IMAGE_MAGIC, OTA_IMAGE_MAGIC_LEN); /* NOLINT: no NUL in the image */
	ota_put_le32(out + OTA_OFF_HDR_VERSION, hdr->header_version);
	ota_put_le32(out + OTA_OFF_CHIP, hdr->chip);
	ota_put_le32(out + OTA_OFF_PAYLOAD_SIZE, hdr->payload_size);
	ota_put_le32(out + OTA_OFF_FLAGS, hdr->flags);
	memcpy(out + OTA_OFF_VERSION, hdr->version,
	       ota_nlen((const uint8_t *)hdr->version, OTA_IMAGE_VERSION_LEN));
	memcpy(out + OTA_OFF_SHA, hdr->payload_sha256, 32);
}

const char *ota_image_chip_name(uint32_t chip)
{
	return chip < OTA_CHIP_COUNT ? ota_chip_names[chip] : "unknown";
}

enum ota_image_chip ota_image_chip_from_name(const char *name)
{
	for (uint32_t c = 1; c < OTA_CHIP_COUNT; c++) {
		if (strcmp(ota_chip_names[c], name) == 0)
			return (enum ota_image_chip)c;
	}
	return OTA_CHIP_UNKNOWN;
}
