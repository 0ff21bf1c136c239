#ifndef HAL_HTTP_H
#define HAL_HTTP_H

#include "hal.h"
#include <stddef.h>

/* The port owns the listening socket and the connections; it feeds received
 * bytes to http_srv_feed() and core answers through these two calls. */
int hal_http_send(struct hal *h, unsigned int conn, const void *data, size_t len);
/* Flush what was sent, then close the connection. */
void hal_http_finish(struct hal *h, unsigned int conn);

#endif
