/* Jittered exponential back-off. */
#include "backoff.h"
#include "testkit.h"

static void grows_to_cap_with_jitter(void)
{
	struct backoff b;
	uint32_t hi = 0;

	backoff_init(&b, 1000, 60000);
	CHECK(backoff_next_ms(&b, 0) == 1000);
	CHECK(backoff_next_ms(&b, 0xFFFFFFFFu) <= 2000);
	for (int i = 0; i < 20; i++) {
		uint32_t d = backoff_next_ms(&b, 0xFFFFFFFFu - (uint32_t)i);

		CHECK(d >= 1000 && d <= 60000);
		if (d > hi)
			hi = d;
	}
	CHECK(hi > 30000);
	backoff_reset(&b);
	CHECK(backoff_next_ms(&b, 12345) == 1000);
}

static void fleet_spreads_over_time(void)
{
	/* 1000 plugs after a broker restart: third attempt lands in 1..4 s;
	 * no second gets more than a small share of them. */
	unsigned int per_second[5] = {0};
	uint32_t rnd = 2463534242u;

	for (int i = 0; i < 1000; i++) {
		struct backoff b;
		uint32_t d;

		backoff_init(&b, 1000, 60000);
		b.attempt = 2;
		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		d = backoff_next_ms(&b, rnd);
		per_second[d / 1000]++;
	}
	for (int s = 0; s < 5; s++)
		CHECK(per_second[s] < 400);
}

static void plugs_reconnect_after_loss(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	int connects;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	connects = h.mqtt_connects;
	mqtt_link_on_lost(&p);
	testkit_run(&p, &h, 2100);
	CHECK(h.mqtt_connects == connects + 1);
	/* a refused attempt backs off further */
	mqtt_link_on_lost(&p);
	testkit_run(&p, &h, 60100);
	CHECK(h.mqtt_connects >= connects + 2);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(grows_to_cap_with_jitter);
	TESTKIT_RUN(fleet_spreads_over_time);
	TESTKIT_RUN(plugs_reconnect_after_loss);
	return testkit_exit();
}
