/* OTA: a signed image lands in the inactive slot and boots on trial; bad
 * signature, wrong chip, oversize, truncated and corrupted images are refused
 * and the running slot stays; an image that never reaches MQTT rolls back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http_srv.h"
#include "ota_pubkey.h"
#include "testkit.h"

static char tmpdir[64];

static uint8_t *make_image(const char *chip, const char *version, size_t payload, size_t *len)
{
	return testkit_signed_image(MKIMAGE_PATH, OTA_KEY_DIR, tmpdir, chip, version, payload, 31, 7, len);
}

/* POSTs buf (send_len of it, announcing content_length) to /api/ota the way
 * the port does: bytes it cannot take yet are offered again after a poll. */
static void post_ota(struct plug *p, struct hal *h, const uint8_t *buf, size_t send_len,
		     size_t content_length, bool close_early)
{
	struct http_srv_conn c;
	char head[128];
	size_t off = 0;
	int n;

	h->http_out_len = 0;
	h->http_out[0] = '\0';
	h->http_finished = false;
	http_srv_conn_open(&c, 0);
	n = snprintf(head, sizeof(head), "POST /api/ota HTTP/1.1\r\nContent-Length: %zu\r\n\r\n",
		     content_length);
	CHECK(http_srv_feed(p, &c, (const uint8_t *)head, (size_t)n) == (size_t)n);
	for (int guard = 0; off < send_len && guard < 100000 && c.phase != HTTP_SRV_DONE; guard++) {
		size_t chunk = send_len - off < 1400 ? send_len - off : 1400;
		size_t used = http_srv_feed(p, &c, buf + off, chunk);

		off += used;
		if (used == 0) {
			h->now_ms += 1;
			plug_poll(p);
		}
	}
	if (close_early)
		http_srv_conn_closed(p, &c);
}

static void boot_fresh(struct plug *p, struct hal *h, struct plug_params *pp)
{
	fake_hal_init(h);
	testkit_params(pp);
	pp->ota_pubkey = ota_pubkey_sec1;
	CHECK(testkit_boot(p, h, pp) == 0);
	testkit_connect(p, h);
}

static void good_image_boots_on_trial_and_is_confirmed(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("BL602", "2.0.0", 200000, &len);

	CHECK(img != NULL);
	boot_fresh(&p, &h, &pp);
	post_ota(&p, &h, img, len, len, false);
	CHECK(strstr(h.http_out, "HTTP/1.1 200 OK\n") != NULL);
	CHECK(strstr(h.http_out, "{\"size\":") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/ota") != NULL);
	CHECK(strstr(fake_hal_find_pub(&h, "obk_test/ota")->payload, "\"done\"") != NULL);
	CHECK(p.slots.t.active == 1 && p.slots.t.trial == 1);
	CHECK(h.boot_slot == 1);
	CHECK_STR(p.version, "1.0.0"); /* no reboot yet, like OpenBeken */
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "2.0.0");
	CHECK(p.slots_boot == SLOTS_BOOT_TRIAL);
	testkit_connect(&p, &h);
	CHECK(p.slots.t.trial == 0);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.slots_boot == SLOTS_BOOT_NORMAL);
	CHECK_STR(p.version, "2.0.0");
	/* a second update goes to the other slot, 0 */
	free(img);
	img = make_image("BL602", "3.0.0", 1000, &len);
	testkit_connect(&p, &h);
	post_ota(&p, &h, img, len, len, false);
	CHECK(p.slots.t.active == 0);
	free(img);
	fake_hal_free(&h);
}

static void refused(const char *what, uint8_t *img, size_t send_len, size_t content_length,
		    bool close_early, const char *error)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	boot_fresh(&p, &h, &pp);
	post_ota(&p, &h, img, send_len, content_length, close_early);
	if (!close_early) {
		CHECK(strstr(h.http_out, "HTTP/1.1 -20 OK\n") != NULL);
		if (!strstr(h.http_out, error))
			fprintf(stderr, "%s: got %s\n", what, h.http_out);
		CHECK(strstr(h.http_out, error) != NULL);
	}
	CHECK(p.slots.t.active == 0 && p.slots.t.trial == 0);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "1.0.0");
	CHECK(p.slots.t.active == 0);
	fake_hal_free(&h);
}

