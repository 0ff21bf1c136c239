#ifndef CMD_SETUP_H
#define CMD_SETUP_H

#include "cmd.h"

/* NULL-terminated */
extern const struct cmd_entry cmd_setup_table[];

#endif
