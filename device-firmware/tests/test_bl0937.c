/* BL0937 maths from known pulse counts. */
#include <errno.h>
#include <string.h>

#include "bl0937.h"
#include "testkit.h"

static void scale_matches_openbeken_formula(void)
{
	/* 1735 Hz on CF1 with SEL high: 1735 * 0.13253 = 229.9 V */
	CHECK_NEAR(bl0937_scale(1735, BL0937_DEFAULT_CAL_VOLTAGE, 1000), 229.94, 0.01);
	/* the same count over 2 s is half the frequency */
	CHECK_NEAR(bl0937_scale(1735, BL0937_DEFAULT_CAL_VOLTAGE, 2000), 114.97, 0.01);
	CHECK_NEAR(bl0937_scale(40, BL0937_DEFAULT_CAL_POWER, 1000), 60.0, 1e-6);
	CHECK_NEAR(bl0937_scale(22, BL0937_DEFAULT_CAL_CURRENT, 1000), 0.26087, 1e-4);
	CHECK(bl0937_scale(100, 1.0f, 0) == 0.0f);
}

static void sample_alternates_voltage_and_current(void)
{
	static const struct bl0937_config cfg = {.cf_pin = 14, .cf1_pin = 3, .sel_pin = 21};
	struct bl0937_cal cal = {BL0937_DEFAULT_CAL_VOLTAGE, BL0937_DEFAULT_CAL_CURRENT,
				 BL0937_DEFAULT_CAL_POWER, BL0937_DEFAULT_POWER_MAX_W};
	struct bl0937_state s;
	struct hal h;

	fake_hal_init(&h);
	CHECK(bl0937_init(&s, &cfg, &h) == 0);
	CHECK(h.pin_level[21] == true); /* starts measuring voltage */
	fake_hal_pulses(&h, 3, 1735);
	fake_hal_pulses(&h, 14, 40);
	h.now_ms += 1000;
	CHECK(bl0937_sample(&s, &cal, &h) == 1000);
	CHECK_NEAR(s.voltage_v, 229.94, 0.01);
	CHECK_NEAR(s.power_w, 60.0, 1e-4);
	CHECK(!s.have_current);
	CHECK(h.pin_level[21] == false); /* SEL toggled: current next */
	fake_hal_pulses(&h, 3, 22);
	fake_hal_pulses(&h, 14, 41);
	h.now_ms += 1000;
	bl0937_sample(&s, &cal, &h);
	CHECK_NEAR(s.current_a, 0.26087, 1e-4);
	CHECK_NEAR(s.voltage_v, 229.94, 0.01); /* kept from the previous window */
	CHECK_NEAR(s.power_w, 61.5, 1e-4);
	CHECK(s.raw_power == 41);
	fake_hal_free(&h);
}

static void power_spike_above_max_keeps_previous_value(void)
{
	static const struct bl0937_config cfg = {.cf_pin = 14, .cf1_pin = 3, .sel_pin = 21};
	struct bl0937_cal cal = {BL0937_DEFAULT_CAL_VOLTAGE, BL0937_DEFAULT_CAL_CURRENT,
				 BL0937_DEFAULT_CAL_POWER, 3680.0f};
	struct bl0937_state s;
	struct hal h;

	fake_hal_init(&h);
	bl0937_init(&s, &cfg, &h);
	fake_hal_pulses(&h, 14, 100);
	h.now_ms += 1000;
	bl0937_sample(&s, &cal, &h);
	fake_hal_pulses(&h, 14, 5000); /* 7500 W */
	h.now_ms += 1000;
	bl0937_sample(&s, &cal, &h);
	CHECK_NEAR(s.power_w, 150.0, 1e-3);
	fake_hal_free(&h);
}

static void calibration_uses_raw_count(void)
{
	float cal = 0;

	CHECK(bl0937_calibrate(230.0f, 1700, &cal) == 0);
	CHECK_NEAR(cal, 230.0 / 1700.0, 1e-7);
	CHECK(bl0937_calibrate(0.0f, 1700, &cal) == -EINVAL);
	CHECK(bl0937_calibrate(230.0f, 0, &cal) == -ERANGE);
}

static void plug_voltage_set_calibrates_and_persists(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	/* one voltage window of 1600 pulses, then VoltageSet 240 */
	fake_hal_pulses(&h, 3, 1600);
	testkit_run(&p, &h, 1000);
	CHECK(p.meter.raw_voltage == 1600);
	testkit_msg(&p, "cmnd/obk_test/VoltageSet", "240");
	CHECK_NEAR(p.cfg.cal_voltage, 240.0 / 1600.0, 1e-6);
	testkit_run(&p, &h, 1100); /* config flushed within a second */
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_NEAR(p.cfg.cal_voltage, 240.0 / 1600.0, 1e-6);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(scale_matches_openbeken_formula);
	TESTKIT_RUN(sample_alternates_voltage_and_current);
	TESTKIT_RUN(power_spike_above_max_keeps_previous_value);
	TESTKIT_RUN(calibration_uses_raw_count);
	TESTKIT_RUN(plug_voltage_set_calibrates_and_persists);
	return testkit_exit();
}
