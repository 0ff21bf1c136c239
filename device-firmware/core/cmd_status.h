#ifndef CMD_STATUS_H
#define CMD_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "cmd.h"

/* NULL-terminated */
extern const struct cmd_entry cmd_status_table[];

/* "YYYY-MM-DDTHH:MM:SS" for seconds since the epoch (UTC). */
void cmd_status_iso_time(uint64_t epoch_s, char *buf, size_t cap);

#endif
