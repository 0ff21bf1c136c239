/* Relay start states including -1 (remember), button and LED. */
#include <string.h>

#include "relay.h"
#include "testkit.h"

static void start_state_rules(void)
{
	CHECK(relay_start_state(1, false) == true);
	CHECK(relay_start_state(0, true) == false);
	CHECK(relay_start_state(-1, true) == true);
	CHECK(relay_start_state(-1, false) == false);
}

static void default_start_is_off(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	plug_set_relay(&p, 0, true);
	CHECK(h.pin_level[2] == true);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.relay.on[0] == false);
	CHECK(h.pin_level[2] == false);
	fake_hal_free(&h);
}

static void start_value_on(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_msg(&p, "cmnd/obk_test/SetStartValue", "1 1");
	testkit_run(&p, &h, 1100);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.relay.on[0] == true);
	fake_hal_free(&h);
}

static void remember_restores_last_state_after_power_loss(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	testkit_msg(&p, "cmnd/obk_test/SetStartValue", "1 -1");
	testkit_msg(&p, "cmnd/obk_test/POWER", "ON");
	/* no tick, no orderly shutdown: the state was written on change */
	memset(&h.retained, 0xA5, sizeof(h.retained));
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.boot_reason == BOOT_REASON_POWER_OFF);
	CHECK(p.relay.on[0] == true);
	testkit_connect(&p, &h);
	testkit_msg(&p, "obk_test/1/set", "0");
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.relay.on[0] == false);
	fake_hal_free(&h);
}

static void button_toggles_and_led_follows(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	h.isr[17](h.isr_arg[17]);
	testkit_run(&p, &h, 1000);
	CHECK(p.relay.on[0] == true);
	CHECK(h.pin_level[20] == true);
	fake_hal_free(&h);
}

static void rmc021_template_has_button_on_gpio22_and_inverted_led(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	pp.pins = pins_find("RMC021");
	CHECK(pp.pins != NULL);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(h.isr[22] != NULL);
	CHECK(h.pin_level[20] == true); /* LED_n off = high */
	h.isr[22](h.isr_arg[22]);
	testkit_run(&p, &h, 1000);
	CHECK(p.relay.on[0] == true);
	CHECK(h.pin_level[20] == false);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(start_state_rules);
	TESTKIT_RUN(default_start_is_off);
	TESTKIT_RUN(start_value_on);
	TESTKIT_RUN(remember_restores_last_state_after_power_loss);
	TESTKIT_RUN(button_toggles_and_led_follows);
	TESTKIT_RUN(rmc021_template_has_button_on_gpio22_and_inverted_led);
	return testkit_exit();
}
