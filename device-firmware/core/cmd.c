#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd_relay.h"
#include "cmd_setup.h"
#include "cmd_status.h"
#include "mqtt_link.h"
#include "plug.h"
#include "strutil.h"

static enum cmd_result cmd_run_line(struct plug *p, const char *line, size_t len,
				    enum cmd_source src, struct cmd_reply *reply, int depth);

void cmd_replyf(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(c->reply->buf, sizeof(c->reply->buf), fmt, ap);
	va_end(ap);
	c->reply->len = n < 0                                ? 0
			: (size_t)n >= sizeof(c->reply->buf) ? sizeof(c->reply->buf) - 1
							     : (size_t)n;
}

bool cmd_arg(struct cmd_ctx *c, unsigned int n, const char **tok, size_t *tok_len)
{
	const char *s = c->args;
	size_t len = c->args_len;

	for (unsigned int i = 0; i <= n; i++) {
		if (!strutil_next_token(&s, &len, tok, tok_len))
			return false;
	}
	return true;
}

bool cmd_arg_long(struct cmd_ctx *c, unsigned int n, long *v)
{
	const char *t;
	size_t tl;

	return cmd_arg(c, n, &t, &tl) && strutil_parse_long(t, tl, v);
}

bool cmd_arg_float(struct cmd_ctx *c, unsigned int n, float *v)
{
	const char *t;
	size_t tl;

	return cmd_arg(c, n, &t, &tl) && strutil_parse_float(t, tl, v);
}

static enum cmd_result cmd_publish_all(struct cmd_ctx *c)
{
	mqtt_link_publish_self(c->p);
	return CMD_RES_OK;
}

static enum cmd_result cmd_echo(struct cmd_ctx *c)
{
	size_t n =
		c->args_len < sizeof(c->reply->buf) - 1 ? c->args_len : sizeof(c->reply->buf) - 1;

	memcpy(c->reply->buf, c->args, n);
	c->reply->buf[n] = '\0';
	c->reply->len = n;
	return CMD_RES_OK;
}

static enum cmd_result cmd_backlog(struct cmd_ctx *c)
{
	const char *s = c->args;
	size_t left = c->args_len;
	enum cmd_result last = CMD_RES_OK;

	/* One level only: a backlog inside a backlog is refused. */
	if (c->depth > 0)
		return CMD_RES_BAD_ARGUMENT;
	while (left) {
		const char *semi = memchr(s, ';', left);
		size_t n = semi ? (size_t)(semi - s) : left;
		struct cmd_reply sub;

		cmd_reply_init(&sub);
		if (n) {
			enum cmd_result r = cmd_run_line(c->p, s, n, c->src, &sub, c->depth + 1);

			if (r != CMD_RES_OK && r != CMD_RES_EMPTY_STRING)
				last = r;
		}
		s += semi ? n + 1 : n;
		left -= semi ? n + 1 : n;
	}
	return last;
}

/* ota_http <url>: OpenBeken's OTA by URL, on every chip (core/ota_pull.c). */
static enum cmd_result cmd_ota_http(struct cmd_ctx *c)
{
	const char *url, *why = NULL;
	size_t len;
	int rc;

	if (!cmd_arg(c, 0, &url, &len))
		return CMD_RES_NOT_ENOUGH_ARGUMENTS;
	if (cmd_arg(c, 1, &url, &len))
		return CMD_RES_BAD_ARGUMENT; /* one URL, nothing after it */
	cmd_arg(c, 0, &url, &len);
	rc = ota_pull_start(c->p, url, len, &why);
	/* answered on stat/<T>/RESULT either way, with the reason on a refusal */
	c->reply->publish_result = true;
	if (rc) {
		plug_log(c->p, "ota_http refused: %s", why ? why : "?");
		cmd_replyf(c, "{\"Command\":\"ota_http\",\"Error\":\"%s\"}", why ? why : "?");
		return rc == -EBUSY ? CMD_RES_ERROR : CMD_RES_BAD_ARGUMENT;
	}
	cmd_replyf(c, "{\"ota_http\":\"started\"}");
	return CMD_RES_OK;
}

