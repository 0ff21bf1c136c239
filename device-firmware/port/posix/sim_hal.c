/* The HAL of a virtual plug: clock, flash file, GPIO, watchdog, reset. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flash_map.h"
#include "hal_flash.h"
#include "hal_httpc.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "ota_pubkey.h"
#include "sim.h"

uint64_t sim_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t hal_time_ms(struct hal *h)
{
	return sim_now_ms() - h->boot_at_ms;
}

uint64_t hal_time_epoch_s(struct hal *h)
{
	(void)h;
	return (uint64_t)time(NULL);
}

/* GPIO: levels in an array; the load model calls the ISRs. */
int hal_gpio_config(struct hal *h, unsigned int pin, enum hal_gpio_mode mode)
{
	if (pin >= SIM_PINS)
		return -EINVAL;
	if (mode == HAL_GPIO_INPUT_PULLUP)
		h->pin_level[pin] = true;
	return 0;
}

void hal_gpio_write(struct hal *h, unsigned int pin, bool level)
{
	if (pin < SIM_PINS)
		h->pin_level[pin] = level;
}

bool hal_gpio_read(struct hal *h, unsigned int pin)
{
	return pin < SIM_PINS && h->pin_level[pin];
}

int hal_gpio_irq_attach(struct hal *h, unsigned int pin, enum hal_gpio_edge edge,
			hal_gpio_isr_fn isr, void *arg)
{
	(void)edge;
	if (pin >= SIM_PINS)
		return -EINVAL;
	h->isr[pin] = isr;
	h->isr_arg[pin] = arg;
	return 0;
}

/* One thread: "interrupts" only fire between plug_poll() calls. */
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

static bool sim_flash_range_ok(uint32_t addr, size_t len)
{
	return addr <= FLASH_MAP_SIZE && len <= FLASH_MAP_SIZE - addr;
}

static void sim_flash_delay(struct hal *h)
{
	if (h->slow_flash_ms)
		usleep(h->slow_flash_ms * 1000u);
}

int hal_flash_read(struct hal *h, uint32_t addr, void *buf, size_t len)
{
	uint8_t *b = buf;

	if (!sim_flash_range_ok(addr, len))
		return -EINVAL;
	if (pread(h->flash_fd, b, len, (off_t)addr) != (ssize_t)len)
		return -EIO;
	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)~b[i];
	return 0;
}

static bool sim_in_slot(uint32_t addr)
{
	return (addr >= FLASH_MAP_SLOT0 && addr < FLASH_MAP_SLOT0 + FLASH_MAP_SLOT0_SIZE) ||
	       (addr >= FLASH_MAP_SLOT1 && addr < FLASH_MAP_SLOT1 + FLASH_MAP_SLOT1_SIZE);
}

int hal_flash_write(struct hal *h, uint32_t addr, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint8_t tmp[4096];

	if (!sim_flash_range_ok(addr, len))
		return -EINVAL;
	if (h->ota_fail && sim_in_slot(addr)) {
		h->ota_fail = false;
		return -EIO;
	}
	sim_flash_delay(h);
	/* NOR: a write only clears bits; stored inverted, it only sets them. */
	for (size_t off = 0; off < len; off += sizeof(tmp)) {
		size_t n = len - off < sizeof(tmp) ? len - off : sizeof(tmp);

		if (pread(h->flash_fd, tmp, n, (off_t)(addr + off)) != (ssize_t)n)
			return -EIO;
		for (size_t i = 0; i < n; i++)
			tmp[i] |= (uint8_t)~b[off + i];
		if (pwrite(h->flash_fd, tmp, n, (off_t)(addr + off)) != (ssize_t)n)
			return -EIO;
	}
	return 0;
}

int hal_flash_erase(struct hal *h, uint32_t addr, size_t len)
{
	static const uint8_t zero[4096];

	if (addr % HAL_FLASH_SECTOR_SIZE || len % HAL_FLASH_SECTOR_SIZE ||
	    !sim_flash_range_ok(addr, len))
		return -EINVAL;
	sim_flash_delay(h);
	if (fallocate(h->flash_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, addr, (off_t)len) ==
	    0)
		return 0;
	for (size_t off = 0; off < len; off += sizeof(zero)) {
		if (pwrite(h->flash_fd, zero, sizeof(zero), (off_t)(addr + off)) !=
		    (ssize_t)sizeof(zero))
			return -EIO;
	}
	return 0;
}

/* The simulator has no boot loader: the slot table is the truth and the
 * version a plug reports is read from its active slot at boot. */
