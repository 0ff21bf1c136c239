#ifndef OTA_PULL_H
#define OTA_PULL_H

/* OTA by URL (OpenBeken's `ota_http <url>`): the plug downloads its image
 * over plain HTTP into the inactive slot through ota_begin/ota_write/
 * ota_finish, so a pull passes exactly the checks of POST /api/ota. A
 * dropped connection is resumed with `Range: bytes=N-`; a stalled server
 * counts as a drop. After a verified image the plug reboots 1 s later. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OTA_PULL_URL_MAX     255
#define OTA_PULL_HOST_MAX    63
#define OTA_PULL_PATH_MAX    200
#define OTA_PULL_HEAD_MAX    1024
#define OTA_PULL_RETRIES     5     /* drops in a row without a new byte */
#define OTA_PULL_BACKOFF_MS  1000u /* doubles per retry ... */
#define OTA_PULL_BACKOFF_MAX 16000u
#define OTA_PULL_STALL_MS    60000u /* default: no byte for this long = a drop */
#define OTA_PULL_REBOOT_MS   1000u  /* OpenBeken reboots 1 s after the download */

struct ota_pull_url {
	char host[OTA_PULL_HOST_MAX + 1];
	uint16_t port;
	char path[OTA_PULL_PATH_MAX + 1];
};

enum ota_pull_phase {
	OTA_PULL_IDLE,
	OTA_PULL_WAIT,    /* before a (re)connect: back-off */
	OTA_PULL_REQUEST, /* connecting, sending the GET */
	OTA_PULL_HEAD,    /* reading the response head */
	OTA_PULL_BODY,    /* streaming into ota_write */
};

struct ota_pull {
	enum ota_pull_phase phase;
	struct ota_pull_url url;
	char req[OTA_PULL_HEAD_MAX / 2];
	size_t req_len;
	size_t req_off;
	char head[OTA_PULL_HEAD_MAX + 1];
	size_t head_len;
	uint8_t buf[1024]; /* body bytes not yet taken by ota_write */
	size_t buf_len;
	uint32_t total;      /* image size from the first answer; 0 before */
	uint32_t skip;       /* a 200 to a range request: bytes we already have */
	uint32_t at_connect; /* bytes written when this connection started */
	uint32_t fails;      /* drops in a row without progress */
	uint32_t connects;   /* connections made for this download */
	uint32_t resumes;    /* of them with a Range header */
	uint64_t retry_at_ms;
	uint64_t last_rx_ms;
	char error[64];
};

struct plug;

/* Parses and checks `http://host[:port]/path`: http only, a host of
 * letters/digits/'.'/'-', a port 1..65535, a path of printable ASCII with
 * no spaces, everything length-checked. Returns 0 or -EINVAL, -EPROTO
 * (another scheme) or -ENAMETOOLONG, with *why saying which. */
int ota_pull_parse_url(const char *url, size_t len, struct ota_pull_url *out, const char **why);
/* Starts a download; -EBUSY while any OTA runs (pull or push). */
int ota_pull_start(struct plug *p, const char *url, size_t len, const char **why);
bool ota_pull_active(const struct plug *p);
/* One main-loop step: connect, send, read, write into the slot, retry. */
void ota_pull_tick(struct plug *p);
/* The plug goes down (reset, shutdown): the connection is dropped. */
void ota_pull_stop(struct plug *p);

#endif
