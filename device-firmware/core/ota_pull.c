#include "ota_pull.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hal_httpc.h"
#include "hal_net.h"
#include "hal_time.h"
#include "http_req.h"
#include "plug.h"
#include "strutil.h"

static bool ota_pull_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-';
}

int ota_pull_parse_url(const char *url, size_t len, struct ota_pull_url *out, const char **why)
{
	static const char scheme[] = "http://";
	const size_t slen = sizeof(scheme) - 1;
	size_t i, host_start, host_len, path_start;

	memset(out, 0, sizeof(*out));
	*why = "Bad URL";
	if (len > OTA_PULL_URL_MAX) {
		*why = "URL too long";
		return -ENAMETOOLONG;
	}
	if (len < slen || !strutil_iprefix(url, len, scheme)) {
		/* https would need TLS on the plug; the hub serves plain HTTP on the LAN */
		*why = "Only http:// URLs are supported";
		return -EPROTO;
	}
	host_start = slen;
	for (i = host_start; i < len && ota_pull_host_char(url[i]); i++)
		;
	host_len = i - host_start;
	if (host_len == 0 || (i < len && url[i] != ':' && url[i] != '/')) {
		*why = "Bad host in URL";
		return -EINVAL;
	}
	if (host_len > OTA_PULL_HOST_MAX) {
		*why = "Host too long";
		return -ENAMETOOLONG;
	}
	memcpy(out->host, url + host_start, host_len);
	out->port = 80;
	if (i < len && url[i] == ':') {
		size_t ps = ++i;
		long port;

		while (i < len && isdigit((unsigned char)url[i]))
			i++;
		if (i == ps || i - ps > 5 || !strutil_parse_long(url + ps, i - ps, &port) ||
		    port < 1 || port > 65535) {
			*why = "Bad port in URL";
			return -EINVAL;
		}
		out->port = (uint16_t)port;
	}
	/* OpenBeken too wants a '/' after the host */
	if (i >= len || url[i] != '/') {
		*why = "No path in URL";
		return -EINVAL;
	}
	path_start = i;
	if (len - path_start > OTA_PULL_PATH_MAX) {
		*why = "Path too long";
		return -ENAMETOOLONG;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)url[i];

		/* it goes into a request line: no spaces, controls or 8-bit bytes */
		if (c <= 0x20 || c >= 0x7F || c == '#') {
			*why = "Bad character in URL path";
			return -EINVAL;
		}
	}
	memcpy(out->path, url + path_start, len - path_start);
	*why = NULL;
	return 0;
}

bool ota_pull_active(const struct plug *p)
{
	return p->pull.phase != OTA_PULL_IDLE;
}

static uint32_t ota_pull_stall_ms(const struct plug *p)
{
	return p->params->ota_http_stall_ms ? p->params->ota_http_stall_ms : OTA_PULL_STALL_MS;
}

int ota_pull_start(struct plug *p, const char *url, size_t len, const char **why)
{
	struct ota_pull *d = &p->pull;
	struct ota_pull_url u;
	int rc;

	if (ota_pull_active(p) || ota_active(p)) {
		*why = "OTA already running";
		return -EBUSY;
	}
	rc = ota_pull_parse_url(url, len, &u, why);
	if (rc)
		return rc;
	memset(d, 0, sizeof(*d));
	d->url = u;
	d->phase = OTA_PULL_WAIT;
	d->retry_at_ms = hal_time_ms(p->hal);
	plug_log(p, "OTA: downloading http://%s:%u%s", u.host, (unsigned int)u.port, u.path);
	return 0;
}

/* Bytes the slot holds so far: where a resumed request starts. */
static uint32_t ota_pull_have(const struct plug *p)
{
	return ota_wants_data(p) ? p->ota.received : 0;
}

/* The download is over without an image: say why the way a push would. */
static void ota_pull_fail(struct plug *p, const char *why)
{
	struct ota_pull *d = &p->pull;

	hal_httpc_close(p->hal);
	snprintf(d->error, sizeof(d->error), "%s", why);
	d->phase = OTA_PULL_IDLE;
	if (ota_active(p)) {
		ota_abort(p, d->error);
	} else {
		ota_fail_unstarted(p, d->error);
	}
}

/* The connection ended before the image did: retry with a Range request,
 * unless it failed OTA_PULL_RETRIES times in a row without a new byte. */
static void ota_pull_drop(struct plug *p, const char *why)
{
	struct ota_pull *d = &p->pull;
	uint32_t delay;

	hal_httpc_close(p->hal);
	if (ota_pull_have(p) > d->at_connect)
		d->fails = 0;
	d->fails++;
	if (d->fails > OTA_PULL_RETRIES) {
		char msg[64];

		snprintf(msg, sizeof(msg), "Download failed: %s", why);
		ota_pull_fail(p, msg);
		return;
	}
	delay = OTA_PULL_BACKOFF_MS << (d->fails - 1);
	if (delay > OTA_PULL_BACKOFF_MAX)
		delay = OTA_PULL_BACKOFF_MAX;
	plug_log(p, "OTA: %s at %u bytes, retry %u in %u ms", why, (unsigned int)ota_pull_have(p),
		 (unsigned int)d->fails, (unsigned int)delay);
	d->phase = OTA_PULL_WAIT;
	d->retry_at_ms = hal_time_ms(p->hal) + delay;
}

