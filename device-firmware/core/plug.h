#ifndef PLUG_H
#define PLUG_H

#include <stdbool.h>
#include <stdint.h>

#include "bl0937.h"
#include "boot.h"
#include "config.h"
#include "energy.h"
#include "fvlog.h"
#include "hal.h"
#include "mqtt_link.h"
#include "ota.h"
#include "ota_pull.h"
#include "pins.h"
#include "relay.h"
#include "slots.h"
#include "watchdog.h"

#define PLUG_TOPIC_MAX   32
#define PLUG_VERSION_MAX 32

/* What the factory (or plugsim's command line) gives a plug; fixed for its life. */
struct plug_params {
	char topic[PLUG_TOPIC_MAX + 1]; /* MQTT client id and topic <T> */
	char group[PLUG_TOPIC_MAX + 1];
	char chip_name[16];
	enum ota_image_chip chip;
	char factory_version[PLUG_VERSION_MAX + 1];
	struct config_mqtt bootstrap;
	const struct pins_template *pins;
	uint32_t publish_min_frames; /* energy: at most one publish per N s on change */
	uint32_t watchdog_timeout_ms;
	uint32_t mqtt_boot_grace_s;
	uint32_t broadcast_interval_s;
	bool energy_qos0;
	bool strict_http;
	bool ssdp_enabled;
	uint16_t http_port;
	uint32_t ota_http_stall_ms; /* ota_http: no byte this long = a drop (0: 60 s) */
	const uint8_t *ota_pubkey;  /* 65-byte SEC1 point */
};

/* Driver ops table (OpenBeken's driver_t): drivers run from the 1 Hz tick. */
struct plug;
struct plug_driver {
	const char *name;
	int (*init)(struct plug *p);
	void (*tick)(struct plug *p);
	void (*stop)(struct plug *p);
};

/* Everything one plug is. Plugsim keeps a thousand of these side by side. */
struct plug {
	struct hal *hal;
	const struct plug_params *params;
	struct config cfg;
	struct dualrec cfg_store;
	bool cfg_dirty;
	struct fvlog fv;
	struct slots slots;
	enum slots_boot slots_boot;
	uint64_t trial_deadline_ms;
	char version[PLUG_VERSION_MAX + 1];
	struct boot_retained *retained;
	struct logbuf prev_log;
	enum boot_reason boot_reason;
	uint32_t boot_count;
	uint8_t mac[6];
	char short_name[24];
	char long_name[32];
	struct relay_state relay;
	struct bl0937_state meter;
	struct energy_state energy;
	struct bl0937_cal cal;
	struct mqtt_link link;
	struct ota_state ota;
	struct ota_pull pull;
	struct watchdog_state wdt;
	uint64_t next_second_ms;
	uint32_t uptime_s;
	uint64_t reboot_at_ms; /* 0 = none */
	uint32_t rng;
	bool halted; /* reset requested; the port restarts us */
};

int plug_boot(struct plug *p, struct hal *h, const struct plug_params *params);
/* One main-loop iteration: feeds the watchdog, runs the 1 Hz tick when due. */
void plug_poll(struct plug *p);
/* Orderly power-down (SIGTERM on plugsim): persists state. */
void plug_shutdown(struct plug *p);
void plug_log(struct plug *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void plug_schedule_reboot(struct plug *p, uint32_t delay_ms);
/* Resets now: saves state for a software restart, not for a crash. */
void plug_reset(struct plug *p, enum boot_reason why);
void plug_set_relay(struct plug *p, unsigned int idx, bool on);
/* Value of an OpenBeken channel (relay state, 0 for unused channels). */
int plug_channel_value(const struct plug *p, unsigned int channel);
int plug_set_channel(struct plug *p, unsigned int channel, long value);
int plug_save_config(struct plug *p);
int plug_save_vars(struct plug *p);
uint32_t plug_random(struct plug *p);
bool plug_busy(const struct plug *p);
void plug_format_build_mqtt(const struct plug *p, char *buf, size_t cap);
void plug_format_build_http(const struct plug *p, char *buf, size_t cap);
void plug_format_mac(const struct plug *p, char *buf, size_t cap);

#endif
