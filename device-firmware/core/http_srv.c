#include "http_srv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "flash_map.h"
#include "hal_http.h"
#include "hal_net.h"
#include "hal_sys.h"
#include "http_api.h"
#include "ota.h"
#include "plug.h"
#include "ssdp.h"
#include "strutil.h"

#define HTTP_SRV_OTA_ERROR (-20) /* OpenBeken's status for OTA failures */

void http_srv_conn_open(struct http_srv_conn *c, unsigned int id)
{
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->phase = HTTP_SRV_HEAD;
}

static const char *http_srv_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 404:
		return "Not Found";
	case 413:
		return "Payload Too Large";
	case 501:
		return "Not Implemented";
	default:
		return "Error";
	}
}

/* OpenBeken's http_setup(): bare LF after the status line, "OK" for every
 * status, no Content-Length (the body ends at close). --strict-http sends a
 * conventional head instead. */
void http_srv_respond(struct plug *p, struct http_srv_conn *c, int status, const char *ctype,
		      const char *body, size_t len)
{
	char head[320];
	int n;

	if (p->params->strict_http) {
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %u\r\n"
			     "Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n",
			     status < 0 ? 400 : status, http_srv_reason(status < 0 ? 400 : status),
			     ctype, (unsigned int)len);
	} else {
		n = snprintf(head, sizeof(head),
			     "HTTP/1.1 %d OK\nContent-type: %s\r\n"
			     "Access-Control-Allow-Origin: *\r\n"
			     "Access-Control-Allow-Headers: Origin, X-Requested-With, "
			     "Content-Type, Accept\r\n"
			     "%sConnection: close\r\n\r\n",
			     status, ctype,
			     status == 401
				     ? "WWW-Authenticate: Basic realm=\"OpenBeken HTTP Server\"\r\n"
				     : "");
	}
	hal_http_send(p->hal, c->id, head, (size_t)n);
	if (len)
		hal_http_send(p->hal, c->id, body, len);
	hal_http_finish(p->hal, c->id);
	c->phase = HTTP_SRV_DONE;
}

void http_srv_json(struct plug *p, struct http_srv_conn *c, int status, const char *body)
{
	http_srv_respond(p, c, status, "application/json", body, strlen(body));
}

void http_srv_rest_error(struct plug *p, struct http_srv_conn *c, int code, const char *msg)
{
	char buf[160];

	if (code == 200) {
		snprintf(buf, sizeof(buf), "{\"success\":%d, \"msg\":\"%s\"}", code, msg);
	} else {
		snprintf(buf, sizeof(buf), "{\"error\":%d, \"msg\":\"%s\"}", code, msg);
	}
	http_srv_json(p, c, code, buf);
}

bool http_srv_query_has(const struct http_req *r, const char *key)
{
	char val[8];
	size_t len;

	return r->query && http_req_query_get(r->query, r->query_len, key, val, sizeof(val), &len);
}

static bool http_srv_path_is(const struct http_req *r, const char *path)
{
	return r->path_len == strlen(path) && memcmp(r->path, path, r->path_len) == 0;
}

static bool http_srv_authorized(struct plug *p, const struct http_req *r)
{
	if (p->cfg.web_password[0] == '\0')
		return true;
	return r->has_basic_auth && strcmp(r->user, "admin") == 0 &&
	       strcmp(r->pass, p->cfg.web_password) == 0;
}

static void http_srv_ota_start(struct plug *p, struct http_srv_conn *c)
{
	char buf[96];
	int rc;

	if (!c->req.has_content_length) {
		http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, "Content-Length required");
		return;
	}
	/* a download (ota_http) between connections has not begun ota yet */
	if (ota_pull_active(p)) {
		http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, "OTA already running");
		return;
	}
	rc = ota_begin(p, c->req.content_length > UINT32_MAX ? UINT32_MAX
							     : (uint32_t)c->req.content_length);
	if (rc) {
		snprintf(buf, sizeof(buf), "%s",
			 rc == -EBUSY ? "OTA already running" : ota_error(p));
		http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, buf);
		return;
	}
	c->phase = HTTP_SRV_OTA;
}

static void http_srv_dispatch(struct plug *p, struct http_srv_conn *c)
{
	const struct http_req *r = &c->req;

	if (http_srv_path_is(r, "/ssdp.xml")) {
		char xml[1536];
		int n = ssdp_format_xml(p, xml, sizeof(xml));

		http_srv_respond(p, c, 200, "application/xml", xml, n > 0 ? (size_t)n : 0);
		return;
	}
	if (!http_srv_authorized(p, r)) {
		http_srv_respond(p, c, 401, "text/plain", "Unauthorized", 12);
		return;
	}
	if (http_srv_path_is(r, "/api/info") && r->method == HTTP_METHOD_GET) {
		http_api_info(p, c);
	} else if (http_srv_path_is(r, "/api/reboot") && r->method == HTTP_METHOD_POST) {
		plug_schedule_reboot(p, HTTP_SRV_REBOOT_DELAY_MS);
		http_srv_json(p, c, 200, "{\"reboot\":3}");
	} else if (http_srv_path_is(r, "/api/cmnd") && r->method == HTTP_METHOD_POST) {
		http_api_cmnd(p, c);
	} else if (http_srv_path_is(r, "/cm")) {
		http_api_cm(p, c);
	} else if (http_srv_path_is(r, "/index") || http_srv_path_is(r, "/")) {
		http_api_index(p, c, http_srv_query_has(r, "state"));
	} else {
		http_srv_rest_error(p, c, 404, "Not found");
	}
}

