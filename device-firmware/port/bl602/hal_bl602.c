/* The HAL on a real BL602 plug (SM-028_V1.3 and friends), over the SDK
 * functions declared in bl602_sdk.h. One plug, one FreeRTOS task. lwIP
 * callbacks run in the tcpip thread, so they only queue events; the plug's
 * task hands them to core, keeping core single-threaded. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bl602_sdk.h"
#include "hal_crypto.h"
#include "hal_flash.h"
#include "hal_gpio.h"
#include "hal_http.h"
#include "hal_mqtt.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "http_srv.h"
#include "mqtt_link.h"
#include "ota_pubkey.h"
#include "plug.h"

#define BL602_PINS 23
#define BL602_HTTP_CONNS 2
#define BL602_LOOP_MS 10
#define BL602_MSG_SLOTS 2

struct bl602_isr {
	hal_gpio_isr_fn fn;
	void *arg;
};

struct bl602_msg {
	volatile int full;
	char topic[MQTT_LINK_TOPIC_MAX + 1];
	uint8_t payload[MQTT_LINK_PAYLOAD_MAX + 1];
	size_t len;
	int overflow;
};

struct bl602_conn {
	int fd;
	struct http_srv_conn srv;
	uint8_t in[1024];
	size_t in_len;
	int finishing;
};

struct hal {
	struct plug plug;
	struct plug_params params;
	uint32_t tick_last;
	uint64_t tick_high;
	struct bl602_isr isr[BL602_PINS];
	mqtt_client_t *mqtt;
	volatile int connack; /* -1 none, else status */
	volatile int lost;
	struct bl602_msg msgs[BL602_MSG_SLOTS];
	unsigned int msg_in; /* slot the tcpip thread is filling */
	int listen_fd;
	struct bl602_conn conns[BL602_HTTP_CONNS];
};

static struct hal bl602_hal;
/* Survives a watchdog or software reset (not cleared by the startup code). */
static struct boot_retained bl602_retained __attribute__((section(".noinit")));

uint64_t hal_time_ms(struct hal *h)
{
	uint32_t now = xTaskGetTickCount();

	if (now < h->tick_last)
		h->tick_high += (uint64_t)1 << 32;
	h->tick_last = now;
	return h->tick_high | now;
}

uint64_t hal_time_epoch_s(struct hal *h)
{
	(void)h;
	return 0; /* no NTP driver yet */
}

int hal_gpio_config(struct hal *h, unsigned int pin, enum hal_gpio_mode mode)
{
	(void)h;
	if (pin >= BL602_PINS)
		return -EINVAL;
	if (mode == HAL_GPIO_OUTPUT)
		return bl_gpio_enable_output((uint8_t)pin, 0, 0) ? -EIO : 0;
	return bl_gpio_enable_input((uint8_t)pin, mode == HAL_GPIO_INPUT_PULLUP, 0) ? -EIO : 0;
}

void hal_gpio_write(struct hal *h, unsigned int pin, bool level)
{
	(void)h;
	if (pin < BL602_PINS)
		bl_gpio_output_set((uint8_t)pin, level ? 1 : 0);
}

bool hal_gpio_read(struct hal *h, unsigned int pin)
{
	(void)h;
	return pin < BL602_PINS && bl_gpio_input_get_value((uint8_t)pin) != 0;
}

static void bl602_isr_trampoline(void *arg)
{
	struct bl602_isr *slot = arg;

	slot->fn(slot->arg);
}

int hal_gpio_irq_attach(struct hal *h, unsigned int pin, enum hal_gpio_edge edge,
			hal_gpio_isr_fn isr, void *arg)
{
	if (pin >= BL602_PINS)
		return -EINVAL;
	h->isr[pin].fn = isr;
	h->isr[pin].arg = arg;
	hal_gpio_register_handler((void *)bl602_isr_trampoline, (int)pin, BL602_GPIO_INT_CONTROL_ASYNC,
				  edge == HAL_GPIO_EDGE_FALLING ? BL602_GPIO_INT_TRIG_NEG_PULSE
								: BL602_GPIO_INT_TRIG_POS_PULSE,
				  &h->isr[pin]);
	return 0;
}

unsigned int hal_irq_save(struct hal *h)
{
	(void)h;
	vPortEnterCritical();
	return 0;
}

void hal_irq_restore(struct hal *h, unsigned int state)
{
	(void)h;
	(void)state;
	vPortExitCritical();
}

int hal_flash_read(struct hal *h, uint32_t addr, void *buf, size_t len)
{
	(void)h;
	return bl_flash_read(addr, buf, (int)len) ? -EIO : 0;
}

