#ifndef MQTT_LINK_H
#define MQTT_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backoff.h"

#define MQTT_LINK_TOPIC_MAX          127 /* OpenBeken's receive limits */
#define MQTT_LINK_PAYLOAD_MAX        2047
#define MQTT_LINK_KEEPALIVE_S        100
#define MQTT_LINK_CONNECT_TIMEOUT_MS 10000u

enum mqtt_link_state {
	MQTT_LINK_WAITING,    /* for the back-off to expire or the link to come up */
	MQTT_LINK_CONNECTING, /* TCP + CONNECT sent, no CONNACK yet */
	MQTT_LINK_UP,
};

struct mqtt_link {
	enum mqtt_link_state state;
	struct backoff backoff;
	uint64_t next_attempt_ms;
	uint64_t attempt_started_ms;
	uint64_t reconnect_at_ms; /* settings changed: reconnect then (0 = no) */
	uint64_t next_broadcast_ms;
	uint32_t broadcast_interval_s;
	uint32_t connects;
	uint32_t failures;
	char will_topic[48];
};

struct plug;

void mqtt_link_init(struct plug *p);
void mqtt_link_tick(struct plug *p);
bool mqtt_link_up(const struct plug *p);
/* Port callbacks */
void mqtt_link_on_connack(struct plug *p, int rc);
void mqtt_link_on_lost(struct plug *p);
void mqtt_link_on_message(struct plug *p, const char *topic, size_t topic_len,
			  const uint8_t *payload, size_t payload_len);
/* Publishes <T>/<suffix>; dropped (like OpenBeken) while the link is down. */
int mqtt_link_publish(struct plug *p, const char *suffix, const char *payload, int qos,
		      bool retain);
int mqtt_link_publish_topic(struct plug *p, const char *topic, const char *payload, int qos,
			    bool retain);
void mqtt_link_publish_channel(struct plug *p, unsigned int channel);
void mqtt_link_publish_self(struct plug *p);
/* Debounced, so a backlog of MqttHost/MqttUser/MqttPassword reconnects once. */
void mqtt_link_request_reconnect(struct plug *p, uint32_t delay_ms);

#endif
