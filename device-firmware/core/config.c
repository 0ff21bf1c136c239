#include "config.h"

#include <errno.h>
#include <string.h>

#include "bl0937.h"
#include "flash_map.h"

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->version = CONFIG_VERSION;
	c->mqtt.port = 1883;
	/* OpenBeken's defaults (new_cfg.c); an empty host keeps MQTT off. */
	strcpy(c->mqtt.user, "homeassistant");
	strcpy(c->mqtt.password, "qqqqqqqqqq");
	c->cal_voltage = BL0937_DEFAULT_CAL_VOLTAGE;
	c->cal_current = BL0937_DEFAULT_CAL_CURRENT;
	c->cal_power = BL0937_DEFAULT_CAL_POWER;
	c->power_max_w = BL0937_DEFAULT_POWER_MAX_W;
	config_set_flag(c, CONFIG_FLAG_BROADCAST_ON_CONNECT, true);
	config_set_flag(c, CONFIG_FLAG_PERIODIC_BROADCAST, true);
}

bool config_flag(const struct config *c, unsigned int bit)
{
	return bit < 64 && (c->flags >> bit) & 1u;
}

void config_set_flag(struct config *c, unsigned int bit, bool on)
{
	if (bit >= 64)
		return;
	if (on) {
		c->flags |= (uint64_t)1 << bit;
	} else {
		c->flags &= ~((uint64_t)1 << bit);
	}
}

void config_store_init(struct dualrec *store)
{
	memset(store, 0, sizeof(*store));
	store->addr_a = FLASH_MAP_CONFIG_A;
	store->addr_b = FLASH_MAP_CONFIG_B;
	store->magic = CONFIG_MAGIC;
}

static bool config_strings_terminated(const struct config *c)
{
	return memchr(c->mqtt.host, '\0', sizeof(c->mqtt.host)) &&
	       memchr(c->mqtt.user, '\0', sizeof(c->mqtt.user)) &&
	       memchr(c->mqtt.password, '\0', sizeof(c->mqtt.password)) &&
	       memchr(c->web_password, '\0', sizeof(c->web_password)) &&
	       memchr(c->short_name, '\0', sizeof(c->short_name));
}

int config_load(struct dualrec *store, struct hal *h, struct config *c)
{
	int rc = dualrec_load(store, h, c, sizeof(*c));

	if (rc == 0 && (c->version != CONFIG_VERSION || !config_strings_terminated(c)))
		rc = -ENOENT;
	if (rc)
		config_defaults(c);
	return rc;
}

int config_save(struct dualrec *store, struct hal *h, const struct config *c)
{
	return dualrec_save(store, h, c, sizeof(*c));
}
