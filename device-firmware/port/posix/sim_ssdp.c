/* One UDP socket answers M-SEARCH for every plug, like a LAN full of them.
 * It binds a unicast address (127.0.0.1 by default) and sends NOTIFY only
 * to an address it is given, never to the multicast group by itself. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim.h"
#include "ssdp.h"

int sim_ssdp_open(struct sim *s)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(s->opt.ssdp_port)};
	int one = 1;
	int fd;

	if (inet_pton(AF_INET, s->opt.ssdp_addr, &a.sin_addr) != 1) {
		fprintf(stderr, "plugsim: bad --ssdp-addr %s\n", s->opt.ssdp_addr);
		return -EINVAL;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		int err = -errno;

		fprintf(stderr, "plugsim: SSDP %s:%u: %s\n", s->opt.ssdp_addr, s->opt.ssdp_port,
			strerror(errno));
		close(fd);
		return err;
	}
	s->ssdp_fd = fd;
	return 0;
}

/* NOTIFY ssdp:alive for every running plug, only to the unicast address
 * given with --ssdp-notify (OpenBeken sends it to 239.255.255.250:1900
 * every 30 s; first one 30 s after start). */
void sim_ssdp_notify(struct sim *s, uint64_t now)
{
	struct sockaddr_in to = {.sin_family = AF_INET};
	char host[64], msg[768];
	const char *colon;
	size_t hlen;

	if (!s->opt.ssdp_notify || s->ssdp_fd < 0)
		return;
	if (s->ssdp_notify_at_ms == 0)
		s->ssdp_notify_at_ms = now + s->opt.ssdp_notify_interval_s * 1000ull;
	if (now < s->ssdp_notify_at_ms)
		return;
	s->ssdp_notify_at_ms = now + s->opt.ssdp_notify_interval_s * 1000ull;
	colon = strrchr(s->opt.ssdp_notify, ':');
	hlen = (size_t)(colon - s->opt.ssdp_notify);
	if (hlen >= sizeof(host))
		return;
	memcpy(host, s->opt.ssdp_notify, hlen);
	host[hlen] = '\0';
	to.sin_port = htons((uint16_t)atoi(colon + 1));
	if (inet_pton(AF_INET, host, &to.sin_addr) != 1)
		return;
	for (unsigned int i = 0; i < s->count; i++) {
		struct hal *h = &s->plugs[i];
		int len;

		if (h->state != SIM_RUNNING || h->wifi_back_ms)
			continue;
		len = ssdp_format_notify(&h->plug, msg, sizeof(msg));
		if (len > 0)
			sendto(s->ssdp_fd, msg, (size_t)len, 0, (struct sockaddr *)&to, sizeof(to));
	}
}

void sim_ssdp_handle(struct sim *s)
{
	char buf[1024], reply[768];
	struct sockaddr_in from;
	socklen_t flen;
	ssize_t n;

	for (;;) {
		flen = sizeof(from);
		n = recvfrom(s->ssdp_fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
		if (n < 0)
			return;
		if (!ssdp_is_msearch(buf, (size_t)n))
			continue;
		for (unsigned int i = 0; i < s->count; i++) {
			struct hal *h = &s->plugs[i];
			int len;

			if (h->state != SIM_RUNNING || h->wifi_back_ms)
				continue;
			len = ssdp_format_reply(&h->plug, reply, sizeof(reply));
			if (len > 0) {
				sendto(s->ssdp_fd, reply, (size_t)len, 0, (struct sockaddr *)&from,
				       flen);
			}
		}
	}
}
