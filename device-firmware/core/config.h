#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "dualrec.h"
#include "hal.h"

#define CONFIG_MAGIC          0x4F424B43u /* "OBKC" */
#define CONFIG_VERSION        1u
#define CONFIG_CHANNELS       4
#define CONFIG_START_REMEMBER (-1)

/* Flag bits, numbered as OpenBeken's (docs/flags.md) where they exist. */
#define CONFIG_FLAG_PERIODIC_BROADCAST   2u
#define CONFIG_FLAG_BROADCAST_ON_CONNECT 10u
#define CONFIG_FLAG_ENERGY_QOS0          63u

struct config_mqtt {
	char host[64];
	uint16_t port;
	char user[64];
	char password[64];
};

/* The persisted configuration. Plain data only: it is the flash blob. */
struct config {
	uint16_t version;
	uint16_t reserved;
	struct config_mqtt mqtt;
	/* Hash of the provisioning values the config was created from: a new
	 * provisioning (other bootstrap broker) replaces the MQTT settings. */
	uint32_t bootstrap_hash;
	int16_t start_values[CONFIG_CHANNELS];
	float cal_voltage;
	float cal_current;
	float cal_power;
	float power_max_w;
	uint64_t flags;
	char web_password[33];
	char short_name[33];
};

void config_defaults(struct config *c);
bool config_flag(const struct config *c, unsigned int bit);
void config_set_flag(struct config *c, unsigned int bit, bool on);
/* Loads the newest valid copy; on none or a bad CRC, defaults and -ENOENT. */
int config_load(struct dualrec *store, struct hal *h, struct config *c);
int config_save(struct dualrec *store, struct hal *h, const struct config *c);
void config_store_init(struct dualrec *store);

#endif