static void ota_pull_connect(struct plug *p, uint64_t now)
{
	struct ota_pull *d = &p->pull;
	uint32_t have = ota_pull_have(p);
	int n, rc;

	if (!hal_net_link_up(p->hal)) {
		ota_pull_drop(p, "No network");
		return;
	}
	rc = hal_httpc_connect(p->hal, d->url.host, d->url.port);
	if (rc == -EAFNOSUPPORT || rc == -EINVAL) {
		ota_pull_fail(p, "Host must be an IPv4 address");
		return;
	}
	if (rc) {
		ota_pull_drop(p, "Connect failed");
		return;
	}
	n = snprintf(d->req, sizeof(d->req),
		     "GET %s HTTP/1.1\r\nHost: %s:%u\r\nUser-Agent: Open%s/%s\r\n", d->url.path,
		     d->url.host, (unsigned int)d->url.port, p->params->chip_name, p->version);
	if (have) {
		n += snprintf(d->req + n, sizeof(d->req) - (size_t)n, "Range: bytes=%u-\r\n",
			      (unsigned int)have);
		d->resumes++;
	}
	n += snprintf(d->req + n, sizeof(d->req) - (size_t)n, "Connection: close\r\n\r\n");
	d->req_len = (size_t)n < sizeof(d->req) ? (size_t)n : sizeof(d->req) - 1;
	d->req_off = 0;
	d->head_len = 0;
	d->buf_len = 0;
	d->skip = 0;
	d->at_connect = have;
	d->connects++;
	d->last_rx_ms = now;
	d->phase = OTA_PULL_REQUEST;
}

/* Value of header `name` in the head (names compared case-insensitively). */
static bool ota_pull_header(const char *head, const char *name, char *out, size_t cap)
{
	size_t nlen = strlen(name);
	const char *line = strchr(head, '\n');

	while (line && line[1]) {
		const char *s = line + 1, *e = strchr(s, '\n');
		size_t l = e ? (size_t)(e - s) : strlen(s);

		if (l > nlen && s[nlen] == ':' && strutil_iprefix(s, l, name)) {
			const char *v = s + nlen + 1;
			size_t vl = l - nlen - 1;

			while (vl && (*v == ' ' || *v == '\t')) {
				v++;
				vl--;
			}
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				vl--;
			return strutil_copy(out, cap, v, vl) == vl;
		}
		line = e;
	}
	return false;
}

