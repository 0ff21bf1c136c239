#include "plug.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crc.h"
#include "flash_map.h"
#include "hal_flash.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "hal_time.h"
#include "strutil.h"

#define PLUG_TICK_MS 1000u

/* Prefixes per chip (new_common.h DEVICENAME_PREFIX_SHORT/FULL). */
static const char *plug_short_prefix(const struct plug *p)
{
	return p->params->chip == OTA_CHIP_BL602 ? "obl" : "obk";
}

void plug_log(struct plug *p, const char *fmt, ...)
{
	char line[LOGBUF_LINE_LEN];
	int n;
	va_list ap;

	n = snprintf(line, sizeof(line), "[%u] ", (unsigned int)p->uptime_s);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (p->retained)
		logbuf_add(&p->retained->log, line);
	hal_sys_log(p->hal, line);
}

uint32_t plug_random(struct plug *p)
{
	/* xorshift32 seeded from the MAC, boot count and the port's entropy */
	uint32_t x = p->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	p->rng = x;
	return x;
}

void plug_format_mac(const struct plug *p, char *buf, size_t cap)
{
	const uint8_t *m = p->mac;

	snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

void plug_format_build_mqtt(const struct plug *p, char *buf, size_t cap)
{
	snprintf(buf, cap, "Open%s %s %s %s", p->params->chip_name, p->version, __DATE__, __TIME__);
}

void plug_format_build_http(const struct plug *p, char *buf, size_t cap)
{
	snprintf(buf, cap, "Built on %s %s version %s", __DATE__, __TIME__, p->version);
}

int plug_save_config(struct plug *p)
{
	int rc = config_save(&p->cfg_store, p->hal, &p->cfg);

	if (rc) {
		plug_log(p, "Config save failed (%d)", rc);
	} else {
		p->cfg_dirty = false;
	}
	return rc;
}

int plug_save_vars(struct plug *p)
{
	struct fvlog_vals v = {
		.energy_mwh = (uint64_t)(p->energy.total_wh * 1000.0),
		.boot_count = p->boot_count,
		.relay_bits = relay_bits(&p->relay),
	};
	int rc = fvlog_append(&p->fv, p->hal, &v);

	if (rc) {
		plug_log(p, "Flash vars save failed (%d)", rc);
	} else {
		energy_mark_saved(&p->energy);
	}
	return rc;
}

void plug_set_relay(struct plug *p, unsigned int idx, bool on)
{
	bool changed;

	if (idx >= p->relay.cfg->count)
		return;
	changed = p->relay.on[idx] != on;
	relay_set(&p->relay, p->hal, idx, on);
	if (!changed)
		return;
	plug_log(p, "Relay %u -> %s", p->relay.cfg->channel[idx], on ? "ON" : "OFF");
	/* Remember-last-state channels are written on every change (new_pins.c). */
	if (p->cfg.start_values[idx] == CONFIG_START_REMEMBER)
		plug_save_vars(p);
	mqtt_link_publish_channel(p, p->relay.cfg->channel[idx]);
}

int plug_channel_value(const struct plug *p, unsigned int channel)
{
	int idx = relay_index_of_channel(&p->relay, channel);

	return idx < 0 ? 0 : p->relay.on[idx];
}

int plug_set_channel(struct plug *p, unsigned int channel, long value)
{
	int idx = relay_index_of_channel(&p->relay, channel);

	if (idx < 0)
		return -1;
	plug_set_relay(p, (unsigned int)idx, value != 0);
	return 0;
}

void plug_schedule_reboot(struct plug *p, uint32_t delay_ms)
{
	p->reboot_at_ms = hal_time_ms(p->hal) + (delay_ms ? delay_ms : 1);
}

void plug_reset(struct plug *p, enum boot_reason why)
{
	if (why == BOOT_REASON_SOFTWARE) {
		if (p->cfg_dirty)
			plug_save_config(p);
		plug_save_vars(p);
	}
	ota_pull_stop(p);
	plug_log(p, "Resetting: %s", boot_reason_str(why));
	boot_announce(p->retained, why);
	p->halted = true;
	hal_sys_reset(p->hal);
}

bool plug_busy(const struct plug *p)
{
	return p->ota.phase == OTA_ERASING;
}

/* The per-value topics are OpenBeken's and go out at QoS 0 like OpenBeken's
 * own; whenever the counter goes out, tele/<T>/SENSOR carries it again with
 * the plug's time stamp at QoS 1 (unless energy QoS 0 is set), so a hub that
 * was down gets every counter redelivered with the time it was measured. */
static void plug_publish_energy(struct plug *p)
{
	int qos = config_flag(&p->cfg, CONFIG_FLAG_ENERGY_QOS0) || p->params->energy_qos0 ? 0 : 1;
	char topic[MQTT_LINK_TOPIC_MAX + 1], sensor[192];
	bool counter_sent = false;

	for (int v = 0; v < ENERGY_VALUE_COUNT; v++) {
		const struct energy_value_desc *d = energy_value_desc((enum energy_value)v);
		char val[32];

		if ((v == ENERGY_VOLTAGE && !p->meter.have_voltage) ||
		    (v == ENERGY_CURRENT && !p->meter.have_current))
			continue;
		if (!energy_publish_due(&p->energy, (enum energy_value)v) || !mqtt_link_up(p))
			continue;
		snprintf(topic, sizeof(topic), "%s/get", d->topic);
		strutil_format_truncated(val, sizeof(val), p->energy.values[v], d->decimals);
		if (mqtt_link_publish(p, topic, val, 0, false) == 0) {
			energy_mark_sent(&p->energy, (enum energy_value)v);
			counter_sent |= v == ENERGY_COUNTER;
		}
	}
	if (!counter_sent ||
	    energy_format_sensor(&p->energy, hal_time_epoch_s(p->hal), p->meter.have_voltage,
				 p->meter.have_current, sensor, sizeof(sensor)) != 0)
		return;
	snprintf(topic, sizeof(topic), "tele/%s/SENSOR", p->params->topic);
	mqtt_link_publish_topic(p, topic, sensor, qos, false);
}

static int plug_relay_init(struct plug *p)
{
	return relay_init(&p->relay, &p->params->pins->relay, p->hal, p->cfg.start_values,
			  p->fv.vals.relay_bits);
}

static void plug_relay_tick(struct plug *p)
{
	uint32_t presses = relay_take_presses(&p->relay, p->hal);

	if (presses % 2)
		plug_set_relay(p, 0, !p->relay.on[0]);
}

static int plug_meter_init(struct plug *p)
{
	return bl0937_init(&p->meter, &p->params->pins->meter, p->hal);
}

static void plug_meter_tick(struct plug *p)
{
	struct bl0937_cal cal = {
		.voltage = p->cfg.cal_voltage,
		.current = p->cfg.cal_current,
		.power = p->cfg.cal_power,
		.power_max_w = p->cfg.power_max_w,
	};
	uint32_t dt = bl0937_sample(&p->meter, &cal, p->hal);

	if (dt == 0)
		return;
	energy_update(&p->energy, p->meter.voltage_v, p->meter.current_a, p->meter.power_w, dt);
	if (energy_save_due(&p->energy))
		plug_save_vars(p);
	plug_publish_energy(p);
}

static void plug_meter_stop(struct plug *p)
{
	/* Last reading goes out with the final flash write; the meter itself
	 * just stops being sampled. */
	p->meter.have_voltage = false;
	p->meter.have_current = false;
}

static const struct plug_driver plug_drivers[] = {
	{.name = "Relay", .init = plug_relay_init, .tick = plug_relay_tick},
	{.name = "BL0937",
	 .init = plug_meter_init,
	 .tick = plug_meter_tick,
	 .stop = plug_meter_stop},
};

#define PLUG_DRIVER_COUNT (sizeof(plug_drivers) / sizeof(plug_drivers[0]))

void plug_shutdown(struct plug *p)
{
	if (p->halted)
		return;
	if (p->cfg_dirty)
		plug_save_config(p);
	plug_save_vars(p);
	ota_pull_stop(p);
	for (size_t i = 0; i < PLUG_DRIVER_COUNT; i++) {
		if (plug_drivers[i].stop)
			plug_drivers[i].stop(p);
	}
	p->halted = true;
}

static void plug_load_config(struct plug *p)
{
	const struct config_mqtt *b = &p->params->bootstrap;
	uint32_t hash;
	int rc;

	config_store_init(&p->cfg_store);
	rc = config_load(&p->cfg_store, p->hal, &p->cfg);
	if (rc)
		plug_log(p, "Config invalid or missing, using defaults");
	/* Provisioning: a different bootstrap broker than the one this config
	 * was made from replaces the MQTT settings; otherwise what the hub set
	 * (MqttHost/MqttUser/MqttPassword) wins. */
	hash = crc_32(b, sizeof(*b));
	if (rc || p->cfg.bootstrap_hash != hash) {
		p->cfg.mqtt = *b;
		p->cfg.bootstrap_hash = hash;
		plug_save_config(p);
	}
}

static void plug_load_slots(struct plug *p)
{
	struct ota_image_header hdr;

	if (slots_load(&p->slots, p->hal))
		plug_log(p, "Slot table unreadable");
	p->slots_boot = slots_boot(&p->slots.t);
	if (p->slots_boot != SLOTS_BOOT_NORMAL)
		slots_save(&p->slots, p->hal);
	if (ota_slot_header(p, p->slots.t.active, &hdr) == 0) {
		strutil_copy(p->version, sizeof(p->version), hdr.version, strlen(hdr.version));
	} else {
		strutil_copy(p->version, sizeof(p->version), p->params->factory_version,
			     strlen(p->params->factory_version));
	}
	if (p->slots_boot == SLOTS_BOOT_ROLLED_BACK) {
		plug_log(p, "OTA: new image never reached MQTT, rolled back to %s", p->version);
		/* On hardware the failed image is what runs now: boot the old one. */
		if (hal_flash_boot_slot(p->hal, p->slots.t.active, 0) == 1)
			p->reboot_at_ms = 1;
	}
	if (p->slots_boot == SLOTS_BOOT_TRIAL) {
		p->trial_deadline_ms =
			hal_time_ms(p->hal) + (uint64_t)p->params->mqtt_boot_grace_s * 1000u;
	}
}

int plug_boot(struct plug *p, struct hal *h, const struct plug_params *params)
{
	size_t retained_len = 0;
	int rc;

	assert(p && h && params && params->pins);
	memset(p, 0, sizeof(*p));
	p->hal = h;
	p->params = params;
	p->retained = hal_sys_retained(h, &retained_len);
	if (!p->retained || retained_len < sizeof(*p->retained))
		return -22;
	p->boot_reason = boot_begin(p->retained, &p->prev_log);
	hal_net_mac(h, p->mac);
	snprintf(p->short_name, sizeof(p->short_name), "%s%02X%02X%02X%02X", plug_short_prefix(p),
		 p->mac[2], p->mac[3], p->mac[4], p->mac[5]);
	snprintf(p->long_name, sizeof(p->long_name), "Open%s_%02X%02X%02X%02X", params->chip_name,
		 p->mac[2], p->mac[3], p->mac[4], p->mac[5]);

	plug_load_config(p);
	fvlog_init(&p->fv, FLASH_MAP_FVLOG, FLASH_MAP_FVLOG_SECTORS);
	if (fvlog_load(&p->fv, h))
		plug_log(p, "Flash vars unreadable");
	p->boot_count = p->fv.vals.boot_count + 1;
	p->rng = crc_32(p->mac, sizeof(p->mac)) ^ (p->boot_count * 2654435761u) ^ hal_sys_random(h);
	if (p->rng == 0)
		p->rng = 1;
	energy_init(&p->energy, (double)p->fv.vals.energy_mwh / 1000.0);
	if (params->publish_min_frames)
		p->energy.min_frames = params->publish_min_frames;
	plug_load_slots(p);

	for (size_t i = 0; i < PLUG_DRIVER_COUNT; i++) {
		rc = plug_drivers[i].init(p);
		if (rc) {
			plug_log(p, "Driver %s failed to start (%d)", plug_drivers[i].name, rc);
			return rc;
		}
	}
	/* The boot counter goes to flash before anything else can fail. */
	plug_save_vars(p);
	mqtt_link_init(p);
	rc = watchdog_init(&p->wdt, h, params->watchdog_timeout_ms);
	if (rc)
		return rc;
	p->next_second_ms = hal_time_ms(h) + PLUG_TICK_MS;
	plug_log(p, "Boot %u: %s, %s %s", (unsigned int)p->boot_count,
		 boot_reason_str(p->boot_reason), params->chip_name, p->version);
	return 0;
}

static void plug_every_second(struct plug *p)
{
	uint64_t now = hal_time_ms(p->hal);

	p->uptime_s++;
	for (size_t i = 0; i < PLUG_DRIVER_COUNT; i++) {
		if (plug_drivers[i].tick)
			plug_drivers[i].tick(p);
	}
	if (p->cfg_dirty)
		plug_save_config(p);
	if (watchdog_heap_exhausted(&p->wdt, hal_sys_free_heap(p->hal), now)) {
		plug_log(p, "Heap exhausted (%u bytes free), restarting",
			 (unsigned int)hal_sys_free_heap(p->hal));
		plug_reset(p, BOOT_REASON_SOFTWARE);
		return;
	}
	if (p->trial_deadline_ms && p->slots.t.trial && now >= p->trial_deadline_ms) {
		plug_log(p, "OTA: %s did not reach MQTT in %u s, rolling back", p->version,
			 (unsigned int)p->params->mqtt_boot_grace_s);
		plug_reset(p, BOOT_REASON_SOFTWARE);
	}
}

void plug_poll(struct plug *p)
{
	uint64_t now;

	if (p->halted)
		return;
	watchdog_feed(&p->wdt, p->hal);
	now = hal_time_ms(p->hal);
	ota_tick(p);
	ota_pull_tick(p);
	mqtt_link_tick(p);
	if (p->reboot_at_ms && now >= p->reboot_at_ms) {
		plug_reset(p, BOOT_REASON_SOFTWARE);
		return;
	}
	if (now >= p->next_second_ms) {
		/* Catch up at most one tick; a long stall is not replayed. */
		p->next_second_ms += PLUG_TICK_MS;
		if (p->next_second_ms <= now)
			p->next_second_ms = now + PLUG_TICK_MS;
		plug_every_second(p);
	}
}
