/* plugsim: N virtual OpenBeken-compatible plugs on loopback, one process,
 * one poll() loop. See README.md for the command line. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <mosquitto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim.h"

#define SIM_POLL_MS      50
#define SIM_PFD_PER_PLUG (3 + SIM_HTTP_CONNS) /* mqtt, listen, conns, ota_http */

static volatile sig_atomic_t sim_signalled;

static void sim_on_signal(int sig)
{
	(void)sig;
	sim_signalled = 1;
}

enum {
	OPT_BROKER_HOST = 256,
	OPT_BROKER_PORT,
	OPT_USER,
	OPT_PASS,
	OPT_COUNT,
	OPT_PREFIX,
	OPT_STATE_DIR,
	OPT_HTTP_BASE,
	OPT_POWER,
	OPT_VOLTAGE,
	OPT_INTERVAL,
	OPT_CHIP,
	OPT_BUILD,
	OPT_SSDP_PORT,
	OPT_SSDP_ADDR,
	OPT_WDT,
	OPT_GRACE,
	OPT_BROADCAST,
	OPT_PINS,
	OPT_LOAD_CSV,
	OPT_QOS0,
	OPT_STRICT,
	OPT_NOISE,
	OPT_FIRST_INDEX,
	OPT_SSDP_NOTIFY,
	OPT_SSDP_NOTIFY_INTERVAL,
	OPT_OTA_HTTP_TIMEOUT,
	OPT_HELP,
};