static bool ota_pull_u32(const char *s, size_t len, uint32_t *out)
{
	long v;

	if (len == 0 || len > 10 || !strutil_parse_long(s, len, &v) || v < 0 ||
	    (unsigned long)v > UINT32_MAX || !isdigit((unsigned char)s[0]))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "bytes START-END/TOTAL" */
static bool ota_pull_content_range(const char *v, uint32_t *start, uint32_t *end, uint32_t *total)
{
	const char *dash, *slash;

	if (strncmp(v, "bytes ", 6) != 0)
		return false;
	v += 6;
	dash = strchr(v, '-');
	slash = dash ? strchr(dash, '/') : NULL;
	return dash && slash && ota_pull_u32(v, (size_t)(dash - v), start) &&
	       ota_pull_u32(dash + 1, (size_t)(slash - dash - 1), end) &&
	       ota_pull_u32(slash + 1, strlen(slash + 1), total) && *start <= *end && *end < *total;
}

/* The head is complete: decide what the body is. */
static void ota_pull_take_head(struct plug *p)
{
	struct ota_pull *d = &p->pull;
	char val[64], msg[48];
	uint32_t have = ota_pull_have(p), start = 0, end = 0, total = 0;
	int status = 0;

	if (sscanf(d->head, "HTTP/1.%*1[01] %3d", &status) != 1) {
		ota_pull_drop(p, "Bad response");
		return;
	}
	if (status >= 500) {
		snprintf(msg, sizeof(msg), "HTTP %d", status);
		ota_pull_drop(p, msg);
		return;
	}
	if (status == 206) {
		if (!ota_pull_header(d->head, "Content-Range", val, sizeof(val)) ||
		    !ota_pull_content_range(val, &start, &end, &total) || start != have ||
		    end + 1 != total || (d->total && total != d->total)) {
			ota_pull_fail(p, "Bad Content-Range");
			return;
		}
	} else if (status == 200) {
		if (!ota_pull_header(d->head, "Content-Length", val, sizeof(val)) ||
		    !ota_pull_u32(val, strlen(val), &total)) {
			ota_pull_fail(p, "Content-Length required");
			return;
		}
		if (d->total && total != d->total) {
			ota_pull_fail(p, "Image changed on the server");
			return;
		}
		/* A server without ranges sends it all again: skip what we have. */
		d->skip = have;
	} else {
		snprintf(msg, sizeof(msg), "HTTP %d", status);
		ota_pull_fail(p, msg);
		return;
	}
	if (!d->total) {
		d->total = total;
		if (ota_begin(p, total)) {
			/* ota_begin said why (size); nothing to download */
			hal_httpc_close(p->hal);
			d->phase = OTA_PULL_IDLE;
			return;
		}
	}
	d->phase = OTA_PULL_BODY;
}

static void ota_pull_read_head(struct plug *p, uint64_t now)
{
	struct ota_pull *d = &p->pull;
	int n = hal_httpc_recv(p->hal, d->head + d->head_len, OTA_PULL_HEAD_MAX - d->head_len);
	size_t hl;

	if (n < 0) {
		ota_pull_drop(p, "Connection lost");
		return;
	}
	if (n == 0)
		return;
	d->last_rx_ms = now;
	d->head_len += (size_t)n;
	d->head[d->head_len] = '\0';
	hl = http_req_head_len(d->head, d->head_len);
	if (hl == 0) {
		if (d->head_len == OTA_PULL_HEAD_MAX)
			ota_pull_drop(p, "Response head too large");
		return;
	}
	/* what came after the head is the start of the body */
	d->buf_len = d->head_len - hl;
	memcpy(d->buf, d->head + hl, d->buf_len);
	d->head[hl] = '\0';
	d->head_len = hl;
	ota_pull_take_head(p);
}

/* Hands buffered body bytes to the slot; false once the pull is over. */
static bool ota_pull_write(struct plug *p)
{
	struct ota_pull *d = &p->pull;
	size_t off = 0;

	if (d->skip) {
		off = d->buf_len < d->skip ? d->buf_len : d->skip;
		d->skip -= (uint32_t)off;
	}
	if (d->buf_len > off && ota_write(p, d->buf + off, d->buf_len - off)) {
		/* flash error, bad header, too long: ota_write reported it */
		hal_httpc_close(p->hal);
		d->phase = OTA_PULL_IDLE;
		return false;
	}
	d->buf_len = 0;
	if (!ota_complete(p))
		return true;
	hal_httpc_close(p->hal);
	d->phase = OTA_PULL_IDLE;
	if (ota_finish(p) == 0) {
		plug_log(p, "OTA: rebooting in %u ms", OTA_PULL_REBOOT_MS);
		plug_schedule_reboot(p, OTA_PULL_REBOOT_MS);
	}
	return false;
}

static void ota_pull_read_body(struct plug *p, uint64_t now)
{
	struct ota_pull *d = &p->pull;
	size_t cap = sizeof(d->buf);
	int n;

	if (!ota_wants_data(p)) {
		/* still erasing: the bytes wait in the socket, the stall clock too */
		d->last_rx_ms = now;
		return;
	}
	if (d->buf_len && !ota_pull_write(p))
		return;
	/* never read past the image: a server that sends more is not our problem */
	if (!d->skip && cap > p->ota.expected - p->ota.received)
		cap = p->ota.expected - p->ota.received;
	n = hal_httpc_recv(p->hal, d->buf, cap);
	if (n < 0) {
		ota_pull_drop(p, "Connection lost");
		return;
	}
	if (n == 0)
		return;
	d->last_rx_ms = now;
	d->buf_len = (size_t)n;
	ota_pull_write(p);
}

void ota_pull_tick(struct plug *p)
{
	struct ota_pull *d = &p->pull;
	uint64_t now;
	int n;

	if (d->phase == OTA_PULL_IDLE)
		return;
	now = hal_time_ms(p->hal);
	if (d->phase != OTA_PULL_WAIT && now - d->last_rx_ms > ota_pull_stall_ms(p)) {
		ota_pull_drop(p, "Server stalled");
		return;
	}
	switch (d->phase) {
	case OTA_PULL_WAIT:
		if (now >= d->retry_at_ms)
			ota_pull_connect(p, now);
		break;
	case OTA_PULL_REQUEST:
		n = hal_httpc_send(p->hal, d->req + d->req_off, d->req_len - d->req_off);
		if (n < 0) {
			ota_pull_drop(p, "Connect failed");
			break;
		}
		d->req_off += (size_t)n;
		if (d->req_off == d->req_len)
			d->phase = OTA_PULL_HEAD;
		break;
	case OTA_PULL_HEAD:
		ota_pull_read_head(p, now);
		break;
	case OTA_PULL_BODY:
		ota_pull_read_body(p, now);
		break;
	case OTA_PULL_IDLE:
		break;
	}
}

void ota_pull_stop(struct plug *p)
{
	if (p->pull.phase == OTA_PULL_IDLE)
		return;
	hal_httpc_close(p->hal);
	p->pull.phase = OTA_PULL_IDLE;
}
