/* The plug's outgoing HTTP connection (ota_http): one non-blocking socket
 * per plug. Two faults act here: `ota-http-cut` drops the connection once
 * after N bytes (the plug must resume with a Range request) and
 * `ota-http-rate` makes the plug read at most B bytes/s, so a hub can be
 * tested against a plug that takes its image at 8 kB/s. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hal_httpc.h"
#include "sim.h"

#define SIM_HTTPC_RATE_POLL_MS 10

int hal_httpc_connect(struct hal *h, const char *host, uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	int fd;

	hal_httpc_close(h);
	if (inet_pton(AF_INET, host, &a.sin_addr) != 1)
		return -EAFNOSUPPORT; /* no resolver, like the BL602 port */
	if (h->wifi_back_ms)
		return -ENETDOWN;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) && errno != EINPROGRESS) {
		int err = -errno;

		close(fd);
		return err;
	}
	h->httpc_fd = fd;
	h->httpc_connected = false;
	h->httpc_read = 0;
	h->httpc_rate_since_ms = sim_now_ms();
	return 0;
}

static int sim_httpc_check_connected(struct hal *h)
{
	struct pollfd pfd = {.fd = h->httpc_fd, .events = POLLOUT};
	int err = 0;
	socklen_t len = sizeof(err);

	if (h->httpc_connected)
		return 1;
	if (poll(&pfd, 1, 0) <= 0)
		return 0;
	if (getsockopt(h->httpc_fd, SOL_SOCKET, SO_ERROR, &err, &len) || err)
		return -(err ? err : ECONNREFUSED);
	h->httpc_connected = true;
	return 1;
}

int hal_httpc_send(struct hal *h, const void *data, size_t len)
{
	ssize_t n;
	int rc;

	if (h->httpc_fd < 0)
		return -ENOTCONN;
	rc = sim_httpc_check_connected(h);
	if (rc <= 0)
		return rc;
	n = send(h->httpc_fd, data, len, MSG_NOSIGNAL);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	return (int)n;
}

/* Bytes the rate limit lets the plug read now. */
static size_t sim_httpc_allowance(struct hal *h, size_t cap)
{
	uint64_t allowed;

	if (!h->httpc_rate_bps)
		return cap;
	allowed = (sim_now_ms() - h->httpc_rate_since_ms) * h->httpc_rate_bps / 1000u;
	if (allowed <= h->httpc_read)
		return 0;
	return allowed - h->httpc_read < cap ? (size_t)(allowed - h->httpc_read) : cap;
}

int hal_httpc_recv(struct hal *h, void *buf, size_t cap)
{
	ssize_t n;

	if (h->httpc_fd < 0)
		return -ENOTCONN;
	if (h->httpc_cut_after && cap > h->httpc_cut_after - h->httpc_read)
		cap = h->httpc_cut_after - h->httpc_read;
	cap = sim_httpc_allowance(h, cap);
	if (h->httpc_cut_after && h->httpc_read >= h->httpc_cut_after) {
		/* once: the next connection (the resume) is left alone */
		h->httpc_cut_after = 0;
		plug_log(&h->plug, "Fault: download connection cut after %u bytes",
			 (unsigned int)h->httpc_read);
		hal_httpc_close(h);
		return -ECONNRESET;
	}
	if (cap == 0)
		return 0;
	n = recv(h->httpc_fd, buf, cap, 0);
	if (n == 0)
		return -ECONNRESET;
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	h->httpc_read += (uint64_t)n;
	return (int)n;
}

void hal_httpc_close(struct hal *h)
{
	if (h->httpc_fd >= 0)
		close(h->httpc_fd);
	h->httpc_fd = -1;
	h->httpc_connected = false;
}

void sim_httpc_fill_poll(struct hal *h, struct pollfd *pfd, int *timeout)
{
	pfd->fd = h->state == SIM_RUNNING ? h->httpc_fd : -1;
	pfd->events = h->httpc_connected ? POLLIN : POLLOUT;
	pfd->revents = 0;
	if (pfd->fd >= 0 && h->httpc_connected && h->httpc_rate_bps &&
	    sim_httpc_allowance(h, 1) == 0) {
		/* over its rate: wake up when it may read again, not on the data */
		pfd->fd = -1;
		if (*timeout < 0 || *timeout > SIM_HTTPC_RATE_POLL_MS)
			*timeout = SIM_HTTPC_RATE_POLL_MS;
	}
}