/* OpenBeken ignores Expect and the client waits a second before sending
 * anyway; answering it costs one line. */
static void http_srv_continue(struct plug *p, struct http_srv_conn *c)
{
	static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";

	if (c->req.expect_continue && c->phase != HTTP_SRV_DONE)
		hal_http_send(p->hal, c->id, cont, sizeof(cont) - 1);
}

static size_t http_srv_feed_head(struct plug *p, struct http_srv_conn *c, const uint8_t *data,
				 size_t len)
{
	size_t room = HTTP_SRV_HEAD_MAX - c->head_len;
	size_t take = len < room ? len : room;
	size_t head_len;

	memcpy(c->head + c->head_len, data, take);
	c->head_len += take;
	c->head[c->head_len] = '\0';
	head_len = http_req_head_len(c->head, c->head_len);
	if (head_len == 0) {
		if (c->head_len == HTTP_SRV_HEAD_MAX)
			http_srv_rest_error(p, c, 400, "Request head too large");
		return take;
	}
	/* Bytes past the head belong to the body: hand them back. */
	take -= c->head_len - head_len;
	c->head_len = head_len;
	if (http_req_parse(c->head, c->head_len, &c->req)) {
		http_srv_rest_error(p, c, 400, "Bad request");
		return take;
	}
	if (c->req.chunked) {
		http_srv_rest_error(p, c, 400, "Chunked encoding not supported");
		return take;
	}
	if (http_srv_path_is(&c->req, "/api/ota") && c->req.method == HTTP_METHOD_POST) {
		if (!http_srv_authorized(p, &c->req)) {
			http_srv_respond(p, c, 401, "text/plain", "Unauthorized", 12);
		} else {
			http_srv_ota_start(p, c);
			http_srv_continue(p, c);
		}
		return take;
	}
	if (c->req.content_length > HTTP_SRV_BODY_MAX) {
		http_srv_rest_error(p, c, 413, "Body too large");
		return take;
	}
	if (c->req.content_length == 0) {
		http_srv_dispatch(p, c);
	} else {
		c->phase = HTTP_SRV_BODY;
		http_srv_continue(p, c);
	}
	return take;
}

static size_t http_srv_feed_ota(struct plug *p, struct http_srv_conn *c, const uint8_t *data,
				size_t len)
{
	char buf[48];

	if (!ota_active(p)) {
		http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, ota_error(p));
		return len;
	}
	if (!ota_wants_data(p))
		return 0; /* still erasing: leave the bytes in the socket */
	if (ota_write(p, data, len)) {
		http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, ota_error(p));
		return len;
	}
	if (ota_complete(p)) {
		if (ota_finish(p)) {
			http_srv_rest_error(p, c, HTTP_SRV_OTA_ERROR, ota_error(p));
		} else {
			snprintf(buf, sizeof(buf), "{\"size\":%u}", (unsigned int)p->ota.expected);
			http_srv_json(p, c, 200, buf);
		}
	}
	return len;
}

size_t http_srv_feed(struct plug *p, struct http_srv_conn *c, const uint8_t *data, size_t len)
{
	size_t used = 0;

	while (used < len && c->phase != HTTP_SRV_DONE) {
		size_t n = 0;

		switch (c->phase) {
		case HTTP_SRV_HEAD:
			n = http_srv_feed_head(p, c, data + used, len - used);
			break;
		case HTTP_SRV_BODY: {
			size_t want = c->req.content_length - c->body_len;

			n = len - used < want ? len - used : want;
			memcpy(c->body + c->body_len, data + used, n);
			c->body_len += n;
			c->body[c->body_len] = '\0';
			if (c->body_len == c->req.content_length)
				http_srv_dispatch(p, c);
			break;
		}
		case HTTP_SRV_OTA:
			n = http_srv_feed_ota(p, c, data + used, len - used);
			if (n == 0)
				return used;
			break;
		case HTTP_SRV_DONE:
			break;
		}
		used += n;
	}
	/* Anything after a complete request is ignored (Connection: close). */
	return c->phase == HTTP_SRV_DONE ? len : used;
}

void http_srv_conn_closed(struct plug *p, struct http_srv_conn *c)
{
	if (c->phase == HTTP_SRV_OTA && ota_active(p))
		ota_abort(p, "Upload truncated");
	c->phase = HTTP_SRV_DONE;
}
