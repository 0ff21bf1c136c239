/* stdin console for fault injection, one command per line:
 *   freeze T | crash T | leak T BYTES_PER_S | wifi-drop T SECONDS | power T WATTS
 *   reboot T | slow-flash T MS | ota-fail T | ota-bad-key T | stay-down T |
 *   ota-http-cut T BYTES | ota-http-rate T BYTES_PER_S |
 *   trial-crash T | press T | quit
 * T is a plug's topic or "all". Each line is answered "OK <line>" or
 * "ERR <reason>" on stdout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hal_httpc.h"
#include "sim.h"

struct sim_cmd {
	const char *name;
	int nargs; /* numeric arguments after the topic */
	const char *(*fn)(struct hal *h, double arg);
};

static const char *sim_cmd_freeze(struct hal *h, double arg)
{
	(void)arg;
	if (h->state != SIM_RUNNING)
		return "plug is not running";
	plug_log(&h->plug, "Fault: main loop frozen");
	h->state = SIM_FROZEN;
	return NULL;
}

static const char *sim_cmd_crash(struct hal *h, double arg)
{
	(void)arg;
	if (h->state != SIM_RUNNING)
		return "plug is not running";
	plug_log(&h->plug, "Fault: load access fault in driver tick");
	plug_reset(&h->plug, BOOT_REASON_FATAL_EXCEPTION);
	return NULL;
}

static const char *sim_cmd_leak(struct hal *h, double arg)
{
	if (arg < 0 || arg > 1e6)
		return "bytes-per-s out of range";
	h->leak_bytes_per_s = (uint32_t)arg;
	h->leak_since_ms = sim_now_ms();
	return NULL;
}

static const char *sim_cmd_wifi_drop(struct hal *h, double arg)
{
	if (arg <= 0 || arg > 86400)
		return "seconds out of range";
	if (h->state == SIM_DOWN)
		return "plug is down";
	h->wifi_back_ms = sim_now_ms() + (uint64_t)(arg * 1000);
	sim_http_close_all(h);
	hal_httpc_close(h);
	if (h->mosq) {
		sim_mqtt_drop(h);
		if (h->state == SIM_RUNNING)
			mqtt_link_on_lost(&h->plug);
	}
	if (h->state == SIM_RUNNING)
		plug_log(&h->plug, "Wi-Fi: link lost for %.0f s", arg);
	return NULL;
}

static const char *sim_cmd_power(struct hal *h, double arg)
{
	if (arg < 0 || arg > 7200)
		return "watts out of range";
	h->load_w = arg;
	return NULL;
}

static const char *sim_cmd_reboot(struct hal *h, double arg)
{
	(void)arg;
	/* A power cycle: retained RAM is lost, unsaved state too. */
	sim_plug_down(h, false);
	return NULL;
}

static const char *sim_cmd_slow_flash(struct hal *h, double arg)
{
	if (arg < 0 || arg > 1000)
		return "ms out of range";
	h->slow_flash_ms = (uint32_t)arg;
	return NULL;
}

static const char *sim_cmd_ota_fail(struct hal *h, double arg)
{
	(void)arg;
	h->ota_fail = true;
	return NULL;
}

/* A SEC1 point that is not on the curve: no signature verifies against it,
 * as on a plug built with another signing key. */
static const uint8_t sim_foreign_pubkey[65] = {0x04};

static const char *sim_cmd_ota_bad_key(struct hal *h, double arg)
{
	(void)arg;
	h->params.ota_pubkey = sim_foreign_pubkey;
	return NULL;
}

static const char *sim_cmd_ota_http_cut(struct hal *h, double arg)
{
	if (arg < 1 || arg > 16e6)
		return "bytes out of range";
	h->httpc_cut_after = (uint32_t)arg;
	return NULL;
}

static const char *sim_cmd_ota_http_rate(struct hal *h, double arg)
{
	if (arg < 0 || arg > 1e9)
		return "bytes-per-s out of range";
	h->httpc_rate_bps = (uint32_t)arg;
	return NULL;
}

static const char *sim_cmd_stay_down(struct hal *h, double arg)
{
	(void)arg;
	h->stay_down = true;
	return NULL;
}

static const char *sim_cmd_trial_crash(struct hal *h, double arg)
{
	(void)arg;
	h->trial_crash = true;
	return NULL;
}

