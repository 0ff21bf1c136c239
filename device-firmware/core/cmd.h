#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stddef.h>

#define CMD_LINE_MAX  2047
#define CMD_REPLY_MAX 512

/* OpenBeken's commandResult_t */
enum cmd_result {
	CMD_RES_OK,
	CMD_RES_EMPTY_STRING,
	CMD_RES_UNKNOWN_COMMAND,
	CMD_RES_NOT_ENOUGH_ARGUMENTS,
	CMD_RES_BAD_ARGUMENT,
	CMD_RES_ERROR,
};

enum cmd_source {
	CMD_SRC_MQTT,
	CMD_SRC_HTTP,
	CMD_SRC_CONSOLE,
};

/* What /cm returns and what MQTT publishes on stat/<T>/RESULT. */
struct cmd_reply {
	char buf[CMD_REPLY_MAX];
	size_t len;
	bool publish_result; /* Tasmota-style RESULT (POWER and friends only) */
};

struct plug;

/* What a command handler gets: its arguments and where to write the reply. */
struct cmd_ctx {
	struct plug *p;
	const char *args;
	size_t args_len;
	enum cmd_source src;
	struct cmd_reply *reply;
	unsigned int index; /* numeric suffix, e.g. POWER2 */
	int depth;          /* backlog nesting */
};

struct cmd_entry {
	const char *name;
	bool indexed; /* accepts a numeric suffix */
	enum cmd_result (*fn)(struct cmd_ctx *c);
};

/* Argument n (0-based) as a token, a long or a float. */
bool cmd_arg(struct cmd_ctx *c, unsigned int n, const char **tok, size_t *tok_len);
bool cmd_arg_long(struct cmd_ctx *c, unsigned int n, long *v);
bool cmd_arg_float(struct cmd_ctx *c, unsigned int n, float *v);
void cmd_replyf(struct cmd_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void cmd_reply_init(struct cmd_reply *r);
enum cmd_result cmd_execute(struct plug *p, const char *name, size_t name_len, const char *args,
			    size_t args_len, enum cmd_source src, struct cmd_reply *reply);
/* "Name args..." as typed on the console, /cm or /api/cmnd */
enum cmd_result cmd_execute_line(struct plug *p, const char *line, size_t len, enum cmd_source src,
				 struct cmd_reply *reply);
const char *cmd_result_str(enum cmd_result res);

#endif
