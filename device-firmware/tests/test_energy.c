/* Energy integration, the wear-aware log, and persistence across reboots. */
#include <stdio.h>
#include <string.h>

#include "energy.h"
#include "flash_map.h"
#include "fvlog.h"
#include "hal_flash.h"
#include "testkit.h"

static void integrates_power_over_time(void)
{
	struct energy_state e;

	energy_init(&e, 0);
	for (int i = 0; i < 3600; i++)
		energy_update(&e, 230, 0.26, 60, 1000);
	CHECK_NEAR(e.total_wh, 60.0, 1e-6);
	CHECK_NEAR(e.values[ENERGY_POWER_APPARENT], 59.8, 1e-6);
	CHECK_NEAR(e.values[ENERGY_POWER_REACTIVE], 0.0, 1e-9); /* S < P: clamps to 0 */
	energy_update(&e, 230, 0.5, 100, 1000);
	CHECK_NEAR(e.values[ENERGY_POWER_FACTOR], 100.0 / 115.0, 1e-6);
}

static void save_is_due_every_wh(void)
{
	struct energy_state e;

	energy_init(&e, 10.0);
	energy_update(&e, 230, 1, 3599, 1000); /* 0.9997 Wh */
	CHECK(!energy_save_due(&e));
	energy_update(&e, 230, 1, 10, 1000);
	CHECK(energy_save_due(&e));
	energy_mark_saved(&e);
	CHECK(!energy_save_due(&e));
}

static void publish_culling_like_openbeken(void)
{
	struct energy_state e;
	int sent = 0;

	energy_init(&e, 0);
	energy_update(&e, 230, 0.26, 60, 1000);
	CHECK(energy_publish_due(&e, ENERGY_POWER)); /* never sent */
	energy_mark_sent(&e, ENERGY_POWER);
	/* unchanged: only the forced publish after 60 frames */
	for (int i = 0; i < 120; i++) {
		if (energy_publish_due(&e, ENERGY_POWER)) {
			sent++;
			energy_mark_sent(&e, ENERGY_POWER);
		}
	}
	CHECK(sent == 2);
	/* changed by more than 0.25 W: after 5 frames */
	energy_update(&e, 230, 0.26, 61, 1000);
	CHECK(!energy_publish_due(&e, ENERGY_POWER));
	for (int i = 0; i < 3; i++)
		CHECK(!energy_publish_due(&e, ENERGY_POWER));
	CHECK(energy_publish_due(&e, ENERGY_POWER));
}

static void fvlog_finds_newest_record_across_sectors(void)
{
	struct hal h;
	struct fvlog l;
	struct fvlog_vals v = {0};

	fake_hal_init(&h);
	fvlog_init(&l, FLASH_MAP_FVLOG, FLASH_MAP_FVLOG_SECTORS);
	CHECK(fvlog_load(&l, &h) == 0);
	CHECK(l.vals.energy_mwh == 0);
	/* more records than fit: the log wraps and erases the oldest sector */
	for (int i = 1; i <= 1000; i++) {
		v.energy_mwh = (uint64_t)i * 1000;
		v.boot_count = 7;
		CHECK(fvlog_append(&l, &h, &v) == 0);
	}
	fvlog_init(&l, FLASH_MAP_FVLOG, FLASH_MAP_FVLOG_SECTORS);
	CHECK(fvlog_load(&l, &h) == 0);
	CHECK(l.vals.energy_mwh == 1000000);
	CHECK(l.vals.boot_count == 7);
	fake_hal_free(&h);
}

static void fvlog_ignores_torn_record(void)
{
	struct hal h;
	struct fvlog l;
	struct fvlog_vals v = {.energy_mwh = 5000};
	uint8_t junk[FVLOG_RECORD_SIZE];

	fake_hal_init(&h);
	fvlog_init(&l, FLASH_MAP_FVLOG, FLASH_MAP_FVLOG_SECTORS);
	fvlog_load(&l, &h);
	fvlog_append(&l, &h, &v);
	/* half a record: what a reset in the middle of a write leaves */
	memset(junk, 0xFF, sizeof(junk));
	memset(junk, 0x00, 12);
	hal_flash_write(&h, l.next_addr, junk, sizeof(junk));
	fvlog_init(&l, FLASH_MAP_FVLOG, FLASH_MAP_FVLOG_SECTORS);
	fvlog_load(&l, &h);
	CHECK(l.vals.energy_mwh == 5000);
	fake_hal_free(&h);
}

