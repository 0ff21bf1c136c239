#ifndef FAKE_HAL_H
#define FAKE_HAL_H

/* A HAL for host tests: RAM flash, a clock the test moves, recorded MQTT
 * publishes and HTTP output, retained RAM that survives fake_hal_reset(). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot.h"
#include "hal_gpio.h"

#define FAKE_PINS 32
#define FAKE_PUBS 256

struct fake_pub {
	char topic[128];
	char payload[512];
	int qos;
	bool retain;
};

/* ota_http: the test plays the server. serve() runs once the plug's request
 * is complete and sets resp (malloc'd, the fake frees it); the plug then
 * reads it in pieces, after which the connection ends if close_after, or
 * stays open and silent (a stalled server). */
struct fake_httpc {
	bool open;
	int connect_rc; /* what the next connect returns */
	unsigned int connects;
	char host[64];
	unsigned int port;
	char req[1024];
	size_t req_len;
	bool served;
	uint8_t *resp;
	size_t resp_len;
	size_t resp_off;
	bool close_after;
	void (*serve)(struct hal *h);
	void *arg;
};

struct hal {
	uint8_t *flash; /* FLASH_MAP_SIZE bytes */
	uint64_t now_ms;
	uint64_t epoch_s; /* wall clock; 0 = never set */
	bool pin_level[FAKE_PINS];
	hal_gpio_isr_fn isr[FAKE_PINS];
	void *isr_arg[FAKE_PINS];
	struct boot_retained retained;
	bool reset_requested;
	bool wdt_started;
	uint32_t wdt_timeout_ms;
	uint64_t wdt_last_feed_ms;
	bool link_up;
	bool mqtt_connect_called;
	int mqtt_connects;
	char mqtt_user[64];
	char mqtt_host[64];
	struct fake_pub pubs[FAKE_PUBS];
	unsigned int npubs;
	char subs[16][128];
	unsigned int nsubs;
	char http_out[8192];
	size_t http_out_len;
	bool http_finished;
	uint32_t free_heap;
	bool fail_flash_writes; /* writes into the OTA slots fail */
	int boot_slot;
	struct fake_httpc httpc;
	bool quiet;
};

void fake_hal_init(struct hal *h);
void fake_hal_free(struct hal *h);
void fake_hal_pulses(struct hal *h, unsigned int pin, uint32_t n);
const struct fake_pub *fake_hal_find_pub(const struct hal *h, const char *topic);
void fake_hal_clear_pubs(struct hal *h);

#endif
