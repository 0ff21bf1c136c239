#ifndef BL602_PORT_H
#define BL602_PORT_H

/* The BL602 port's context, shared by hal_bl602.c (chip) and bl602_net.c
 * (MQTT and HTTP over lwIP). */
#include <stddef.h>
#include <stdint.h>

#include "bl602_sdk.h"
#include "hal_gpio.h"
#include "http_srv.h"
#include "mqtt_link.h"
#include "plug.h"

#define BL602_PINS       23
#define BL602_HTTP_CONNS 2
#define BL602_LOOP_MS    10
#define BL602_MSG_SLOTS  2

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
	int httpc_fd; /* ota_http's download, -1 when none */
	int httpc_connected;
};

int bl602_http_listen(struct hal *h, uint16_t port);
void bl602_http_service(struct hal *h);
void bl602_mqtt_service(struct hal *h);

#endif
