/* MQTT (lwIP's client) and HTTP (lwIP sockets) for the BL602 port. lwIP
 * callbacks run in the tcpip thread, so they only fill mailboxes that the
 * plug task empties; publishes take the tcpip core lock. */
#include <errno.h>
#include <string.h>

#include "bl602_port.h"
#include "hal_http.h"
#include "hal_httpc.h"
#include "hal_mqtt.h"

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
	err = mqtt_publish(h->mqtt, topic, payload, (uint16_t)len, (uint8_t)qos, retain, NULL,
			   NULL);
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

void bl602_mqtt_service(struct hal *h)
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
int bl602_http_listen(struct hal *h, uint16_t port)
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

void bl602_http_service(struct hal *h)
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

/* ota_http's download over a non-blocking lwIP socket. lwIP's errno is
 * not relied on: a failed call is told from "not yet" by SO_ERROR, and
 * anything the checks miss ends in core's stall time-out. */
int hal_httpc_connect(struct hal *h, const char *host, uint16_t port)
{
	struct bl602_sockaddr_in a;
	ip_addr_t ip;
	int fd;

	hal_httpc_close(h);
	if (!ipaddr_aton(host, &ip))
		return -EAFNOSUPPORT; /* no DNS, as for MQTT */
	fd = lwip_socket(BL602_AF_INET, BL602_SOCK_STREAM, 0);
	if (fd < 0)
		return -ENOMEM;
	memset(&a, 0, sizeof(a));
	a.sin_len = sizeof(a);
	a.sin_family = BL602_AF_INET;
	a.sin_port = lwip_htons(port);
	a.sin_addr.s_addr = ip.addr;
	lwip_fcntl(fd, BL602_F_SETFL, BL602_O_NONBLOCK);
	/* -1 with EINPROGRESS is the normal answer; a real failure shows up in
	 * SO_ERROR when the socket becomes writable */
	h->httpc_connected = lwip_connect(fd, &a, sizeof(a)) == 0;
	h->httpc_fd = fd;
	return 0;
}

static int bl602_httpc_error(struct hal *h)
{
	int err = 0;
	uint32_t len = sizeof(err);

	if (lwip_getsockopt(h->httpc_fd, BL602_SOL_SOCKET, BL602_SO_ERROR, &err, &len))
		return -EIO;
	return err == BL602_EWOULDBLOCK ? 0 : -err;
}

int hal_httpc_send(struct hal *h, const void *data, size_t len)
{
	int n, err;

	if (h->httpc_fd < 0)
		return -ENOTCONN;
	if (!h->httpc_connected) {
		struct bl602_pollfd pfd = {.fd = h->httpc_fd, .events = BL602_POLLOUT};

		if (lwip_poll(&pfd, 1, 0) <= 0)
			return 0;
		err = bl602_httpc_error(h);
		if (err)
			return err;
		h->httpc_connected = 1;
	}
	n = lwip_send(h->httpc_fd, data, len, 0);
	if (n >= 0)
		return n;
	err = bl602_httpc_error(h);
	return err ? err : 0;
}

int hal_httpc_recv(struct hal *h, void *buf, size_t cap)
{
	int n, err;

	if (h->httpc_fd < 0)
		return -ENOTCONN;
	n = lwip_recv(h->httpc_fd, buf, cap, 0);
	if (n > 0)
		return n;
	if (n == 0)
		return -ECONNRESET; /* the server closed */
	err = bl602_httpc_error(h);
	return err ? err : 0;
}

void hal_httpc_close(struct hal *h)
{
	if (h->httpc_fd >= 0)
		lwip_close(h->httpc_fd);
	h->httpc_fd = -1;
	h->httpc_connected = 0;
}
