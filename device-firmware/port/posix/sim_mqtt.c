/* hal_mqtt on libmosquitto's non-threaded API, driven by the shared poll(). */
#include <errno.h>
#include <mosquitto.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "hal_mqtt.h"
#include "mqtt_link.h"
#include "sim.h"

static void sim_mqtt_on_connect(struct mosquitto *m, void *obj, int rc)
{
	struct hal *h = obj;

	(void)m;
	if (h->state == SIM_RUNNING)
		mqtt_link_on_connack(&h->plug, rc);
}

static void sim_mqtt_on_disconnect(struct mosquitto *m, void *obj, int rc)
{
	struct hal *h = obj;

	(void)m;
	(void)rc;
	/* Destroyed after the current libmosquitto call returns. */
	h->mqtt_abort = true;
	if (h->state == SIM_RUNNING)
		mqtt_link_on_lost(&h->plug);
}

static void sim_mqtt_on_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg)
{
	struct hal *h = obj;

	(void)m;
	if (h->state != SIM_RUNNING || msg->payloadlen < 0)
		return;
	mqtt_link_on_message(&h->plug, msg->topic, strlen(msg->topic), msg->payload,
			     (size_t)msg->payloadlen);
}

void sim_mqtt_drop(struct hal *h)
{
	if (!h->mosq)
		return;
	/* No DISCONNECT packet: the broker sees the TCP close and sends the will,
	 * as it would for a plug that lost power. */
	mosquitto_destroy(h->mosq);
	h->mosq = NULL;
	h->mqtt_abort = false;
}

int hal_mqtt_connect(struct hal *h, const struct hal_mqtt_params *p)
{
	int rc;

	sim_mqtt_drop(h);
	h->mosq = mosquitto_new(p->client_id, true, h);
	if (!h->mosq)
		return -ENOMEM;
	mosquitto_connect_callback_set(h->mosq, sim_mqtt_on_connect);
	mosquitto_disconnect_callback_set(h->mosq, sim_mqtt_on_disconnect);
	mosquitto_message_callback_set(h->mosq, sim_mqtt_on_message);
	if (p->user && p->user[0]) {
		mosquitto_username_pw_set(h->mosq, p->user,
					  p->password && p->password[0] ? p->password : NULL);
	}
	if (p->will_topic) {
		mosquitto_will_set(h->mosq, p->will_topic, (int)strlen(p->will_payload),
				   p->will_payload, p->will_qos, p->will_retain);
	}
	rc = mosquitto_connect_bind_async(h->mosq, p->host, p->port, p->keepalive_s, NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		sim_mqtt_drop(h);
		return -ECONNREFUSED;
	}
	return 0;
}

int hal_mqtt_subscribe(struct hal *h, const char *filter, int qos)
{
	if (!h->mosq)
		return -ENOTCONN;
	return mosquitto_subscribe(h->mosq, NULL, filter, qos) == MOSQ_ERR_SUCCESS ? 0 : -EIO;
}

int hal_mqtt_publish(struct hal *h, const char *topic, const void *payload, size_t len, int qos,
		     bool retain)
{
	if (!h->mosq)
		return -ENOTCONN;
	return mosquitto_publish(h->mosq, NULL, topic, (int)len, payload, qos, retain) ==
			       MOSQ_ERR_SUCCESS
		       ? 0
		       : -EIO;
}

void hal_mqtt_abort(struct hal *h)
{
	h->mqtt_abort = true;
}

void sim_mqtt_fill_poll(struct hal *h, struct pollfd *pfd)
{
	pfd->fd = -1;
	pfd->events = 0;
	pfd->revents = 0;
	if (!h->mosq || h->mqtt_abort || h->state != SIM_RUNNING)
		return;
	pfd->fd = mosquitto_socket(h->mosq);
	pfd->events = POLLIN;
	if (mosquitto_want_write(h->mosq))
		pfd->events |= POLLOUT;
}

void sim_mqtt_handle(struct hal *h, short revents)
{
	if (h->mosq && !h->mqtt_abort && h->state == SIM_RUNNING) {
		if (revents & (POLLIN | POLLERR | POLLHUP))
			mosquitto_loop_read(h->mosq, 4);
		if (h->mosq && !h->mqtt_abort && (revents & POLLOUT))
			mosquitto_loop_write(h->mosq, 4);
		if (h->mosq && !h->mqtt_abort)
			mosquitto_loop_misc(h->mosq);
	}
	if (h->mqtt_abort)
		sim_mqtt_drop(h);
}
