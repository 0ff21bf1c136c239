#include "ota.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "flash_map.h"
#include "hal_flash.h"
#include "mqtt_link.h"
#include "plug.h"

static void ota_report(struct plug *p, const char *state, int pct, const char *error)
{
	char buf[160];

	if (error) {
		snprintf(buf, sizeof(buf), "{\"state\":\"%s\",\"progress\":%d,\"error\":\"%s\"}",
			 state, pct, error);
	} else {
		snprintf(buf, sizeof(buf), "{\"state\":\"%s\",\"progress\":%d,\"version\":\"%s\"}",
			 state, pct, p->ota.hdr.version);
	}
	mqtt_link_publish(p, "ota", buf, 1, false);
}

static int ota_fail(struct plug *p, int err, const char *why)
{
	struct ota_state *o = &p->ota;

	o->error = why;
	o->phase = OTA_IDLE;
	plug_log(p, "OTA failed: %s", why);
	ota_report(p, "failed", o->last_pct, why);
	return err;
}

int ota_begin(struct plug *p, uint32_t content_length)
{
	struct ota_state *o = &p->ota;

	if (o->phase != OTA_IDLE)
		return -EBUSY;
	memset(o, 0, sizeof(*o));
	if (content_length < OTA_IMAGE_HEADER_SIZE + OTA_IMAGE_SIG_SIZE)
		return ota_fail(p, -EINVAL, "No header found");
	if (content_length > FLASH_MAP_OTA_MAX)
		return ota_fail(p, -EFBIG, "Too large bin");
	o->slot = slots_inactive(&p->slots.t);
	o->slot_addr = slots_addr(o->slot);
	o->erase_len = (content_length + HAL_FLASH_SECTOR_SIZE - 1) & ~(HAL_FLASH_SECTOR_SIZE - 1);
	o->expected = content_length;
	o->phase = OTA_ERASING;
	/* The slot is no longer a valid fallback once we touch it, and must not
	 * look like one after a reset in the middle of the upload. */
	p->slots.t.valid[o->slot] = 0;
	if (slots_save(&p->slots, p->hal)) {
		o->phase = OTA_IDLE;
		return ota_fail(p, -EIO, "Slot table write failed");
	}
	plug_log(p, "OTA: %u bytes into slot %u", (unsigned int)content_length, o->slot);
	ota_report(p, "erasing", 0, NULL);
	return 0;
}

bool ota_active(const struct plug *p)
{
	return p->ota.phase != OTA_IDLE;
}

bool ota_wants_data(const struct plug *p)
{
	return p->ota.phase == OTA_RECEIVING;
}

void ota_tick(struct plug *p)
{
	struct ota_state *o = &p->ota;
	uint32_t n;

	if (o->phase != OTA_ERASING)
		return;
	/* One chunk per loop turn keeps MQTT, HTTP and the watchdog served: the
	 * seed's OTA died erasing the whole slot in one go. */
	n = o->erase_len - o->erase_off;
	if (n > OTA_ERASE_CHUNK)
		n = OTA_ERASE_CHUNK;
	if (hal_flash_erase(p->hal, o->slot_addr + o->erase_off, n)) {
		ota_fail(p, -EIO, "Flash erase failed");
		return;
	}
	o->erase_off += n;
	if (o->erase_off >= o->erase_len) {
		o->phase = OTA_RECEIVING;
		hal_sha256_start(&o->sha_payload);
		hal_sha256_start(&o->sha_signed);
	}
}

static int ota_take_header(struct plug *p)
{
	struct ota_state *o = &p->ota;
	int rc = ota_image_parse(o->head, sizeof(o->head), FLASH_MAP_OTA_MAX, &o->hdr);

	if (rc == -EBADMSG)
		return ota_fail(p, rc, "Invalid header ident");
	if (rc == -EPROTO)
		return ota_fail(p, rc, "Unknown chip family");
	if (rc == -EFBIG)
		return ota_fail(p, rc, "Too large bin");
	if (o->hdr.chip != (uint32_t)p->params->chip)
		return ota_fail(p, -EPROTO, "Wrong chip family");
	if (ota_image_total_size(&o->hdr) != o->expected)
		return ota_fail(p, -EMSGSIZE, "Image size does not match upload size");
	hal_sha256_update(&o->sha_signed, o->head, sizeof(o->head));
	if (hal_flash_write(p->hal, o->slot_addr, o->head, sizeof(o->head)))
		return ota_fail(p, -EIO, "Flash write failed");
	return 0;
}

