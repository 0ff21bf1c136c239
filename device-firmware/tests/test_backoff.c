/* Jittered exponential back-off. */
#include "backoff.h"
#include "testkit.h"

static void grows_to_cap_with_jitter(void)
{
	struct backoff b;
	uint32_t hi = 0;

	backoff_init(&b, 1000, 8000, 60000);
	CHECK(backoff_next_ms(&b, 0) == 1000);
	CHECK(backoff_next_ms(&b, 0xFFFFFFFFu) <= 1000 + 16000);
	for (int i = 0; i < 20; i++) {
		uint32_t d = backoff_next_ms(&b, 0xFFFFFFFFu - (uint32_t)i * 7919u);

		CHECK(d >= 1000 && d <= 61000);
		if (d > hi)
			hi = d;
	}
	CHECK(hi > 30000);
	backoff_reset(&b);
	CHECK(backoff_next_ms(&b, 12345) == 1000 + 12345 % 8001);
}

static void fleet_spreads_over_time(void)
{
	/* 1000 plugs losing the broker at once: their first retries spread over
	 * 1..9 s, no second gets more than a fifth of them. */
	unsigned int per_second[10] = {0};
	uint32_t rnd = 2463534242u;

	for (int i = 0; i < 1000; i++) {
		struct backoff b;
		uint32_t d;

		backoff_init(&b, 1000, 8000, 60000);
		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		d = backoff_next_ms(&b, rnd);
		CHECK(d / 1000 < 10);
		if (d / 1000 < 10)
			per_second[d / 1000]++;
	}
	CHECK(per_second[0] == 0);
	for (int s = 0; s < 10; s++)
		CHECK(per_second[s] < 200);
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
	testkit_run(&p, &h, 900);
	CHECK(h.mqtt_connects == connects); /* never before the minimum */
	testkit_run(&p, &h, 8200);
	CHECK(h.mqtt_connects == connects + 1);
	/* the next failure waits within a wider window, but comes back */
	mqtt_link_on_lost(&p);
	testkit_run(&p, &h, 17100);
	CHECK(h.mqtt_connects == connects + 2);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(grows_to_cap_with_jitter);
	TESTKIT_RUN(fleet_spreads_over_time);
	TESTKIT_RUN(plugs_reconnect_after_loss);
	return testkit_exit();
}
