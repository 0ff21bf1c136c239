/* The HAL on a real BL602 plug (SM-028_V1.3 and friends), over the SDK
 * functions declared in bl602_sdk.h: time, GPIO interrupts, flash, watchdog,
 * reset, crypto, and the plug's FreeRTOS task. Networking is bl602_net.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bl602_port.h"
#include "hal_crypto.h"
#include "hal_flash.h"
#include "hal_gpio.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "ota_pubkey.h"
#include "plug.h"

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
	hal_gpio_register_handler((void *)bl602_isr_trampoline, (int)pin,
				  BL602_GPIO_INT_CONTROL_ASYNC,
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

int hal_flash_boot_slot(struct hal *h, uint8_t slot, uint32_t image_len)
{
	(void)h;
	return bl602_boot2_select_fw(slot, image_len) ? -EIO : 1;
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
	h->httpc_fd = -1;
	h->connack = -1;
	for (unsigned int i = 0; i < BL602_HTTP_CONNS; i++)
		h->conns[i].fd = -1;
	/* Identity comes from the MAC, like OpenBeken's obl<MAC[2..5]>; the
	 * broker is set later by the hub (MqttHost) or at provisioning. */
	{
		uint8_t mac[6];

		bl_wifi_mac_addr_get(mac);
		snprintf(pp->topic, sizeof(pp->topic), "obl%02X%02X%02X%02X", mac[2], mac[3],
			 mac[4], mac[5]);
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
