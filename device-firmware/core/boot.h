#ifndef BOOT_H
#define BOOT_H

#include <stdint.h>

#include "logbuf.h"

/* The BL602 SDK's reset reasons, with the same strings (bl_sys.c). */
enum boot_reason {
	BOOT_REASON_POWER_OFF,
	BOOT_REASON_HARDWARE_WATCHDOG,
	BOOT_REASON_FATAL_EXCEPTION,
	BOOT_REASON_SOFTWARE_WATCHDOG,
	BOOT_REASON_SOFTWARE,
};

/* Words written to retained RAM before a reset. Like bl_sys_rstinfo, the
 * word is armed with "wdog" at boot, so any reset nobody announced counts as
 * a watchdog reset. */
#define BOOT_WORD_WDOG      0x77646F67u /* "wdog" */
#define BOOT_WORD_SOFT      0x736F6674u /* "soft" */
#define BOOT_WORD_EXCP      0x65786370u /* "excp" */
#define BOOT_RETAINED_MAGIC 0x52544E44u

struct boot_retained {
	uint32_t magic;
	uint32_t reset_word;
	struct logbuf log;
};

/* Decodes why we booted, moves the previous boot's log lines to prev_log
 * (empty after power-on) and re-arms the watchdog word. */
enum boot_reason boot_begin(struct boot_retained *r, struct logbuf *prev_log);
/* Called right before a deliberate reset or from the exception handler. */
void boot_announce(struct boot_retained *r, enum boot_reason why);
const char *boot_reason_str(enum boot_reason reason);

#endif