static void counter_survives_reboot_and_crash_loses_under_1wh(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	double before;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	plug_set_relay(&p, 0, true);
	/* 3600 W for 10 s = 10 Wh: 2400 CF pulses per second */
	for (int s = 0; s < 10; s++) {
		fake_hal_pulses(&h, 14, 2400);
		testkit_run(&p, &h, 1000);
	}
	before = p.energy.total_wh;
	CHECK(before > 9.0 && before < 11.0);
	/* a crash: nothing saved on the way down */
	plug_reset(&p, BOOT_REASON_FATAL_EXCEPTION);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.energy.total_wh <= before);
	CHECK(before - p.energy.total_wh < 1.0);
	/* EnergyCntReset zeroes it, persistently */
	testkit_msg(&p, "cmnd/obk_test/EnergyCntReset", "");
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_NEAR(p.energy.total_wh, 0.0, 1e-9);
	testkit_msg(&p, "cmnd/obk_test/EnergyCntReset", "1234.5");
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_NEAR(p.energy.total_wh, 1234.5, 1e-3);
	fake_hal_free(&h);
}

static void energy_topics_use_qos0_and_openbeken_decimals(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const struct fake_pub *pub;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	plug_set_relay(&p, 0, true);
	for (int s = 0; s < 3; s++) {
		fake_hal_pulses(&h, 3, s % 2 ? 22 : 1735);
		fake_hal_pulses(&h, 14, 40);
		testkit_run(&p, &h, 1000);
	}
	pub = fake_hal_find_pub(&h, "obk_test/power/get");
	CHECK(pub != NULL);
	if (pub) {
		CHECK(pub->qos == 0);
		CHECK(strchr(pub->payload, '.') && strlen(strchr(pub->payload, '.')) == 3);
	}
	pub = fake_hal_find_pub(&h, "obk_test/voltage/get");
	CHECK(pub && strchr(pub->payload, '.') && strlen(strchr(pub->payload, '.')) == 2);
	CHECK(fake_hal_find_pub(&h, "obk_test/current/get") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/energycounter/get") != NULL);
	/* after a reconnect every value goes out at the next frame, changed or not */
	mqtt_link_on_lost(&p);
	testkit_connect(&p, &h);
	fake_hal_clear_pubs(&h);
	fake_hal_pulses(&h, 14, 40);
	testkit_run(&p, &h, 1000);
	CHECK(fake_hal_find_pub(&h, "obk_test/power/get") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/voltage/get") != NULL);
	fake_hal_free(&h);
}

static void sensor_carries_the_counter_with_the_plugs_utc_stamp_at_qos1(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const struct fake_pub *pub, *counter;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	plug_set_relay(&p, 0, true);
	h.epoch_s = 1795000000; /* 2026-11-18T11:06:40Z */
	fake_hal_pulses(&h, 3, 1735);
	fake_hal_pulses(&h, 14, 40);
	testkit_run(&p, &h, 1000);
	pub = fake_hal_find_pub(&h, "tele/obk_test/SENSOR");
	counter = fake_hal_find_pub(&h, "obk_test/energycounter/get");
	CHECK(pub != NULL && counter != NULL);
	if (pub && counter) {
		char total[48];

		CHECK(pub->qos == 1);
		CHECK(strncmp(pub->payload, "{\"Time\":\"2026-11-18T11:06:40Z\",\"ENERGY\":{",
			      41) == 0);
		snprintf(total, sizeof(total), "\"ConsumptionTotal\":%s}}", counter->payload);
		CHECK(strstr(pub->payload, total) != NULL);
	}
	/* no clock yet: no stamp, the hub stamps the reading on arrival */
	h.epoch_s = 0;
	mqtt_link_on_lost(&p);
	testkit_connect(&p, &h);
	fake_hal_clear_pubs(&h);
	fake_hal_pulses(&h, 14, 40);
	testkit_run(&p, &h, 1000);
	pub = fake_hal_find_pub(&h, "tele/obk_test/SENSOR");
	CHECK(pub && strncmp(pub->payload, "{\"ENERGY\":{", 11) == 0);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(integrates_power_over_time);
	TESTKIT_RUN(save_is_due_every_wh);
	TESTKIT_RUN(publish_culling_like_openbeken);
	TESTKIT_RUN(fvlog_finds_newest_record_across_sectors);
	TESTKIT_RUN(fvlog_ignores_torn_record);
	TESTKIT_RUN(counter_survives_reboot_and_crash_loses_under_1wh);
	TESTKIT_RUN(energy_topics_use_qos0_and_openbeken_decimals);
	TESTKIT_RUN(sensor_carries_the_counter_with_the_plugs_utc_stamp_at_qos1);
	return testkit_exit();
}
