#include "fake_hal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flash_map.h"
#include "hal_flash.h"
#include "hal_http.h"
#include "hal_httpc.h"
#include "hal_mqtt.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"

void fake_hal_init(struct hal *h)
{
	memset(h, 0, sizeof(*h));
	h->flash = malloc(FLASH_MAP_SIZE);
	memset(h->flash, 0xFF, FLASH_MAP_SIZE);
	h->link_up = true;
	h->free_heap = 100000;
	h->quiet = true;
}

void fake_hal_free(struct hal *h)
{
	free(h->httpc.resp);
	h->httpc.resp = NULL;
	free(h->flash);
}

void fake_hal_pulses(struct hal *h, unsigned int pin, uint32_t n)
{
	while (n--)
		h->isr[pin](h->isr_arg[pin]);
}

const struct fake_pub *fake_hal_find_pub(const struct hal *h, const char *topic)
{
	for (unsigned int i = h->npubs; i-- > 0;) {
		if (strcmp(h->pubs[i].topic, topic) == 0)
			return &h->pubs[i];
	}
	return NULL;
}

void fake_hal_clear_pubs(struct hal *h)
{
	h->npubs = 0;
}

uint64_t hal_time_ms(struct hal *h)
{
	return h->now_ms;
}

uint64_t hal_time_epoch_s(struct hal *h)
{
	return h->epoch_s;
}

int hal_gpio_config(struct hal *h, unsigned int pin, enum hal_gpio_mode mode)
{
	(void)h;
	(void)mode;
	return pin < FAKE_PINS ? 0 : -EINVAL;
}

void hal_gpio_write(struct hal *h, unsigned int pin, bool level)
{
	if (pin < FAKE_PINS)
		h->pin_level[pin] = level;
}

bool hal_gpio_read(struct hal *h, unsigned int pin)
{
	return pin < FAKE_PINS && h->pin_level[pin];
}

int hal_gpio_irq_attach(struct hal *h, unsigned int pin, enum hal_gpio_edge edge,
			hal_gpio_isr_fn isr, void *arg)
{
	(void)edge;
	if (pin >= FAKE_PINS)
		return -EINVAL;
	h->isr[pin] = isr;
	h->isr_arg[pin] = arg;
	return 0;
}

unsigned int hal_irq_save(struct hal *h)
{
	(void)h;
	return 0;
}

void hal_irq_restore(struct hal *h, unsigned int state)
{
	(void)h;
	(void)state;
}

int hal_flash_read(struct hal *h, uint32_t addr, void *buf, size_t len)
{
	if (addr > FLASH_MAP_SIZE || len > FLASH_MAP_SIZE - addr)
		return -EINVAL;
	memcpy(buf, h->flash + addr, len);
	return 0;
}

int hal_flash_write(struct hal *h, uint32_t addr, const void *buf, size_t len)
{
	const uint8_t *b = buf;

	if (addr > FLASH_MAP_SIZE || len > FLASH_MAP_SIZE - addr)
		return -EINVAL;
	/* fail like a worn OTA slot: the slot table and config still write */
	if (h->fail_flash_writes && addr >= FLASH_MAP_SLOT0 &&
	    addr < FLASH_MAP_SLOT1 + FLASH_MAP_SLOT1_SIZE)
		return -EIO;
	for (size_t i = 0; i < len; i++)
		h->flash[addr + i] &= b[i];
	return 0;
}

int hal_flash_erase(struct hal *h, uint32_t addr, size_t len)
{
	if (addr % HAL_FLASH_SECTOR_SIZE || len % HAL_FLASH_SECTOR_SIZE || addr > FLASH_MAP_SIZE ||
	    len > FLASH_MAP_SIZE - addr)
		return -EINVAL;
	memset(h->flash + addr, 0xFF, len);
	return 0;
}

int hal_flash_boot_slot(struct hal *h, uint8_t slot, uint32_t image_len)
{
	(void)image_len;
	h->boot_slot = slot;
	return 0;
}

bool hal_net_link_up(struct hal *h)
{
	return h->link_up;
}

int hal_net_ip(struct hal *h, char *buf, size_t len)
{
	(void)h;
	snprintf(buf, len, "127.0.0.1");
	return 0;
}

int hal_net_rssi(struct hal *h)
{
	(void)h;
	return -50;
}

void hal_net_mac(struct hal *h, uint8_t mac[6])
{
	(void)h;
	static const uint8_t m[6] = {0x02, 0x42, 0x00, 0x00, 0x00, 0x07};

	memcpy(mac, m, 6);
}