static const char *sim_cmd_press(struct hal *h, double arg)
{
	unsigned int pin = h->params.pins->relay.button_pin;

	(void)arg;
	if (h->state != SIM_RUNNING)
		return "plug is not running";
	if (pin < SIM_PINS && h->isr[pin])
		h->isr[pin](h->isr_arg[pin]);
	return NULL;
}

static const struct sim_cmd sim_cmds[] = {
	{"freeze", 0, sim_cmd_freeze},
	{"crash", 0, sim_cmd_crash},
	{"leak", 1, sim_cmd_leak},
	{"wifi-drop", 1, sim_cmd_wifi_drop},
	{"power", 1, sim_cmd_power},
	{"reboot", 0, sim_cmd_reboot},
	{"slow-flash", 1, sim_cmd_slow_flash},
	{"ota-fail", 0, sim_cmd_ota_fail},
	{"ota-bad-key", 0, sim_cmd_ota_bad_key},
	{"ota-http-cut", 1, sim_cmd_ota_http_cut},
	{"ota-http-rate", 1, sim_cmd_ota_http_rate},
	{"stay-down", 0, sim_cmd_stay_down},
	{"trial-crash", 0, sim_cmd_trial_crash},
	{"press", 0, sim_cmd_press},
};

struct hal *sim_find(struct sim *s, const char *topic)
{
	for (unsigned int i = 0; i < s->count; i++) {
		if (strcmp(s->plugs[i].params.topic, topic) == 0)
			return &s->plugs[i];
	}
	return NULL;
}

static void sim_control_line(struct sim *s, char *line)
{
	char *save = NULL, *verb, *topic, *num, *end = NULL;
	const struct sim_cmd *cmd = NULL;
	const char *err = NULL;
	double arg = 0;
	char echo[sizeof(s->ctl_buf)];

	snprintf(echo, sizeof(echo), "%s", line);
	verb = strtok_r(line, " \t", &save);
	if (!verb)
		return;
	if (strcmp(verb, "quit") == 0) {
		s->quit = true;
		printf("OK %s\n", echo);
		fflush(stdout);
		return;
	}
	for (size_t i = 0; i < sizeof(sim_cmds) / sizeof(sim_cmds[0]); i++) {
		if (strcmp(sim_cmds[i].name, verb) == 0)
			cmd = &sim_cmds[i];
	}
	topic = strtok_r(NULL, " \t", &save);
	num = strtok_r(NULL, " \t", &save);
	if (!cmd) {
		err = "unknown command";
	} else if (!topic) {
		err = "missing topic";
	} else if (cmd->nargs && (!num || (arg = strtod(num, &end), *end != '\0'))) {
		err = "missing or bad number";
	} else if (!cmd->nargs && num) {
		err = "too many arguments";
	} else if (strcmp(topic, "all") == 0) {
		for (unsigned int i = 0; i < s->count && !err; i++)
			err = cmd->fn(&s->plugs[i], arg);
	} else {
		struct hal *h = sim_find(s, topic);

		err = h ? cmd->fn(h, arg) : "no such plug";
	}
	if (err) {
		printf("ERR %s\n", err);
	} else {
		printf("OK %s\n", echo);
	}
	fflush(stdout);
}

void sim_control_read(struct sim *s)
{
	ssize_t n;
	char *nl;

	n = read(STDIN_FILENO, s->ctl_buf + s->ctl_len, sizeof(s->ctl_buf) - 1 - s->ctl_len);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		/* Tests may close stdin; keep running. */
		s->ctl_eof = true;
		return;
	}
	if (n < 0)
		return;
	s->ctl_len += (size_t)n;
	s->ctl_buf[s->ctl_len] = '\0';
	while ((nl = strchr(s->ctl_buf, '\n')) != NULL) {
		size_t used = (size_t)(nl - s->ctl_buf) + 1;

		*nl = '\0';
		if (nl > s->ctl_buf && nl[-1] == '\r')
			nl[-1] = '\0';
		sim_control_line(s, s->ctl_buf);
		memmove(s->ctl_buf, s->ctl_buf + used, s->ctl_len - used + 1);
		s->ctl_len -= used;
	}
	if (s->ctl_len == sizeof(s->ctl_buf) - 1) {
		printf("ERR line too long\n");
		fflush(stdout);
		s->ctl_len = 0;
	}
}
