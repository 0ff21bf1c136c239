/* Each plug's HTTP server: a listening socket on 127.0.0.1 and a couple of
 * connection slots; the request parsing and answers are core's http_srv. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hal_http.h"
#include "sim.h"

int sim_http_listen(struct hal *h, uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	socklen_t alen = sizeof(a);
	int one = 1;
	int fd;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 16) ||
	    getsockname(fd, (struct sockaddr *)&a, &alen)) {
		int err = -errno;

		fprintf(stderr, "plugsim: HTTP port %u: %s\n", port, strerror(errno));
		close(fd);
		return err;
	}
	h->listen_fd = fd;
	h->http_port = ntohs(a.sin_port);
	return 0;
}

static void sim_http_close(struct hal *h, struct sim_conn *c)
{
	if (c->fd < 0)
		return;
	if (h->state == SIM_RUNNING)
		http_srv_conn_closed(&h->plug, &c->srv);
	close(c->fd);
	c->fd = -1;
}

void sim_http_close_all(struct hal *h)
{
	for (unsigned int i = 0; i < SIM_HTTP_CONNS; i++) {
		/* A reset kills TCP mid-flight: no upload abort bookkeeping. */
		if (h->conns[i].fd >= 0) {
			close(h->conns[i].fd);
			h->conns[i].fd = -1;
		}
	}
}

int hal_http_send(struct hal *h, unsigned int conn, const void *data, size_t len)
{
	struct sim_conn *c;

	if (conn >= SIM_HTTP_CONNS || h->conns[conn].fd < 0)
		return -EINVAL;
	c = &h->conns[conn];
	if (len > SIM_CONN_OUT - c->out_len)
		len = SIM_CONN_OUT - c->out_len; /* our pages fit; truncate rather than grow */
	memcpy(c->out + c->out_len, data, len);
	c->out_len += len;
	return 0;
}

void hal_http_finish(struct hal *h, unsigned int conn)
{
	if (conn < SIM_HTTP_CONNS)
		h->conns[conn].finishing = true;
}

unsigned int sim_http_fill_poll(struct hal *h, struct pollfd *pfd)
{
	unsigned int n = 0;

	pfd[n].fd = h->state == SIM_FROZEN ? -1 : h->listen_fd;
	pfd[n].events = POLLIN;
	pfd[n].revents = 0;
	n++;
	for (unsigned int i = 0; i < SIM_HTTP_CONNS; i++, n++) {
		struct sim_conn *c = &h->conns[i];

		pfd[n].fd = h->state == SIM_RUNNING ? c->fd : -1;
		pfd[n].events = 0;
		pfd[n].revents = 0;
		if (c->fd < 0)
			continue;
		if (c->out_off < c->out_len) {
			pfd[n].events |= POLLOUT;
		} else if (c->drain_until_ms || (!c->finishing && c->in_len < SIM_CONN_IN)) {
			pfd[n].events |= POLLIN;
		}
	}
	return n;
}

static void sim_http_accept(struct hal *h, uint64_t now)
{
	for (;;) {
		int fd = accept4(h->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct sim_conn *c = NULL;

		if (fd < 0)
			return;
		/* Down, Wi-Fi gone or all slots busy: the plug is unreachable. */
		if (h->state != SIM_RUNNING || h->wifi_back_ms) {
			close(fd);
			continue;
		}
		for (unsigned int i = 0; i < SIM_HTTP_CONNS; i++) {
			if (h->conns[i].fd < 0) {
				c = &h->conns[i];
				http_srv_conn_open(&c->srv, i);
				break;
			}
		}
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		c->in_len = 0;
		c->out_len = 0;
		c->out_off = 0;
		c->finishing = false;
		c->drain_until_ms = 0;
		c->opened_ms = now;
	}
}

static void sim_http_feed(struct hal *h, struct sim_conn *c)
{
	size_t used;

	if (c->in_len == 0 || c->finishing)
		return;
	used = http_srv_feed(&h->plug, &c->srv, c->in, c->in_len);
	memmove(c->in, c->in + used, c->in_len - used);
	c->in_len -= used;
}

void sim_http_handle(struct hal *h, const struct pollfd *pfd, unsigned int n, uint64_t now)
{
	(void)n;
	if (pfd[0].revents & POLLIN)
		sim_http_accept(h, now);
	for (unsigned int i = 0; i < SIM_HTTP_CONNS; i++) {
		struct sim_conn *c = &h->conns[i];
		short ev = pfd[1 + i].revents;

		if (c->fd < 0 || h->state != SIM_RUNNING)
			continue;
		if (c->drain_until_ms) {
			uint8_t junk[2048];
			ssize_t r = (ev & (POLLIN | POLLERR | POLLHUP))
					    ? recv(c->fd, junk, sizeof(junk), 0)
					    : -1;

			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR && ev) ||
			    now > c->drain_until_ms)
				sim_http_close(h, c);
			continue;
		}
		if (ev & POLLIN) {
			ssize_t r = recv(c->fd, c->in + c->in_len, SIM_CONN_IN - c->in_len, 0);

			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
				sim_http_close(h, c);
				continue;
			}
			if (r > 0)
				c->in_len += (size_t)r;
		} else if (ev & (POLLERR | POLLHUP)) {
			sim_http_close(h, c);
			continue;
		}
		/* Data left over from an OTA erase pause is retried every turn. */
		sim_http_feed(h, c);
		if (c->fd >= 0 && c->out_off < c->out_len) {
			ssize_t w = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
					 MSG_NOSIGNAL);

			if (w < 0 && errno != EAGAIN && errno != EINTR) {
				sim_http_close(h, c);
				continue;
			}
			if (w > 0)
				c->out_off += (size_t)w;
		}
		if (c->finishing && c->out_off >= c->out_len) {
			/* Half-close so the client reads to EOF, and swallow what it
			 * still sends (a refused upload) so no RST eats the answer. */
			shutdown(c->fd, SHUT_WR);
			c->drain_until_ms = now + 2000;
			continue;
		}
		if (!c->finishing && now - c->opened_ms > SIM_CONN_IDLE_MS &&
		    c->srv.phase != HTTP_SRV_OTA)
			sim_http_close(h, c);
	}
}