int hal_flash_write(struct hal *h, uint32_t addr, const void *buf, size_t len)
{
	(void)h;
	/* the SDK takes a non-const pointer but does not write through it */
	return bl_flash_write(addr, (uint8_t *)(uintptr_t)buf, (int)len) ? -EIO : 0;
}

int hal_flash_erase(struct hal *h, uint32_t addr, size_t len)
{
	(void)h;
	return bl_flash_erase(addr, (int)len) ? -EIO : 0;
}

bool hal_net_link_up(struct hal *h)
{
	int state = 0;

	(void)h;
	return wifi_mgmr_state_get(&state) == 0 && state == BL602_WIFI_STATE_CONNECTED_IP_GOT;
}

int hal_net_ip(struct hal *h, char *buf, size_t len)
{
	uint32_t ip = 0, gw, mask;

	(void)h;
	if (wifi_mgmr_sta_ip_get(&ip, &gw, &mask))
		return -EIO;
	snprintf(buf, len, "%u.%u.%u.%u", (unsigned int)(ip & 0xFF), (unsigned int)(ip >> 8 & 0xFF),
		 (unsigned int)(ip >> 16 & 0xFF), (unsigned int)(ip >> 24));
	return 0;
}

int hal_net_rssi(struct hal *h)
{
	int rssi = 0;

	(void)h;
	wifi_mgmr_rssi_get(&rssi);
	return rssi;
}

void hal_net_mac(struct hal *h, uint8_t mac[6])
{
	(void)h;
	bl_wifi_mac_addr_get(mac);
}

/* MQTT over lwIP's client; callbacks arrive in the tcpip thread. */
static void bl602_mqtt_conn_cb(mqtt_client_t *client, void *arg, mqtt_connection_status_t status)
{
	struct hal *h = arg;

	(void)client;
	if (status == MQTT_CONNECT_ACCEPTED)
		h->connack = 0;
	else if (status == MQTT_CONNECT_DISCONNECTED || status == MQTT_CONNECT_TIMEOUT)
		h->lost = 1;
	else
		h->connack = (int)status;
}

static void bl602_mqtt_pub_cb(void *arg, const char *topic, uint32_t tot_len)
{
	struct hal *h = arg;
	struct bl602_msg *m = &h->msgs[h->msg_in];

	if (m->full)
		return; /* main loop behind: this message is dropped */
	strncpy(m->topic, topic, sizeof(m->topic) - 1);
	m->topic[sizeof(m->topic) - 1] = '\0';
	m->len = 0;
	m->overflow = tot_len > MQTT_LINK_PAYLOAD_MAX || strlen(topic) > MQTT_LINK_TOPIC_MAX;
}

static void bl602_mqtt_data_cb(void *arg, const uint8_t *data, uint16_t len, uint8_t flags)
{
	struct hal *h = arg;
	struct bl602_msg *m = &h->msgs[h->msg_in];

	if (m->full)
		return;
	if (!m->overflow && len <= MQTT_LINK_PAYLOAD_MAX - m->len) {
		memcpy(m->payload + m->len, data, len);
		m->len += len;
	} else {
		m->overflow = 1;
	}
	if (flags & BL602_MQTT_DATA_FLAG_LAST) {
		if (!m->overflow) {
			m->full = 1;
			h->msg_in = (h->msg_in + 1) % BL602_MSG_SLOTS;
		}
	}
}

int hal_mqtt_connect(struct hal *h, const struct hal_mqtt_params *p)
{
	struct mqtt_connect_client_info_t info = {
		.client_id = p->client_id,
		.client_user = p->user && p->user[0] ? p->user : NULL,
		.client_pass = p->password && p->password[0] ? p->password : NULL,
		.keep_alive = p->keepalive_s,
		.will_topic = p->will_topic,
		.will_msg = p->will_payload,
		.will_qos = (uint8_t)p->will_qos,
		.will_retain = p->will_retain,
	};
	ip_addr_t ip;
	err_t err;

	if (!ipaddr_aton(p->host, &ip))
		return -EINVAL; /* no DNS: the hub provisions an address */
	if (!h->mqtt)
		h->mqtt = mqtt_client_new();
	if (!h->mqtt)
		return -ENOMEM;
	h->connack = -1;
	h->lost = 0;
	sys_lock_tcpip_core();
	mqtt_set_inpub_callback(h->mqtt, bl602_mqtt_pub_cb, bl602_mqtt_data_cb, h);
	err = mqtt_client_connect(h->mqtt, &ip, p->port, bl602_mqtt_conn_cb, h, &info);
	sys_unlock_tcpip_core();
	return err == BL602_ERR_OK ? 0 : -ECONNREFUSED;
}