int hal_flash_boot_slot(struct hal *h, uint8_t slot, uint32_t image_len)
{
	(void)h;
	(void)slot;
	(void)image_len;
	return 0;
}

bool hal_net_link_up(struct hal *h)
{
	return h->wifi_back_ms == 0;
}

int hal_net_ip(struct hal *h, char *buf, size_t len)
{
	(void)h;
	snprintf(buf, len, "127.0.0.1");
	return 0;
}

int hal_net_rssi(struct hal *h)
{
	return -48 - (int)(h->index % 20);
}

void hal_net_mac(struct hal *h, uint8_t mac[6])
{
	memcpy(mac, h->mac, 6);
}

void *hal_sys_retained(struct hal *h, size_t *len)
{
	*len = sizeof(h->retained);
	return &h->retained;
}

void hal_sys_reset(struct hal *h)
{
	h->reset_pending = true;
}

uint32_t hal_sys_free_heap(struct hal *h)
{
	uint64_t leaked = 0;

	if (h->leak_bytes_per_s)
		leaked = (sim_now_ms() - h->leak_since_ms) * h->leak_bytes_per_s / 1000u;
	return leaked >= SIM_BASE_HEAP ? 0 : (uint32_t)(SIM_BASE_HEAP - leaked);
}

uint32_t hal_sys_random(struct hal *h)
{
	return (uint32_t)sim_now_ms() * 2654435761u ^ h->index;
}

void hal_sys_log(struct hal *h, const char *line)
{
	fprintf(stderr, "%s %s\n", h->params.topic, line);
}

int hal_wdt_start(struct hal *h, uint32_t timeout_ms)
{
	h->wdt_running = true;
	h->wdt_timeout_ms = timeout_ms;
	h->wdt_fed_ms = sim_now_ms();
	return 0;
}

void hal_wdt_feed(struct hal *h)
{
	h->wdt_fed_ms = sim_now_ms();
}

