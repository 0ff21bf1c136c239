#ifndef SIM_H
#define SIM_H

/* plugsim: many virtual plugs in one process, one poll() loop. Each plug is
 * a struct hal (the port's context) wrapping the core's struct plug. */
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hal_gpio.h"
#include "http_srv.h"
#include "plug.h"

#define SIM_PINS          32
#define SIM_HTTP_CONNS    3
#define SIM_CONN_IN       2048
#define SIM_CONN_OUT      4096
#define SIM_BASE_HEAP     120000u
#define SIM_BOOT_DELAY_MS 800u
#define SIM_CONN_IDLE_MS  30000u

struct mosquitto;
struct sim;

struct sim_conn {
	int fd; /* -1 when free */
	struct http_srv_conn srv;
	uint8_t in[SIM_CONN_IN];
	size_t in_len;
	uint8_t out[SIM_CONN_OUT];
	size_t out_len;
	size_t out_off;
	bool finishing;
	uint64_t drain_until_ms; /* response sent; reading the rest before close */
	uint64_t opened_ms;
};

enum sim_state {
	SIM_RUNNING,
	SIM_FROZEN, /* main loop stuck: only the watchdog notices */
	SIM_DOWN,   /* between reset and boot */
};

struct hal {
	struct sim *sim;
	unsigned int index;
	struct plug plug;
	struct plug_params params;
	uint8_t mac[6];
	enum sim_state state;
	uint64_t boot_at_ms; /* monotonic; hal_time_ms() counts from here */
	uint64_t up_at_ms;   /* when a DOWN plug boots again */
	bool reset_pending;
	/* flash file, stored inverted so a sparse (zero) file reads as erased */
	int flash_fd;
	/* GPIO */
	bool pin_level[SIM_PINS];
	hal_gpio_isr_fn isr[SIM_PINS];
	void *isr_arg[SIM_PINS];
	/* survives resets, not power cycles */
	struct boot_retained retained;
	/* watchdog */
	bool wdt_running;
	uint32_t wdt_timeout_ms;
	uint64_t wdt_fed_ms;
	/* load and BL0937 pulses */
	double load_w;
	double noise_w;
	double noise_v;
	double frac_cf;
	double frac_cf1;
	uint64_t pulses_at_ms;
	uint64_t noise_at_ms;
	uint32_t rng;
	/* faults */
	uint32_t leak_bytes_per_s;
	uint64_t leak_since_ms;
	uint64_t wifi_back_ms; /* 0 = up */
	uint32_t slow_flash_ms;
	bool ota_fail;
	bool stay_down;   /* the next reset powers the plug off for good */
	bool trial_crash; /* the next new image crashes before it reaches MQTT */
	/* outgoing HTTP (ota_http) and its faults */
	int httpc_fd;
	bool httpc_connected;
	uint64_t httpc_read;          /* bytes read on this connection */
	uint64_t httpc_rate_since_ms; /* connect time, for the rate limit */
	uint32_t httpc_cut_after;     /* ota-http-cut: drop once after N bytes (0 = no) */
	uint32_t httpc_rate_bps;      /* ota-http-rate: bytes/s the plug reads (0 = any) */
	/* MQTT */
	struct mosquitto *mosq;
	bool mqtt_abort;
	/* HTTP */
	int listen_fd;
	uint16_t http_port;
	struct sim_conn conns[SIM_HTTP_CONNS];
};

struct sim_options {
	const char *broker_host;
	uint16_t broker_port;
	const char *mqtt_user;
	const char *mqtt_pass;
	unsigned int count;
	unsigned int first_index;
	const char *topic_prefix;
	const char *state_dir;
	uint16_t http_port_base;
	double power_w;
	double voltage_v;
	unsigned int publish_interval_s;
	const char *chip;
	const char *build_version;
	uint16_t ssdp_port;
	const char *ssdp_addr;
	const char *ssdp_notify; /* "addr:port" for NOTIFY alive, NULL = none */
	unsigned int ssdp_notify_interval_s;
	unsigned int watchdog_timeout_s;
	unsigned int mqtt_boot_grace_s;
	unsigned int broadcast_interval_s;
	unsigned int ota_http_timeout_s;
	const char *pins;
	const char *load_csv;
	bool energy_qos0;
	bool strict_http;
	double noise_pct;
};

struct sim_load_point {
	uint32_t t_s;
	double watts;
};

struct sim {
	struct sim_options opt;
	struct hal *plugs;
	unsigned int count;
	int ssdp_fd;
	uint64_t ssdp_notify_at_ms;
	struct sim_load_point *load;
	unsigned int load_points;
	uint64_t start_ms;
	bool quit;
	char ctl_buf[512];
	size_t ctl_len;
	bool ctl_eof;
};

uint64_t sim_now_ms(void);
struct hal *sim_find(struct sim *s, const char *topic);

/* sim_hal.c: lifecycle */
int sim_plug_create(struct sim *s, struct hal *h, unsigned int index);
void sim_plug_boot(struct hal *h);
/* Takes the plug down; keep_retained=false is a power cycle. */
void sim_plug_down(struct hal *h, bool keep_retained);
void sim_plug_service(struct hal *h, uint64_t now);
void sim_plug_destroy(struct hal *h);

/* sim_mqtt.c */
void sim_mqtt_fill_poll(struct hal *h, struct pollfd *pfd);
void sim_mqtt_handle(struct hal *h, short revents);
void sim_mqtt_drop(struct hal *h);

/* sim_http.c */
int sim_http_listen(struct hal *h, uint16_t port);
unsigned int sim_http_fill_poll(struct hal *h, struct pollfd *pfd);
void sim_http_handle(struct hal *h, const struct pollfd *pfd, unsigned int n, uint64_t now);
void sim_http_close_all(struct hal *h);

/* sim_httpc.c */
void sim_httpc_fill_poll(struct hal *h, struct pollfd *pfd, int *timeout);

/* sim_ssdp.c */
int sim_ssdp_open(struct sim *s);
void sim_ssdp_handle(struct sim *s);
void sim_ssdp_notify(struct sim *s, uint64_t now);

/* sim_load.c */
int sim_load_csv(struct sim *s, const char *path);
double sim_load_watts(struct sim *s, struct hal *h, uint64_t now);
void sim_load_pulses(struct hal *h, uint64_t now);

/* sim_control.c: the stdin fault-injection console */
void sim_control_read(struct sim *s);

#endif
