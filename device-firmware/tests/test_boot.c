/* Reset reasons, boot counter, retained log lines, watchdog. */
#include <string.h>

#include "boot.h"
#include "testkit.h"

static void reasons_decode_like_bl_sys_rstinfo(void)
{
	struct boot_retained r;
	struct logbuf prev;

	memset(&r, 0x5A, sizeof(r));
	CHECK(boot_begin(&r, &prev) == BOOT_REASON_POWER_OFF);
	CHECK(prev.count == 0);
	/* nobody announced the reset: the armed word says watchdog */
	CHECK(boot_begin(&r, &prev) == BOOT_REASON_SOFTWARE_WATCHDOG);
	boot_announce(&r, BOOT_REASON_SOFTWARE);
	CHECK(boot_begin(&r, &prev) == BOOT_REASON_SOFTWARE);
	boot_announce(&r, BOOT_REASON_FATAL_EXCEPTION);
	CHECK(boot_begin(&r, &prev) == BOOT_REASON_FATAL_EXCEPTION);
	CHECK_STR(boot_reason_str(BOOT_REASON_SOFTWARE_WATCHDOG), "BL_RST_SOFTWARE_WATCHDOG");
	CHECK_STR(boot_reason_str(BOOT_REASON_POWER_OFF), "BL_RST_POWER_OFF");
}

static void garbage_log_is_not_trusted(void)
{
	struct boot_retained r;
	struct logbuf prev;

	memset(&r, 0, sizeof(r));
	r.magic = BOOT_RETAINED_MAGIC;
	r.reset_word = BOOT_WORD_WDOG;
	r.log.head = 99;
	CHECK(boot_begin(&r, &prev) == BOOT_REASON_POWER_OFF);
}

static void logbuf_keeps_last_lines_in_order(void)
{
	struct logbuf lb;
	char out[LOGBUF_LINES * LOGBUF_LINE_LEN];
	char line[16];

	logbuf_reset(&lb);
	for (int i = 0; i < LOGBUF_LINES + 3; i++) {
		snprintf(line, sizeof(line), "l%d", i);
		logbuf_add(&lb, line);
	}
	logbuf_join(&lb, out, sizeof(out));
	CHECK_STR(out, "l3\nl4\nl5\nl6\nl7\nl8\nl9\nl10");
}

static void watchdog_reboot_reports_reason_count_and_last_lines(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const struct fake_pub *pub;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.boot_count == 1);
	CHECK(h.wdt_started && h.wdt_timeout_ms == 3000);
	testkit_run(&p, &h, 2000);
	CHECK(h.wdt_last_feed_ms == h.now_ms); /* the loop feeds it */
	plug_log(&p, "driver stuck in a loop");
	/* the chip resets; retained RAM keeps the armed word and the log */
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.boot_reason == BOOT_REASON_SOFTWARE_WATCHDOG);
	CHECK(p.boot_count == 2);
	testkit_connect(&p, &h);
	pub = fake_hal_find_pub(&h, "obk_test/rebootreason");
	CHECK(pub && strcmp(pub->payload, "BL_RST_SOFTWARE_WATCHDOG") == 0);
	pub = fake_hal_find_pub(&h, "obk_test/bootcount");
	CHECK(pub && strcmp(pub->payload, "2") == 0);
	pub = fake_hal_find_pub(&h, "obk_test/lastlog");
	CHECK(pub && strstr(pub->payload, "driver stuck in a loop") != NULL);
	/* a commanded restart is BL_RST_SOFTWARE */
	testkit_msg(&p, "cmnd/obk_test/restart", "1");
	testkit_run(&p, &h, 1500);
	CHECK(h.reset_requested);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(p.boot_reason == BOOT_REASON_SOFTWARE);
	CHECK(p.boot_count == 3);
	fake_hal_free(&h);
}

static void exhausted_heap_restarts_the_plug(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	h.free_heap = 8000;
	testkit_run(&p, &h, 3000);
	CHECK(!h.reset_requested);
	testkit_run(&p, &h, 4000);
	CHECK(h.reset_requested);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(reasons_decode_like_bl_sys_rstinfo);
	TESTKIT_RUN(garbage_log_is_not_trusted);
	TESTKIT_RUN(logbuf_keeps_last_lines_in_order);
	TESTKIT_RUN(watchdog_reboot_reports_reason_count_and_last_lines);
	TESTKIT_RUN(exhausted_heap_restarts_the_plug);
	return testkit_exit();
}
