#include "pull_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PULL_SERVER_SLICE_MS 50

static bool pull_server_send_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Reads the request head (up to 5 s); false if none came. */
static bool pull_server_read_head(int fd, char *buf, size_t cap)
{
	size_t len = 0;

	while (len < cap - 1 && !strstr(buf, "\r\n\r\n")) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if (poll(&pfd, 1, 5000) <= 0)
			return false;
		n = recv(fd, buf + len, cap - 1 - len, 0);
		if (n <= 0)
			return false;
		len += (size_t)n;
		buf[len] = '\0';
	}
	return strstr(buf, "\r\n\r\n") != NULL;
}

static void pull_server_handle(struct pull_server *s, int fd)
{
	char req[2048] = "", head[256], want[256];
	const char *range;
	unsigned int idx;
	long from = -1;
	size_t start = 0, body, limit, sent = 0;
	int n;

	if (!pull_server_read_head(fd, req, sizeof(req)))
		return;
	range = strstr(req, "\r\nRange: bytes=");
	if (range)
		from = strtol(range + 15, NULL, 10);
	pthread_mutex_lock(&s->lock);
	idx = s->requests < PULL_SERVER_MAX_REQS ? s->requests : PULL_SERVER_MAX_REQS - 1;
	s->requests++;
	s->range_from[idx] = from;
	pthread_mutex_unlock(&s->lock);
	snprintf(want, sizeof(want), "GET %s HTTP/1.1\r\n", s->path);
	if (strncmp(req, want, strlen(want)) != 0) {
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
		pull_server_send_all(fd, head, (size_t)n);
		return;
	}
	if (from >= 0 && (size_t)from < s->len) {
		start = (size_t)from;
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 206 Partial Content\r\nContent-Length: %zu\r\n"
			     "Content-Range: bytes %zu-%zu/%zu\r\nConnection: close\r\n\r\n",
			     s->len - start, start, s->len - 1, s->len);
	} else {
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nAccept-Ranges: bytes\r\n"
			     "Connection: close\r\n\r\n",
			     s->len);
	}
	if (!pull_server_send_all(fd, head, (size_t)n))
		return;
	body = s->len - start;
	limit = idx == 0 && s->drop_at && s->drop_at < body ? s->drop_at : body;
	/* paced: one slice of rate/20 bytes every 50 ms */
	while (sent < limit && !s->stop) {
		size_t k = s->rate * PULL_SERVER_SLICE_MS / 1000;
		struct timespec ts = {0, PULL_SERVER_SLICE_MS * 1000000L};

		if (k > limit - sent)
			k = limit - sent;
		if (!pull_server_send_all(fd, s->img + start + sent, k))
			break;
		sent += k;
		pthread_mutex_lock(&s->lock);
		s->sent[idx] = sent;
		pthread_mutex_unlock(&s->lock);
		if (sent < limit)
			nanosleep(&ts, NULL);
	}
	if (limit < body) {
		/* the cut: a reset, not a clean end, as when Wi-Fi drops */
		struct linger lg = {1, 0};

		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
}

static void *pull_server_main(void *arg)
{
	struct pull_server *s = arg;

	while (!s->stop) {
		struct pollfd pfd = {.fd = s->lfd, .events = POLLIN};
		int fd;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		fd = accept(s->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		pull_server_handle(s, fd);
		close(fd);
	}
	return NULL;
}

int pull_server_start(struct pull_server *s)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	pthread_mutex_init(&s->lock, NULL);
	s->stop = false;
	s->requests = 0;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->lfd < 0 || bind(s->lfd, (struct sockaddr *)&a, sizeof(a)) || listen(s->lfd, 4) ||
	    getsockname(s->lfd, (struct sockaddr *)&a, &alen))
		return -errno;
	s->port = ntohs(a.sin_port);
	return pthread_create(&s->thread, NULL, pull_server_main, s) ? -EAGAIN : 0;
}

void pull_server_stop(struct pull_server *s)
{
	s->stop = true;
	pthread_join(s->thread, NULL);
	close(s->lfd);
	pthread_mutex_destroy(&s->lock);
}
