#ifndef OTA_H
#define OTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal_crypto.h"
#include "ota_image.h"

#define OTA_ERASE_CHUNK 0x10000u /* 64 KiB per main-loop turn */

enum ota_phase {
	OTA_IDLE,
	OTA_ERASING,
	OTA_RECEIVING,
};

struct ota_state {
	enum ota_phase phase;
	uint8_t slot;
	uint32_t slot_addr;
	uint32_t erase_off;
	uint32_t erase_len;
	uint32_t expected; /* Content-Length */
	uint32_t received;
	uint8_t head[OTA_IMAGE_HEADER_SIZE];
	struct ota_image_header hdr;
	struct hal_sha256 sha_payload;
	struct hal_sha256 sha_signed;
	uint8_t sig[OTA_IMAGE_SIG_SIZE];
	int last_pct;
	const char *error;
};

struct plug;

/* Starts an upload of content_length bytes into the inactive slot; the slot
 * is erased chunk by chunk from ota_tick() before any data is taken. */
int ota_begin(struct plug *p, uint32_t content_length);
bool ota_active(const struct plug *p);
bool ota_wants_data(const struct plug *p);
void ota_tick(struct plug *p);
/* Takes the next bytes; returns 0 or -errno with ota_error() set. */
int ota_write(struct plug *p, const uint8_t *data, size_t len);
bool ota_complete(const struct plug *p);
/* Verifies SHA-256 and signature, then marks the slot bootable (on trial). */
int ota_finish(struct plug *p);
void ota_abort(struct plug *p, const char *why);
/* A download (ota_http) that failed before ota_begin: reported like an
 * upload that failed. why must outlive the call (ota_error returns it). */
void ota_fail_unstarted(struct plug *p, const char *why);
const char *ota_error(const struct plug *p);
/* Reads the header of a slot: the version a boot of that slot reports. */
int ota_slot_header(struct plug *p, uint8_t slot, struct ota_image_header *hdr);

#endif
