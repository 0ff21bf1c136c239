#include "boot.h"

#include <string.h>

enum boot_reason boot_begin(struct boot_retained *r, struct logbuf *prev_log)
{
	enum boot_reason reason;

	logbuf_reset(prev_log);
	if (r->magic != BOOT_RETAINED_MAGIC || !logbuf_sane(&r->log)) {
		/* Garbage in RAM: the power was off. */
		memset(r, 0, sizeof(*r));
		r->magic = BOOT_RETAINED_MAGIC;
		reason = BOOT_REASON_POWER_OFF;
	} else if (r->reset_word == BOOT_WORD_SOFT) {
		reason = BOOT_REASON_SOFTWARE;
	} else if (r->reset_word == BOOT_WORD_EXCP) {
		reason = BOOT_REASON_FATAL_EXCEPTION;
	} else if (r->reset_word == BOOT_WORD_WDOG) {
		reason = BOOT_REASON_SOFTWARE_WATCHDOG;
	} else {
		reason = BOOT_REASON_POWER_OFF;
	}
	if (reason != BOOT_REASON_POWER_OFF)
		*prev_log = r->log;
	logbuf_reset(&r->log);
	r->reset_word = BOOT_WORD_WDOG;
	return reason;
}

void boot_announce(struct boot_retained *r, enum boot_reason why)
{
	switch (why) {
	case BOOT_REASON_SOFTWARE:
		r->reset_word = BOOT_WORD_SOFT;
		break;
	case BOOT_REASON_FATAL_EXCEPTION:
		r->reset_word = BOOT_WORD_EXCP;
		break;
	default:
		r->reset_word = BOOT_WORD_WDOG;
		break;
	}
}

const char *boot_reason_str(enum boot_reason reason)
{
	switch (reason) {
	case BOOT_REASON_POWER_OFF:
		return "BL_RST_POWER_OFF";
	case BOOT_REASON_HARDWARE_WATCHDOG:
		return "BL_RST_HARDWARE_WATCHDOG";
	case BOOT_REASON_FATAL_EXCEPTION:
		return "BL_RST_FATAL_EXCEPTION";
	case BOOT_REASON_SOFTWARE_WATCHDOG:
		return "BL_RST_SOFTWARE_WATCHDOG";
	case BOOT_REASON_SOFTWARE:
		return "BL_RST_SOFTWARE";
	}
	return "BL_RST_UNKNOWN";
}
