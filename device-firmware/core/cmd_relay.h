#ifndef CMD_RELAY_H
#define CMD_RELAY_H

#include "cmd.h"

/* NULL-terminated */
extern const struct cmd_entry cmd_relay_table[];

#endif
