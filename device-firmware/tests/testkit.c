#include "testkit.h"

#include <string.h>

#include "mqtt_link.h"
#include "ota_image.h"

int testkit_failures;

void testkit_params(struct plug_params *pp)
{
	memset(pp, 0, sizeof(*pp));
	snprintf(pp->topic, sizeof(pp->topic), "obk_test");
	snprintf(pp->group, sizeof(pp->group), "bl602s");
	snprintf(pp->chip_name, sizeof(pp->chip_name), "BL602");
	pp->chip = OTA_CHIP_BL602;
	snprintf(pp->factory_version, sizeof(pp->factory_version), "1.0.0");
	snprintf(pp->bootstrap.host, sizeof(pp->bootstrap.host), "127.0.0.1");
	pp->bootstrap.port = 1883;
	snprintf(pp->bootstrap.user, sizeof(pp->bootstrap.user), "boot");
	snprintf(pp->bootstrap.password, sizeof(pp->bootstrap.password), "secret");
	pp->pins = pins_default();
	pp->publish_min_frames = 5;
	pp->watchdog_timeout_ms = 3000;
	pp->mqtt_boot_grace_s = 30;
	pp->broadcast_interval_s = 60;
	pp->http_port = 8080;
}

int testkit_boot(struct plug *p, struct hal *h, const struct plug_params *pp)
{
	h->reset_requested = false;
	h->mqtt_connect_called = false;
	memset(h->isr, 0, sizeof(h->isr));
	return plug_boot(p, h, pp);
}

void testkit_run(struct plug *p, struct hal *h, uint64_t ms)
{
	for (uint64_t t = 0; t < ms && !h->reset_requested; t += 50) {
		h->now_ms += 50;
		plug_poll(p);
	}
}

void testkit_connect(struct plug *p, struct hal *h)
{
	for (int i = 0; i < 200 && !h->mqtt_connect_called; i++)
		testkit_run(p, h, 50);
	mqtt_link_on_connack(p, 0);
}

void testkit_msg(struct plug *p, const char *topic, const char *payload)
{
	mqtt_link_on_message(p, topic, strlen(topic), (const uint8_t *)payload, strlen(payload));
}

int testkit_exit(void)
{
	if (testkit_failures)
		fprintf(stderr, "%d check(s) failed\n", testkit_failures);
	return testkit_failures ? 1 : 0;
}

uint8_t *testkit_signed_image(const char *mkimage, const char *key_dir, const char *dir,
			      const char *chip, const char *version, size_t payload, unsigned int mul,
			      unsigned int add, size_t *len)
{
	char in[128], out[128], cmd[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(in, sizeof(in), "%s/payload.bin", dir);
	snprintf(out, sizeof(out), "%s/image.img", dir);
	f = fopen(in, "wb");
	if (!f)
		return NULL;
	for (size_t i = 0; i < payload; i++)
		fputc((int)(i * mul + add) & 0xFF, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "%s --key %s/dev-ota-key.pem --chip %s --version %s --in %s --out %s >/dev/null",
		 mkimage, key_dir, chip, version, in, out);
	if (system(cmd) != 0)
		return NULL;
	f = fopen(out, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}