static int sim_open_flash(struct sim *s, struct hal *h)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.flash", s->opt.state_dir, h->params.topic);
	h->flash_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (h->flash_fd < 0) {
		fprintf(stderr, "plugsim: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	if (ftruncate(h->flash_fd, FLASH_MAP_SIZE)) {
		fprintf(stderr, "plugsim: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	return 0;
}

/* OpenBeken's DEF_MQTT_GROUP per platform (new_common.h) */
static const char *sim_group_topic(enum ota_image_chip chip)
{
	switch (chip) {
	case OTA_CHIP_BL602:
		return "bl602s";
	case OTA_CHIP_BK7231T:
		return "bekens_t";
	case OTA_CHIP_BK7231N:
		return "bekens_n";
	case OTA_CHIP_BK7238:
		return "bekens_8s";
	case OTA_CHIP_LN882H:
		return "ln882h";
	default:
		return "obks";
	}
}

int sim_plug_create(struct sim *s, struct hal *h, unsigned int index)
{
	struct plug_params *pp = &h->params;
	const struct sim_options *o = &s->opt;
	unsigned int ident;
	int rc;

	memset(h, 0, sizeof(*h));
	/* --first-index lets two plugsim processes share a hub without clashes */
	ident = o->first_index + index;
	h->sim = s;
	h->index = index;
	h->flash_fd = -1;
	h->listen_fd = -1;
	h->httpc_fd = -1;
	for (unsigned int i = 0; i < SIM_HTTP_CONNS; i++)
		h->conns[i].fd = -1;
	/* Locally administered, unicast, stable per identity number. */
	h->mac[0] = 0x02;
	h->mac[1] = 0x42;
	h->mac[2] = (uint8_t)(ident >> 24);
	h->mac[3] = (uint8_t)(ident >> 16);
	h->mac[4] = (uint8_t)(ident >> 8);
	h->mac[5] = (uint8_t)ident;
	h->rng = 0x9E3779B9u ^ (index * 2246822519u);
	if (h->rng == 0)
		h->rng = 1;
	h->load_w = o->power_w;

	snprintf(pp->topic, sizeof(pp->topic), "%s_%06x", o->topic_prefix, ident);
	snprintf(pp->chip_name, sizeof(pp->chip_name), "%s", o->chip);
	pp->chip = ota_image_chip_from_name(o->chip);
	snprintf(pp->group, sizeof(pp->group), "%s", sim_group_topic(pp->chip));
	snprintf(pp->factory_version, sizeof(pp->factory_version), "%s", o->build_version);
	snprintf(pp->bootstrap.host, sizeof(pp->bootstrap.host), "%s", o->broker_host);
	pp->bootstrap.port = o->broker_port;
	snprintf(pp->bootstrap.user, sizeof(pp->bootstrap.user), "%s", o->mqtt_user);
	snprintf(pp->bootstrap.password, sizeof(pp->bootstrap.password), "%s", o->mqtt_pass);
	pp->pins = pins_find(o->pins);
	pp->publish_min_frames = o->publish_interval_s;
	pp->watchdog_timeout_ms = o->watchdog_timeout_s * 1000u;
	pp->mqtt_boot_grace_s = o->mqtt_boot_grace_s;
	pp->broadcast_interval_s = o->broadcast_interval_s;
	pp->energy_qos0 = o->energy_qos0;
	pp->strict_http = o->strict_http;
	pp->ssdp_enabled = o->ssdp_port != 0;
	pp->ota_pubkey = ota_pubkey_sec1;
	pp->ota_http_stall_ms = o->ota_http_timeout_s * 1000u;

	rc = sim_open_flash(s, h);
	if (rc)
		return rc;
	rc = sim_http_listen(h, o->http_port_base ? (uint16_t)(o->http_port_base + index) : 0);
	if (rc)
		return rc;
	pp->http_port = h->http_port;
	h->state = SIM_DOWN;
	h->up_at_ms = 0;
	return 0;
}

void sim_plug_boot(struct hal *h)
{
	int rc;

	memset(h->pin_level, 0, sizeof(h->pin_level));
	memset(h->isr, 0, sizeof(h->isr));
	h->wdt_running = false;
	h->reset_pending = false;
	h->leak_bytes_per_s = 0;
	h->boot_at_ms = sim_now_ms();
	h->pulses_at_ms = h->boot_at_ms;
	h->state = SIM_RUNNING;
	rc = plug_boot(&h->plug, h, &h->params);
	if (rc) {
		fprintf(stderr, "%s: boot failed (%d), retrying\n", h->params.topic, rc);
		sim_plug_down(h, true);
		return;
	}
	if (h->trial_crash && h->plug.slots_boot == SLOTS_BOOT_TRIAL) {
		/* The image passed every check but dies at start: only the trial
		 * boot can save the plug, by rolling back on the next boot. */
		h->trial_crash = false;
		plug_log(&h->plug, "Fault: new image crashed at boot");
		plug_reset(&h->plug, BOOT_REASON_FATAL_EXCEPTION);
	}
}

void sim_plug_down(struct hal *h, bool keep_retained)
{
	sim_mqtt_drop(h);
	sim_http_close_all(h);
	hal_httpc_close(h); /* a reset kills the download too */
	if (!keep_retained) {
		/* RAM content after power-on is noise, not zeros. */
		uint8_t *r = (uint8_t *)&h->retained;

		for (size_t i = 0; i < sizeof(h->retained); i++)
			r[i] = (uint8_t)(h->rng = h->rng * 1103515245u + 12345u) >> 16;
	}
	h->wdt_running = false;
	h->state = SIM_DOWN;
	h->up_at_ms = sim_now_ms() + SIM_BOOT_DELAY_MS;
}

void sim_plug_service(struct hal *h, uint64_t now)
{
	if (h->state == SIM_DOWN) {
		if (now >= h->up_at_ms && !h->stay_down)
			sim_plug_boot(h);
		return;
	}
	if (h->wifi_back_ms && now >= h->wifi_back_ms) {
		h->wifi_back_ms = 0;
		plug_log(&h->plug, "Wi-Fi: link back");
	}
	if (h->state == SIM_RUNNING) {
		sim_load_pulses(h, now);
		plug_poll(&h->plug);
	}
	/* The watchdog is a timer of its own: a frozen loop cannot stop it. */
	if (h->wdt_running && now > h->wdt_fed_ms && now - h->wdt_fed_ms > h->wdt_timeout_ms) {
		fprintf(stderr, "%s: watchdog expired\n", h->params.topic);
		sim_plug_down(h, true);
		return;
	}
	if (h->reset_pending)
		sim_plug_down(h, true);
}

void sim_plug_destroy(struct hal *h)
{
	sim_mqtt_drop(h);
	sim_http_close_all(h);
	hal_httpc_close(h);
	if (h->listen_fd >= 0)
		close(h->listen_fd);
	if (h->flash_fd >= 0)
		close(h->flash_fd);
}
