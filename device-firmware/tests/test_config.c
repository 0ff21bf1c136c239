/* The config blob: round trip, bad CRC falls back, provisioning rules. */
#include <errno.h>
#include <string.h>

#include "config.h"
#include "dualrec.h"
#include "flash_map.h"
#include "hal_flash.h"
#include "testkit.h"

static void round_trip_keeps_newest_copy(void)
{
	struct hal h;
	struct dualrec d;
	struct config c, back;

	fake_hal_init(&h);
	config_store_init(&d);
	CHECK(config_load(&d, &h, &c) == -ENOENT);
	strcpy(c.mqtt.host, "first");
	CHECK(config_save(&d, &h, &c) == 0);
	strcpy(c.mqtt.host, "second");
	CHECK(config_save(&d, &h, &c) == 0);
	config_store_init(&d);
	CHECK(config_load(&d, &h, &back) == 0);
	CHECK_STR(back.mqtt.host, "second");
	fake_hal_free(&h);
}

static void bad_crc_falls_back_to_previous_then_defaults(void)
{
	struct hal h;
	struct dualrec d;
	struct config c, back;
	uint8_t zero = 0;

	fake_hal_init(&h);
	config_store_init(&d);
	config_load(&d, &h, &c);
	strcpy(c.mqtt.host, "old");
	config_save(&d, &h, &c); /* A */
	strcpy(c.mqtt.host, "new");
	config_save(&d, &h, &c); /* B */
	/* flip bits in B's payload */
	hal_flash_write(&h, FLASH_MAP_CONFIG_B + 20, &zero, 1);
	config_store_init(&d);
	CHECK(config_load(&d, &h, &back) == 0);
	CHECK_STR(back.mqtt.host, "old");
	hal_flash_write(&h, FLASH_MAP_CONFIG_A + 20, &zero, 1);
	config_store_init(&d);
	CHECK(config_load(&d, &h, &back) == -ENOENT);
	CHECK_STR(back.mqtt.user, "homeassistant"); /* defaults */
	CHECK(back.mqtt.host[0] == '\0');
	fake_hal_free(&h);
}

static void hub_credentials_persist_and_trigger_one_reconnect(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	int connects;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.cfg.mqtt.user, "boot");
	testkit_connect(&p, &h);
	connects = h.mqtt_connects;
	testkit_msg(&p, "cmnd/obk_test/backlog",
		    "MqttUser plug7; MqttPassword s3cret; MqttHost localhost");
	CHECK_STR(p.cfg.mqtt.user, "plug7");
	CHECK_STR(p.cfg.mqtt.password, "s3cret");
	CHECK_STR(p.cfg.mqtt.host, "localhost");
	testkit_run(&p, &h, 1500);
	CHECK(h.mqtt_connects == connects + 1);
	CHECK_STR(h.mqtt_user, "plug7");
	CHECK_STR(h.mqtt_host, "localhost");
	/* survives reboot; same bootstrap, so the hub's values win */
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.cfg.mqtt.user, "plug7");
	/* re-provisioned with another broker: bootstrap values win */
	pp.bootstrap.port = 1884;
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.cfg.mqtt.user, "boot");
	CHECK(p.cfg.mqtt.port == 1884);
	fake_hal_free(&h);
}

static void oversized_setting_is_refused(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	char big[200];

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	testkit_msg(&p, "cmnd/obk_test/MqttUser", big);
	CHECK_STR(p.cfg.mqtt.user, "boot");
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(round_trip_keeps_newest_copy);
	TESTKIT_RUN(bad_crc_falls_back_to_previous_then_defaults);
	TESTKIT_RUN(hub_credentials_persist_and_trigger_one_reconnect);
	TESTKIT_RUN(oversized_setting_is_refused);
	return testkit_exit();
}
