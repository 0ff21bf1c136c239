#ifndef PULL_SERVER_H
#define PULL_SERVER_H

/* A small HTTP server on 127.0.0.1 for the ota_http integration test: it
 * serves one image at about `rate` bytes/s, honours `Range: bytes=N-`,
 * cuts the first connection after `drop_at` body bytes, and records what
 * each request asked for. One thread, one connection at a time. */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PULL_SERVER_MAX_REQS 16

struct pull_server {
	/* set before pull_server_start */
	const uint8_t *img;
	size_t len;
	const char *path;
	size_t rate;    /* bytes per second */
	size_t drop_at; /* first connection: close after this many body bytes */
	/* filled in */
	uint16_t port;
	int lfd;
	pthread_t thread;
	pthread_mutex_t lock;
	volatile bool stop;
	unsigned int requests;
	long range_from[PULL_SERVER_MAX_REQS]; /* -1: no Range header */
	size_t sent[PULL_SERVER_MAX_REQS];     /* body bytes sent per request */
};

int pull_server_start(struct pull_server *s);
void pull_server_stop(struct pull_server *s);

#endif
