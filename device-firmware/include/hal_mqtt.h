#ifndef HAL_MQTT_H
#define HAL_MQTT_H

#include "hal.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hal_mqtt_params {
	const char *host;
	uint16_t port;
	const char *client_id;
	const char *user;     /* NULL or "" = omitted */
	const char *password; /* NULL or "" = omitted */
	uint16_t keepalive_s;
	const char *will_topic;
	const char *will_payload;
	int will_qos;
	bool will_retain;
};

/* Starts a non-blocking connect; the port later calls mqtt_link_on_connack()
 * or mqtt_link_on_lost(). Returns 0 or -errno. */
int hal_mqtt_connect(struct hal *h, const struct hal_mqtt_params *params);
int hal_mqtt_subscribe(struct hal *h, const char *filter, int qos);
int hal_mqtt_publish(struct hal *h, const char *topic, const void *payload, size_t len, int qos,
		     bool retain);
/* Closes the connection without DISCONNECT, so the broker sends the will. */
void hal_mqtt_abort(struct hal *h);

#endif