static const struct cmd_entry cmd_generic_table[] = {
	{"ota_http", false, cmd_ota_http},
	{"publishAll", false, cmd_publish_all},
	{"echo", false, cmd_echo},
	{"backlog", false, cmd_backlog},
	{NULL, false, NULL},
};

static const struct cmd_entry *const cmd_tables[] = {
	cmd_relay_table,
	cmd_setup_table,
	cmd_status_table,
	cmd_generic_table,
};

void cmd_reply_init(struct cmd_reply *r)
{
	r->buf[0] = '\0';
	r->len = 0;
	r->publish_result = false;
}

static const struct cmd_entry *cmd_lookup(const char *name, size_t len, unsigned int *index)
{
	for (size_t t = 0; t < sizeof(cmd_tables) / sizeof(cmd_tables[0]); t++) {
		for (const struct cmd_entry *e = cmd_tables[t]; e->name; e++) {
			size_t n = strlen(e->name);
			long idx;

			if (strutil_ieq(name, len, e->name)) {
				*index = 0;
				return e;
			}
			if (e->indexed && len > n && strutil_iprefix(name, len, e->name) &&
			    isdigit((unsigned char)name[n]) &&
			    strutil_parse_long(name + n, len - n, &idx) && idx >= 1 && idx <= 64) {
				*index = (unsigned int)idx;
				return e;
			}
		}
	}
	return NULL;
}

static enum cmd_result cmd_run(struct plug *p, const char *name, size_t name_len, const char *args,
			       size_t args_len, enum cmd_source src, struct cmd_reply *reply,
			       int depth)
{
	const struct cmd_entry *e;
	struct cmd_ctx c = {
		.p = p,
		.args = args,
		.args_len = args_len,
		.src = src,
		.reply = reply,
		.depth = depth,
	};
	enum cmd_result res;

	if (name_len == 0)
		return CMD_RES_EMPTY_STRING;
	if (args_len > CMD_LINE_MAX)
		return CMD_RES_BAD_ARGUMENT;
	e = cmd_lookup(name, name_len, &c.index);
	if (!e) {
		cmd_replyf(&c, "{}");
		return CMD_RES_UNKNOWN_COMMAND;
	}
	res = e->fn(&c);
	if (reply->len == 0 && e->fn != cmd_echo)
		cmd_replyf(&c, "{}");
	return res;
}

enum cmd_result cmd_execute(struct plug *p, const char *name, size_t name_len, const char *args,
			    size_t args_len, enum cmd_source src, struct cmd_reply *reply)
{
	return cmd_run(p, name, name_len, args, args_len, src, reply, 0);
}

static enum cmd_result cmd_run_line(struct plug *p, const char *line, size_t len,
				    enum cmd_source src, struct cmd_reply *reply, int depth)
{
	const char *name;
	size_t name_len;

	if (len > CMD_LINE_MAX)
		return CMD_RES_BAD_ARGUMENT;
	if (!strutil_next_token(&line, &len, &name, &name_len))
		return CMD_RES_EMPTY_STRING;
	while (len && isspace((unsigned char)*line)) {
		line++;
		len--;
	}
	while (len && isspace((unsigned char)line[len - 1]))
		len--;
	return cmd_run(p, name, name_len, line, len, src, reply, depth);
}

enum cmd_result cmd_execute_line(struct plug *p, const char *line, size_t len, enum cmd_source src,
				 struct cmd_reply *reply)
{
	return cmd_run_line(p, line, len, src, reply, 0);
}

const char *cmd_result_str(enum cmd_result res)
{
	switch (res) {
	case CMD_RES_OK:
		return "OK";
	case CMD_RES_EMPTY_STRING:
		return "No command entered";
	case CMD_RES_UNKNOWN_COMMAND:
		return "Unknown command";
	case CMD_RES_NOT_ENOUGH_ARGUMENTS:
		return "Not enough arguments for this command";
	case CMD_RES_BAD_ARGUMENT:
		return "Bad argument";
	case CMD_RES_ERROR:
		return "Command found but returned error";
	}
	return "Unknown command";
}
