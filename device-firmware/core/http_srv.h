#ifndef HTTP_SRV_H
#define HTTP_SRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http_req.h"

#define HTTP_SRV_HEAD_MAX        1024
#define HTTP_SRV_BODY_MAX        2048  /* everything but OTA */
#define HTTP_SRV_REBOOT_DELAY_MS 3000u /* /api/reboot, ?restart=1: OpenBeken waits 3 s */

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

/* Answers and closes: OpenBeken's head (or a strict one with --strict-http). */
void http_srv_respond(struct plug *p, struct http_srv_conn *c, int status, const char *ctype,
		      const char *body, size_t len);
void http_srv_json(struct plug *p, struct http_srv_conn *c, int status, const char *body);
/* {"error":code, "msg":...} or {"success":200, "msg":...} (http_rest_error) */
void http_srv_rest_error(struct plug *p, struct http_srv_conn *c, int code, const char *msg);
bool http_srv_query_has(const struct http_req *r, const char *key);

#endif
