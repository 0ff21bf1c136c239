#ifndef HAL_HTTPC_H
#define HAL_HTTPC_H

#include "hal.h"
#include <stddef.h>
#include <stdint.h>

/* One outgoing TCP connection per plug, for OTA by URL (core/ota_pull.c).
 * Non-blocking like the rest of the contract: core calls these from its main
 * loop and never waits; the HTTP protocol itself is core's.
 *
 * hal_httpc_connect starts a connect to host:port (an IPv4 literal; a port
 * without DNS answers -EAFNOSUPPORT for names) and returns 0 or -errno.
 * hal_httpc_send returns the bytes taken, 0 while the connect is still under
 * way or the socket is full, or -errno once the connection failed.
 * hal_httpc_recv returns the bytes read, 0 when nothing is there yet, or
 * -errno when the connection is gone (-ECONNRESET also for an orderly close
 * by the peer: to core an unfinished download ends the same either way).
 * hal_httpc_close may be called at any time, also with nothing open. */
int hal_httpc_connect(struct hal *h, const char *host, uint16_t port);
int hal_httpc_send(struct hal *h, const void *data, size_t len);
int hal_httpc_recv(struct hal *h, void *buf, size_t cap);
void hal_httpc_close(struct hal *h);

#endif
