#ifndef HTTP_API_H
#define HTTP_API_H

#include <stdbool.h>

#include "http_srv.h"

struct plug;

/* OpenBeken's endpoints; http_srv routes a complete request here. */
void http_api_info(struct plug *p, struct http_srv_conn *c);
void http_api_cm(struct plug *p, struct http_srv_conn *c);
void http_api_cmnd(struct plug *p, struct http_srv_conn *c);
void http_api_index(struct plug *p, struct http_srv_conn *c, bool state_only);

#endif