static const struct option sim_long_opts[] = {
	{"broker-host", required_argument, NULL, OPT_BROKER_HOST},
	{"broker-port", required_argument, NULL, OPT_BROKER_PORT},
	{"mqtt-user", required_argument, NULL, OPT_USER},
	{"mqtt-pass", required_argument, NULL, OPT_PASS},
	{"count", required_argument, NULL, OPT_COUNT},
	{"topic-prefix", required_argument, NULL, OPT_PREFIX},
	{"state-dir", required_argument, NULL, OPT_STATE_DIR},
	{"http-port-base", required_argument, NULL, OPT_HTTP_BASE},
	{"power-w", required_argument, NULL, OPT_POWER},
	{"voltage-v", required_argument, NULL, OPT_VOLTAGE},
	{"publish-interval-s", required_argument, NULL, OPT_INTERVAL},
	{"chip", required_argument, NULL, OPT_CHIP},
	{"build-version", required_argument, NULL, OPT_BUILD},
	{"ssdp-port", required_argument, NULL, OPT_SSDP_PORT},
	{"ssdp-addr", required_argument, NULL, OPT_SSDP_ADDR},
	{"ssdp-notify", required_argument, NULL, OPT_SSDP_NOTIFY},
	{"ssdp-notify-interval-s", required_argument, NULL, OPT_SSDP_NOTIFY_INTERVAL},
	{"watchdog-timeout-s", required_argument, NULL, OPT_WDT},
	{"mqtt-boot-grace-s", required_argument, NULL, OPT_GRACE},
	{"broadcast-interval-s", required_argument, NULL, OPT_BROADCAST},
	{"pins", required_argument, NULL, OPT_PINS},
	{"load-csv", required_argument, NULL, OPT_LOAD_CSV},
	{"energy-qos0", no_argument, NULL, OPT_QOS0},
	{"strict-http", no_argument, NULL, OPT_STRICT},
	{"noise-pct", required_argument, NULL, OPT_NOISE},
	{"first-index", required_argument, NULL, OPT_FIRST_INDEX},
	{"ota-http-timeout-s", required_argument, NULL, OPT_OTA_HTTP_TIMEOUT},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static void sim_usage(void)
{
	fprintf(stderr,
		"usage: plugsim --state-dir DIR [--broker-host 127.0.0.1] [--broker-port 1883]\n"
		"  [--mqtt-user U] [--mqtt-pass P] [--count 1] [--topic-prefix obk]\n"
		"  [--http-port-base 0] [--power-w 60] [--voltage-v 230] [--publish-interval-s 5]\n"
		"  [--ssdp-notify ADDR:PORT] [--ssdp-notify-interval-s 30]\n"
		"  [--chip BL602] [--build-version 1.18.0] [--ssdp-port 0] [--ssdp-addr "
		"127.0.0.1]\n"
		"  [--watchdog-timeout-s 3] [--mqtt-boot-grace-s 60] [--broadcast-interval-s 60]\n"
		"  [--pins SM-028_V1.3|RMC021] [--load-csv FILE] [--energy-qos0] [--strict-http]\n"
		"  [--noise-pct 1] [--first-index 0] [--ota-http-timeout-s 60]\n");
}

static bool sim_num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static int sim_parse(int argc, char **argv, struct sim_options *o)
{
	double v;
	int c;

	*o = (struct sim_options){
		.broker_host = "127.0.0.1",
		.broker_port = 1883,
		.mqtt_user = "",
		.mqtt_pass = "",
		.count = 1,
		.topic_prefix = "obk",
		.power_w = 60,
		.voltage_v = 230,
		.publish_interval_s = 5,
		.chip = "BL602",
		.build_version = "1.18.0",
		.ssdp_addr = "127.0.0.1",
		.ssdp_notify_interval_s = 30,
		.watchdog_timeout_s = 3,
		.mqtt_boot_grace_s = 60,
		.broadcast_interval_s = 60,
		.ota_http_timeout_s = 60,
		.pins = "SM-028_V1.3",
		.noise_pct = 1,
	};
	while ((c = getopt_long(argc, argv, "", sim_long_opts, NULL)) != -1) {
		bool ok = true;

		switch (c) {
		case OPT_BROKER_HOST:
			o->broker_host = optarg;
			ok = strlen(optarg) < 64;
			break;
		case OPT_BROKER_PORT:
			ok = sim_num(optarg, 1, 65535, &v);
			o->broker_port = (uint16_t)v;
			break;
		case OPT_USER:
			o->mqtt_user = optarg;
			ok = strlen(optarg) < 64;
			break;
		case OPT_PASS:
			o->mqtt_pass = optarg;
			ok = strlen(optarg) < 64;
			break;
		case OPT_COUNT:
			ok = sim_num(optarg, 1, 100000, &v);
			o->count = (unsigned int)v;
			break;
		case OPT_PREFIX:
			o->topic_prefix = optarg;
			ok = strlen(optarg) > 0 && strlen(optarg) <= 24;
			break;
		case OPT_STATE_DIR:
			o->state_dir = optarg;
			break;
		case OPT_HTTP_BASE:
			ok = sim_num(optarg, 0, 65535, &v);
			o->http_port_base = (uint16_t)v;
			break;
		case OPT_POWER:
			ok = sim_num(optarg, 0, 7200, &o->power_w);
			break;
		case OPT_VOLTAGE:
			ok = sim_num(optarg, 1, 400, &o->voltage_v);
			break;
		case OPT_INTERVAL:
			ok = sim_num(optarg, 1, 3600, &v);
			o->publish_interval_s = (unsigned int)v;
			break;
		case OPT_CHIP:
			o->chip = optarg;
			ok = ota_image_chip_from_name(optarg) != OTA_CHIP_UNKNOWN;
			break;
		case OPT_BUILD:
			o->build_version = optarg;
			ok = strlen(optarg) > 0 && strlen(optarg) <= PLUG_VERSION_MAX;
			break;
		case OPT_SSDP_PORT:
			ok = sim_num(optarg, 0, 65535, &v);
			o->ssdp_port = (uint16_t)v;
			break;
		case OPT_SSDP_ADDR:
			o->ssdp_addr = optarg;
			break;
		case OPT_SSDP_NOTIFY:
			o->ssdp_notify = optarg;
			ok = strchr(optarg, ':') != NULL;
			break;
		case OPT_SSDP_NOTIFY_INTERVAL:
			ok = sim_num(optarg, 1, 3600, &v);
			o->ssdp_notify_interval_s = (unsigned int)v;
			break;
		case OPT_WDT:
			ok = sim_num(optarg, 1, 3600, &v);
			o->watchdog_timeout_s = (unsigned int)v;
			break;
		case OPT_GRACE:
			ok = sim_num(optarg, 1, 86400, &v);
			o->mqtt_boot_grace_s = (unsigned int)v;
			break;
		case OPT_OTA_HTTP_TIMEOUT:
			ok = sim_num(optarg, 1, 3600, &v);
			o->ota_http_timeout_s = (unsigned int)v;
			break;
		case OPT_BROADCAST:
			ok = sim_num(optarg, 0, 86400, &v);
			o->broadcast_interval_s = (unsigned int)v;
			break;
		case OPT_PINS:
			o->pins = optarg;
			ok = pins_find(optarg) != NULL;
			break;
		case OPT_LOAD_CSV:
			o->load_csv = optarg;
			break;
		case OPT_QOS0:
			o->energy_qos0 = true;
			break;
		case OPT_STRICT:
			o->strict_http = true;
			break;
		case OPT_FIRST_INDEX:
			ok = sim_num(optarg, 0, 0xFFFFFF, &v);
			o->first_index = (unsigned int)v;
			break;
		case OPT_NOISE:
			ok = sim_num(optarg, 0, 50, &o->noise_pct);
			break;
		default:
			sim_usage();
			return -1;
		}
		if (!ok) {
			fprintf(stderr, "plugsim: bad value for --%s: %s\n",
				sim_long_opts[c - 256].name, optarg);
			return -1;
		}
	}
	if (optind != argc || !o->state_dir) {
		sim_usage();
		return -1;
	}
	if ((uint64_t)o->first_index + o->count > 0x1000000) {
		fprintf(stderr, "plugsim: --first-index + --count exceeds 6 hex digits\n");
		return -1;
	}
	if ((uint64_t)o->http_port_base + o->count > 65536) {
		fprintf(stderr, "plugsim: --http-port-base + --count exceeds 65535\n");
		return -1;
	}
	return 0;
}

static void sim_raise_fd_limit(unsigned int count)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)count * (SIM_PFD_PER_PLUG + 1) + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < want) {
		rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int sim_start(struct sim *s)
{
	struct sigaction sa = {.sa_handler = sim_on_signal};

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (mkdir(s->opt.state_dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "plugsim: %s: %s\n", s->opt.state_dir, strerror(errno));
		return -1;
	}
	if (s->opt.load_csv && sim_load_csv(s, s->opt.load_csv))
		return -1;
	sim_raise_fd_limit(s->opt.count);
	s->start_ms = sim_now_ms();
	s->ssdp_fd = -1;
	if ((s->opt.ssdp_port || s->opt.ssdp_notify) && sim_ssdp_open(s))
		return -1;
	s->plugs = calloc(s->opt.count, sizeof(*s->plugs));
	if (!s->plugs) {
		fprintf(stderr, "plugsim: out of memory for %u plugs\n", s->opt.count);
		return -1;
	}
	for (unsigned int i = 0; i < s->opt.count; i++) {
		struct hal *h = &s->plugs[i];
		char mac[24];

		if (sim_plug_create(s, h, i))
			return -1;
		s->count = i + 1;
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", h->mac[0], h->mac[1],
			 h->mac[2], h->mac[3], h->mac[4], h->mac[5]);
		printf("PLUG %s http=127.0.0.1:%u mac=%s\n", h->params.topic, h->http_port, mac);
		fflush(stdout);
		/* First boot is a power-on: retained RAM holds noise. */
		sim_plug_down(h, false);
		h->up_at_ms = 0;
	}
	printf("READY %u\n", s->count);
	fflush(stdout);
	return 0;
}