int hal_mqtt_subscribe(struct hal *h, const char *filter, int qos)
{
	err_t err;

	if (!h->mqtt)
		return -ENOTCONN;
	sys_lock_tcpip_core();
	err = mqtt_sub_unsub(h->mqtt, filter, (uint8_t)qos, NULL, NULL, 1);
	sys_unlock_tcpip_core();
	return err == BL602_ERR_OK ? 0 : -EIO;
}

int hal_mqtt_publish(struct hal *h, const char *topic, const void *payload, size_t len, int qos,
		     bool retain)
{
	err_t err;

	if (!h->mqtt || len > UINT16_MAX)
		return -EINVAL;
	sys_lock_tcpip_core();
	err = mqtt_publish(h->mqtt, topic, payload, (uint16_t)len, (uint8_t)qos, retain, NULL, NULL);
	sys_unlock_tcpip_core();
	return err == BL602_ERR_OK ? 0 : -EIO;
}

void hal_mqtt_abort(struct hal *h)
{
	if (!h->mqtt)
		return;
	/* lwIP's client closes TCP without a DISCONNECT packet: the will fires. */
	sys_lock_tcpip_core();
	mqtt_disconnect(h->mqtt);
	sys_unlock_tcpip_core();
}

static void bl602_mqtt_service(struct hal *h)
{
	for (unsigned int i = 0; i < BL602_MSG_SLOTS; i++) {
		struct bl602_msg *m = &h->msgs[i];

		if (!m->full)
			continue;
		mqtt_link_on_message(&h->plug, m->topic, strlen(m->topic), m->payload, m->len);
		m->full = 0;
	}
	if (h->connack >= 0) {
		int rc = h->connack;

		h->connack = -1;
		mqtt_link_on_connack(&h->plug, rc);
	}
	if (h->lost) {
		h->lost = 0;
		mqtt_link_on_lost(&h->plug);
	}
}

/* HTTP: lwIP sockets, non-blocking, polled from the main loop. */
static int bl602_http_listen(struct hal *h, uint16_t port)
{
	struct bl602_sockaddr_in a;
	int fd = lwip_socket(BL602_AF_INET, BL602_SOCK_STREAM, 0);

	if (fd < 0)
		return -EIO;
	memset(&a, 0, sizeof(a));
	a.sin_len = sizeof(a);
	a.sin_family = BL602_AF_INET;
	a.sin_port = lwip_htons(port);
	if (lwip_bind(fd, &a, sizeof(a)) || lwip_listen(fd, 4)) {
		lwip_close(fd);
		return -EIO;
	}
	lwip_fcntl(fd, BL602_F_SETFL, BL602_O_NONBLOCK);
	h->listen_fd = fd;
	return 0;
}

