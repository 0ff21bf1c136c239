#ifndef HTTP_SRV_H
#define HTTP_SRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http_req.h"

#define HTTP_SRV_HEAD_MAX 1024
#define HTTP_SRV_BODY_MAX 2048 /* everything but OTA */

enum http_srv_phase {
	HTTP_SRV_HEAD,
	HTTP_SRV_BODY,
	HTTP_SRV_OTA,
	HTTP_SRV_DONE,
};

/* One connection's parser state; the port keeps a few per plug. */
struct http_srv_conn {
	unsigned int id;
	enum http_srv_phase phase;
	struct http_req req;
	char head[HTTP_SRV_HEAD_MAX + 1];
	size_t head_len;
	char body[HTTP_SRV_BODY_MAX + 1];
	size_t body_len;
};

struct plug;

void http_srv_conn_open(struct http_srv_conn *c, unsigned int id);
/* Takes received bytes; returns how many were consumed. Fewer than len
 * means "not now" (an OTA erase is running): offer the rest again later. */
size_t http_srv_feed(struct plug *p, struct http_srv_conn *c, const uint8_t *data, size_t len);
/* The peer went away; an upload in progress is abandoned. */
void http_srv_conn_closed(struct plug *p, struct http_srv_conn *c);

#endif