static void sim_run(struct sim *s)
{
	size_t npfd = 2 + (size_t)s->count * SIM_PFD_PER_PLUG;
	struct pollfd *pfd = calloc(npfd, sizeof(*pfd));

	if (!pfd)
		return;
	fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
	while (!s->quit && !sim_signalled) {
		uint64_t now;
		int timeout = SIM_POLL_MS;
		size_t n = 2;

		pfd[0] = (struct pollfd){.fd = s->ctl_eof ? -1 : STDIN_FILENO, .events = POLLIN};
		pfd[1] = (struct pollfd){.fd = s->ssdp_fd, .events = POLLIN};
		for (unsigned int i = 0; i < s->count; i++) {
			struct hal *h = &s->plugs[i];

			sim_mqtt_fill_poll(h, &pfd[n]);
			n += 1 + sim_http_fill_poll(h, &pfd[n + 1]);
			sim_httpc_fill_poll(h, &pfd[n++], &timeout);
			if (h->state == SIM_RUNNING && plug_busy(&h->plug))
				timeout = 0;
			for (unsigned int k = 0; k < SIM_HTTP_CONNS; k++) {
				if (h->conns[k].fd >= 0 && h->conns[k].in_len)
					timeout = 5; /* a paused upload waits for the erase */
			}
		}
		if (poll(pfd, n, timeout) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents)
			sim_control_read(s);
		if (pfd[1].revents & POLLIN)
			sim_ssdp_handle(s);
		sim_ssdp_notify(s, sim_now_ms());
		now = sim_now_ms();
		n = 2;
		for (unsigned int i = 0; i < s->count; i++) {
			struct hal *h = &s->plugs[i];

			sim_mqtt_handle(h, pfd[n].revents);
			sim_http_handle(h, &pfd[n + 1], SIM_PFD_PER_PLUG - 1, now);
			n += SIM_PFD_PER_PLUG;
			sim_plug_service(h, now);
		}
	}
	free(pfd);
}

int main(int argc, char **argv)
{
	struct sim s;

	memset(&s, 0, sizeof(s));
	if (sim_parse(argc, argv, &s.opt))
		return 2;
	mosquitto_lib_init();
	if (sim_start(&s) == 0) {
		sim_run(&s);
	} else {
		s.quit = true;
	}
	for (unsigned int i = 0; i < s.count; i++) {
		struct hal *h = &s.plugs[i];

		if (h->state != SIM_DOWN)
			plug_shutdown(&h->plug);
		sim_plug_destroy(h);
	}
	if (s.ssdp_fd >= 0)
		close(s.ssdp_fd);
	free(s.plugs);
	free(s.load);
	mosquitto_lib_cleanup();
	fprintf(stderr, "plugsim: stopped\n");
	return sim_signalled || s.quit ? 0 : 1;
}