int hal_mqtt_connect(struct hal *h, const struct hal_mqtt_params *params)
{
	h->mqtt_connect_called = true;
	h->mqtt_connects++;
	snprintf(h->mqtt_user, sizeof(h->mqtt_user), "%s", params->user ? params->user : "");
	snprintf(h->mqtt_host, sizeof(h->mqtt_host), "%s", params->host);
	return 0;
}

int hal_mqtt_subscribe(struct hal *h, const char *filter, int qos)
{
	(void)qos;
	if (h->nsubs < 16)
		snprintf(h->subs[h->nsubs++], sizeof(h->subs[0]), "%s", filter);
	return 0;
}

int hal_mqtt_publish(struct hal *h, const char *topic, const void *payload, size_t len, int qos,
		     bool retain)
{
	struct fake_pub *p;

	if (h->npubs == FAKE_PUBS)
		memmove(h->pubs, h->pubs + 1, sizeof(h->pubs[0]) * --h->npubs);
	p = &h->pubs[h->npubs++];
	snprintf(p->topic, sizeof(p->topic), "%s", topic);
	snprintf(p->payload, sizeof(p->payload), "%.*s", (int)len, (const char *)payload);
	p->qos = qos;
	p->retain = retain;
	return 0;
}

void hal_mqtt_abort(struct hal *h)
{
	(void)h;
}

int hal_http_send(struct hal *h, unsigned int conn, const void *data, size_t len)
{
	(void)conn;
	if (len > sizeof(h->http_out) - 1 - h->http_out_len)
		len = sizeof(h->http_out) - 1 - h->http_out_len;
	memcpy(h->http_out + h->http_out_len, data, len);
	h->http_out_len += len;
	h->http_out[h->http_out_len] = '\0';
	return 0;
}

void hal_http_finish(struct hal *h, unsigned int conn)
{
	(void)conn;
	h->http_finished = true;
}

void *hal_sys_retained(struct hal *h, size_t *len)
{
	*len = sizeof(h->retained);
	return &h->retained;
}

void hal_sys_reset(struct hal *h)
{
	h->reset_requested = true;
}

uint32_t hal_sys_free_heap(struct hal *h)
{
	return h->free_heap;
}

uint32_t hal_sys_random(struct hal *h)
{
	(void)h;
	return 12345;
}

void hal_sys_log(struct hal *h, const char *line)
{
	if (!h->quiet)
		fprintf(stderr, "%s\n", line);
}

int hal_wdt_start(struct hal *h, uint32_t timeout_ms)
{
	h->wdt_started = true;
	h->wdt_timeout_ms = timeout_ms;
	h->wdt_last_feed_ms = h->now_ms;
	return 0;
}

void hal_wdt_feed(struct hal *h)
{
	h->wdt_last_feed_ms = h->now_ms;
}

int hal_httpc_connect(struct hal *h, const char *host, uint16_t port)
{
	struct fake_httpc *c = &h->httpc;

	c->connects++;
	if (c->connect_rc)
		return c->connect_rc;
	snprintf(c->host, sizeof(c->host), "%s", host);
	c->port = port;
	c->open = true;
	c->req_len = 0;
	c->served = false;
	free(c->resp);
	c->resp = NULL;
	c->resp_len = c->resp_off = 0;
	c->close_after = true;
	return 0;
}

int hal_httpc_send(struct hal *h, const void *data, size_t len)
{
	struct fake_httpc *c = &h->httpc;

	if (!c->open)
		return -ENOTCONN;
	if (len > sizeof(c->req) - 1 - c->req_len)
		return -EMSGSIZE;
	memcpy(c->req + c->req_len, data, len);
	c->req_len += len;
	c->req[c->req_len] = '\0';
	if (!c->served && strstr(c->req, "\r\n\r\n")) {
		c->served = true;
		if (c->serve)
			c->serve(h);
	}
	return (int)len;
}

int hal_httpc_recv(struct hal *h, void *buf, size_t cap)
{
	struct fake_httpc *c = &h->httpc;
	size_t n;

	if (!c->open)
		return -ENOTCONN;
	if (c->resp_off >= c->resp_len)
		return c->close_after && c->served ? -ECONNRESET : 0;
	/* odd-sized pieces, as TCP delivers them */
	n = c->resp_len - c->resp_off;
	n = n < cap ? n : cap;
	n = n < 700 ? n : 700;
	memcpy(buf, c->resp + c->resp_off, n);
	c->resp_off += n;
	return (int)n;
}

void hal_httpc_close(struct hal *h)
{
	h->httpc.open = false;
}