int ota_write(struct plug *p, const uint8_t *data, size_t len)
{
	struct ota_state *o = &p->ota;
	uint32_t payload_end;

	if (o->phase != OTA_RECEIVING)
		return -EAGAIN;
	if (len > o->expected - o->received)
		return ota_fail(p, -EFBIG, "Too large bin");
	while (len) {
		size_t n;

		if (o->received < OTA_IMAGE_HEADER_SIZE) {
			n = OTA_IMAGE_HEADER_SIZE - o->received;
			n = n < len ? n : len;
			memcpy(o->head + o->received, data, n);
			o->received += (uint32_t)n;
			if (o->received == OTA_IMAGE_HEADER_SIZE && ota_take_header(p))
				return -EBADMSG;
		} else if (o->received <
			   (payload_end = OTA_IMAGE_HEADER_SIZE + o->hdr.payload_size)) {
			n = payload_end - o->received;
			n = n < len ? n : len;
			hal_sha256_update(&o->sha_payload, data, n);
			hal_sha256_update(&o->sha_signed, data, n);
			if (hal_flash_write(p->hal, o->slot_addr + o->received, data, n))
				return ota_fail(p, -EIO, "Flash write failed");
			o->received += (uint32_t)n;
		} else {
			uint32_t off = o->received - payload_end;

			n = OTA_IMAGE_SIG_SIZE - off;
			n = n < len ? n : len;
			memcpy(o->sig + off, data, n);
			if (hal_flash_write(p->hal, o->slot_addr + o->received, data, n))
				return ota_fail(p, -EIO, "Flash write failed");
			o->received += (uint32_t)n;
		}
		data += n;
		len -= n;
	}
	{
		int pct = (int)((uint64_t)o->received * 100 / o->expected);

		if (pct / 10 != o->last_pct / 10 && pct < 100) {
			o->last_pct = pct;
			ota_report(p, "writing", pct, NULL);
		}
	}
	return 0;
}

bool ota_complete(const struct plug *p)
{
	return p->ota.phase == OTA_RECEIVING && p->ota.received == p->ota.expected;
}

int ota_finish(struct plug *p)
{
	struct ota_state *o = &p->ota;
	uint8_t sha[32], signed_hash[32];
	int rc;

	if (!ota_complete(p))
		return ota_fail(p, -EINVAL, "No header found");
	hal_sha256_finish(&o->sha_payload, sha);
	hal_sha256_finish(&o->sha_signed, signed_hash);
	if (memcmp(sha, o->hdr.payload_sha256, sizeof(sha)) != 0)
		return ota_fail(p, -EBADMSG, "SHA256 NOT Correct");
	if (!p->params->ota_pubkey ||
	    !hal_ecdsa_p256_verify(p->params->ota_pubkey, signed_hash, o->sig))
		return ota_fail(p, -EACCES, "Bad signature");
	slots_activate(&p->slots.t, o->slot);
	rc = slots_save(&p->slots, p->hal);
	if (rc == 0)
		rc = hal_flash_boot_slot(p->hal, o->slot, o->expected);
	if (rc < 0)
		return ota_fail(p, rc, "Slot table write failed");
	o->phase = OTA_IDLE;
	o->error = NULL;
	plug_log(p, "OTA: %s verified in slot %u, boots next", o->hdr.version, o->slot);
	ota_report(p, "done", 100, NULL);
	return 0;
}

void ota_abort(struct plug *p, const char *why)
{
	if (p->ota.phase != OTA_IDLE)
		ota_fail(p, -ECANCELED, why);
}

void ota_fail_unstarted(struct plug *p, const char *why)
{
	if (p->ota.phase == OTA_IDLE)
		ota_fail(p, -ECANCELED, why);
}

const char *ota_error(const struct plug *p)
{
	return p->ota.error ? p->ota.error : "";
}

int ota_slot_header(struct plug *p, uint8_t slot, struct ota_image_header *hdr)
{
	uint8_t head[OTA_IMAGE_HEADER_SIZE];
	int rc = hal_flash_read(p->hal, slots_addr(slot), head, sizeof(head));

	if (rc)
		return rc;
	return ota_image_parse(head, sizeof(head), FLASH_MAP_OTA_MAX, hdr);
}