static void bad_images_are_refused_and_running_slot_kept(void)
{
	size_t len;
	uint8_t *img = make_image("BL602", "2.0.0", 5000, &len);

	img[len - 5] ^= 0x01;
	refused("signature", img, len, len, false, "Bad signature");
	img[len - 5] ^= 0x01;
	img[200] ^= 0x40;
	refused("payload", img, len, len, false, "SHA256 NOT Correct");
	img[200] ^= 0x40;
	img[0] = 'X';
	refused("magic", img, len, len, false, "Invalid header ident");
	img[0] = 'P';
	refused("truncated", img, len / 2, len, true, "");
	refused("short", img, len - 10, len - 10, false, "Image size does not match");
	free(img);
	img = make_image("BK7231N", "2.0.0", 5000, &len);
	refused("chip", img, len, len, false, "Wrong chip family");
	free(img);
	img = make_image("BL602", "2.0.0", 0x88000, &len);
	refused("oversize", img, len, len, false, "Too large bin");
	free(img);
}

static void flash_write_failure_keeps_running_slot(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("BL602", "2.0.0", 5000, &len);

	boot_fresh(&p, &h, &pp);
	h.fail_flash_writes = true;
	post_ota(&p, &h, img, len, len, false);
	h.fail_flash_writes = false;
	CHECK(strstr(h.http_out, "Flash write failed") != NULL);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "1.0.0");
	free(img);
	fake_hal_free(&h);
}

static void image_that_never_reaches_mqtt_rolls_back(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("BL602", "2.0.0", 3000, &len);

	boot_fresh(&p, &h, &pp);
	post_ota(&p, &h, img, len, len, false);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "2.0.0");
	h.link_up = false; /* the new image cannot connect */
	testkit_run(&p, &h, (pp.mqtt_boot_grace_s + 2) * 1000u);
	CHECK(h.reset_requested);
	h.link_up = true;
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.slots_boot == SLOTS_BOOT_ROLLED_BACK);
	CHECK_STR(p.version, "1.0.0");
	CHECK(p.slots.t.active == 0 && p.slots.t.trial == 0);
	free(img);
	fake_hal_free(&h);
}

static void header_parser_rejects_garbage(void)
{
	struct ota_image_header hdr;
	uint8_t buf[OTA_IMAGE_HEADER_SIZE];

	memset(&hdr, 0, sizeof(hdr));
	hdr.header_version = OTA_IMAGE_HEADER_VERSION;
	hdr.chip = OTA_CHIP_BL602;
	hdr.payload_size = 100;
	strcpy(hdr.version, "1.2.3");
	ota_image_write_header(&hdr, buf);
	CHECK(ota_image_parse(buf, sizeof(buf), 0x88000, &hdr) == 0);
	CHECK(ota_image_parse(buf, sizeof(buf) - 1, 0x88000, &hdr) == -EBADMSG);
	buf[100] = 1; /* reserved */
	CHECK(ota_image_parse(buf, sizeof(buf), 0x88000, &hdr) == -EBADMSG);
	buf[100] = 0;
	buf[24 + 5] = 'x'; /* version not NUL-padded after its end */
	buf[24 + 7] = 'y';
	buf[24 + 6] = 0;
	CHECK(ota_image_parse(buf, sizeof(buf), 0x88000, &hdr) == -EBADMSG);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_ota.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	TESTKIT_RUN(header_parser_rejects_garbage);
	TESTKIT_RUN(good_image_boots_on_trial_and_is_confirmed);
	TESTKIT_RUN(bad_images_are_refused_and_running_slot_kept);
	TESTKIT_RUN(flash_write_failure_keeps_running_slot);
	TESTKIT_RUN(image_that_never_reaches_mqtt_rolls_back);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			return 1;
	}
	return testkit_exit();
}