int hal_http_send(struct hal *h, unsigned int conn, const void *data, size_t len)
{
	const uint8_t *p = data;

	if (conn >= BL602_HTTP_CONNS || h->conns[conn].fd < 0)
		return -EINVAL;
	while (len) {
		int n = lwip_send(h->conns[conn].fd, p, len, 0);

		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void hal_http_finish(struct hal *h, unsigned int conn)
{
	if (conn < BL602_HTTP_CONNS)
		h->conns[conn].finishing = 1;
}

static void bl602_http_service(struct hal *h)
{
	int fd = lwip_accept(h->listen_fd, NULL, NULL);

	if (fd >= 0) {
		struct bl602_conn *free_slot = NULL;

		for (unsigned int i = 0; i < BL602_HTTP_CONNS && !free_slot; i++) {
			if (h->conns[i].fd < 0) {
				free_slot = &h->conns[i];
				http_srv_conn_open(&free_slot->srv, i);
			}
		}
		if (!free_slot) {
			lwip_close(fd); /* fixed slots, no malloc per connection */
		} else {
			lwip_fcntl(fd, BL602_F_SETFL, BL602_O_NONBLOCK);
			free_slot->fd = fd;
			free_slot->in_len = 0;
			free_slot->finishing = 0;
		}
	}
	for (unsigned int i = 0; i < BL602_HTTP_CONNS; i++) {
		struct bl602_conn *c = &h->conns[i];
		size_t used;
		int n;

		if (c->fd < 0)
			continue;
		if (c->in_len < sizeof(c->in)) {
			n = lwip_recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
			if (n == 0) {
				http_srv_conn_closed(&h->plug, &c->srv);
				lwip_close(c->fd);
				c->fd = -1;
				continue;
			}
			if (n > 0)
				c->in_len += (size_t)n;
		}
		used = c->in_len ? http_srv_feed(&h->plug, &c->srv, c->in, c->in_len) : 0;
		memmove(c->in, c->in + used, c->in_len - used);
		c->in_len -= used;
		if (c->finishing) {
			lwip_shutdown(c->fd, BL602_SHUT_WR);
			lwip_close(c->fd);
			c->fd = -1;
		}
	}
}

void *hal_sys_retained(struct hal *h, size_t *len)
{
	(void)h;
	*len = sizeof(bl602_retained);
	return &bl602_retained;
}

void hal_sys_reset(struct hal *h)
{
	(void)h;
	bl_sys_reset_por();
}

uint32_t hal_sys_free_heap(struct hal *h)
{
	(void)h;
	return (uint32_t)xPortGetFreeHeapSize();
}

uint32_t hal_sys_random(struct hal *h)
{
	(void)h;
	return bl_rand();
}

void hal_sys_log(struct hal *h, const char *line)
{
	(void)h;
	printf("%s\r\n", line);
}

int hal_wdt_start(struct hal *h, uint32_t timeout_ms)
{
	(void)h;
	return bl_wdt_init((int)timeout_ms) ? -EIO : 0;
}

void hal_wdt_feed(struct hal *h)
{
	(void)h;
	bl_wdt_feed();
}

_Static_assert(sizeof(mbedtls_sha256_context) <= HAL_SHA256_CTX_SIZE, "SHA-256 context fits");

void hal_sha256_start(struct hal_sha256 *c)
{
	mbedtls_sha256_context *s = (mbedtls_sha256_context *)c->opaque;

	mbedtls_sha256_init(s);
	mbedtls_sha256_starts_ret(s, 0);
}

void hal_sha256_update(struct hal_sha256 *c, const void *data, size_t len)
{
	mbedtls_sha256_update_ret((mbedtls_sha256_context *)c->opaque, data, len);
}

void hal_sha256_finish(struct hal_sha256 *c, uint8_t out[32])
{
	mbedtls_sha256_context *s = (mbedtls_sha256_context *)c->opaque;

	mbedtls_sha256_finish_ret(s, out);
	mbedtls_sha256_free(s);
}

bool hal_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64])
{
	return bl602_ecdsa_p256_verify(pub, hash, sig) == 0;
}

/* The plug's FreeRTOS task, started by the SDK's main after Wi-Fi init. */
void bl602_plug_task(void *arg);

void bl602_plug_task(void *arg)
{
	struct hal *h = &bl602_hal;
	struct plug_params *pp = &h->params;

	(void)arg;
	h->listen_fd = -1;
	h->connack = -1;
	for (unsigned int i = 0; i < BL602_HTTP_CONNS; i++)
		h->conns[i].fd = -1;
	/* Identity comes from the MAC, like OpenBeken's obl<MAC[2..5]>; the
	 * broker is set later by the hub (MqttHost) or at provisioning. */
	{
		uint8_t mac[6];

		bl_wifi_mac_addr_get(mac);
		snprintf(pp->topic, sizeof(pp->topic), "obl%02X%02X%02X%02X", mac[2], mac[3], mac[4],
			 mac[5]);
	}
	snprintf(pp->group, sizeof(pp->group), "bl602s");
	snprintf(pp->chip_name, sizeof(pp->chip_name), "BL602");
	pp->chip = OTA_CHIP_BL602;
	snprintf(pp->factory_version, sizeof(pp->factory_version), "%s", "1.18.0");
	pp->bootstrap.port = 1883;
	pp->pins = pins_default();
	pp->publish_min_frames = 5;
	pp->watchdog_timeout_ms = WATCHDOG_DEFAULT_TIMEOUT_MS;
	pp->mqtt_boot_grace_s = 120;
	pp->broadcast_interval_s = 60;
	pp->http_port = 80;
	pp->ota_pubkey = ota_pubkey_sec1;
	if (bl602_http_listen(h, pp->http_port))
		hal_sys_log(h, "HTTP: cannot listen on port 80");
	if (plug_boot(&h->plug, h, pp)) {
		/* Without a running plug there is nothing to feed the watchdog. */
		hal_sys_reset(h);
	}
	for (;;) {
		bl602_mqtt_service(h);
		if (h->listen_fd >= 0)
			bl602_http_service(h);
		plug_poll(&h->plug);
		vTaskDelay(plug_busy(&h->plug) ? 0 : BL602_LOOP_MS);
	}
}
