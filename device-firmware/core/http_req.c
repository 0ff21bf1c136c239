#include "http_req.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "strutil.h"

size_t http_req_head_len(const char *buf, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

static int http_req_b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int http_req_basic_auth(const char *v, size_t len, struct http_req *req)
{
	char dec[HTTP_REQ_USER_MAX + HTTP_REQ_PASS_MAX + 2];
	size_t n = 0;
	uint32_t acc = 0;
	int bits = 0;
	const char *colon;

	if (!strutil_iprefix(v, len, "Basic "))
		return 0;
	v += 6;
	len -= 6;
	for (size_t i = 0; i < len; i++) {
		int d;

		if (v[i] == '=' || isspace((unsigned char)v[i]))
			break;
		d = http_req_b64(v[i]);
		if (d < 0)
			return -EINVAL;
		acc = (acc << 6) | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n >= sizeof(dec))
				return -EINVAL;
			dec[n++] = (char)((acc >> bits) & 0xFF);
		}
	}
	colon = memchr(dec, ':', n);
	if (!colon || (size_t)(colon - dec) > HTTP_REQ_USER_MAX ||
	    n - (size_t)(colon - dec) - 1 > HTTP_REQ_PASS_MAX)
		return -EINVAL;
	strutil_copy(req->user, sizeof(req->user), dec, (size_t)(colon - dec));
	strutil_copy(req->pass, sizeof(req->pass), colon + 1, n - (size_t)(colon - dec) - 1);
	req->has_basic_auth = true;
	return 0;
}

static int http_req_header(const char *line, size_t len, struct http_req *req)
{
	const char *colon = memchr(line, ':', len);
	size_t name_len, vlen;
	const char *v;

	if (!colon)
		return -EINVAL;
	name_len = (size_t)(colon - line);
	v = colon + 1;
	vlen = len - name_len - 1;
	while (vlen && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (strutil_ieq(line, name_len, "Content-Length")) {
		long cl;

		if (req->has_content_length || !strutil_parse_long(v, vlen, &cl) || cl < 0 ||
		    v[0] == '-' || v[0] == '+')
			return -EINVAL;
		req->has_content_length = true;
		req->content_length = (size_t)cl;
	} else if (strutil_ieq(line, name_len, "Expect")) {
		req->expect_continue = strutil_ieq(v, vlen, "100-continue");
	} else if (strutil_ieq(line, name_len, "Transfer-Encoding")) {
		req->chunked = true;
	} else if (strutil_ieq(line, name_len, "Authorization")) {
		return http_req_basic_auth(v, vlen, req);
	}
	return 0;
}

int http_req_parse(const char *head, size_t len, struct http_req *req)
{
	const char *end = head + len;
	const char *p = head, *eol, *sp1, *sp2, *q;
	size_t line_len;

	memset(req, 0, sizeof(*req));
	eol = memchr(p, '\n', len);
	if (!eol)
		return -EINVAL;
	line_len = (size_t)(eol - p);
	if (line_len && p[line_len - 1] == '\r')
		line_len--;
	sp1 = memchr(p, ' ', line_len);
	if (!sp1)
		return -EINVAL;
	sp2 = memchr(sp1 + 1, ' ', line_len - (size_t)(sp1 + 1 - p));
	if (!sp2 || sp2 == sp1 + 1 || sp1[1] != '/')
		return -EINVAL;
	if (!strutil_iprefix(sp2 + 1, line_len - (size_t)(sp2 + 1 - p), "HTTP/1."))
		return -EINVAL;
	if (strutil_ieq(p, (size_t)(sp1 - p), "GET")) {
		req->method = HTTP_METHOD_GET;
	} else if (strutil_ieq(p, (size_t)(sp1 - p), "POST")) {
		req->method = HTTP_METHOD_POST;
	} else if (strutil_ieq(p, (size_t)(sp1 - p), "PUT")) {
		req->method = HTTP_METHOD_PUT;
	} else {
		req->method = HTTP_METHOD_OTHER;
	}
	req->path = sp1 + 1;
	req->path_len = (size_t)(sp2 - req->path);
	q = memchr(req->path, '?', req->path_len);
	if (q) {
		req->query = q + 1;
		req->query_len = req->path_len - (size_t)(q + 1 - req->path);
		req->path_len = (size_t)(q - req->path);
	}
	p = eol + 1;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			return -EINVAL;
		line_len = (size_t)(eol - p);
		if (line_len && p[line_len - 1] == '\r')
			line_len--;
		if (line_len == 0)
			return 0;
		if (http_req_header(p, line_len, req))
			return -EINVAL;
		p = eol + 1;
	}
	return -EINVAL;
}

static int http_req_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool http_req_url_decode(const char *in, size_t len, char *out, size_t cap, size_t *out_len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = in[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%' && i + 2 < len && http_req_hex(in[i + 1]) >= 0 &&
			   http_req_hex(in[i + 2]) >= 0) {
			c = (char)(http_req_hex(in[i + 1]) * 16 + http_req_hex(in[i + 2]));
			i += 2;
		}
		if (n + 1 >= cap)
			return false;
		out[n++] = c;
	}
	if (cap == 0)
		return false;
	out[n] = '\0';
	*out_len = n;
	return true;
}

bool http_req_query_get(const char *query, size_t len, const char *key, char *out, size_t cap,
			size_t *out_len)
{
	size_t klen = strlen(key);
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(query + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - query) : len;
		const char *eq = memchr(query + i, '=', end - i);
		size_t name_len = eq ? (size_t)(eq - (query + i)) : end - i;

		if (name_len == klen && memcmp(query + i, key, klen) == 0) {
			const char *v = eq ? eq + 1 : query + end;

			return http_req_url_decode(v, (size_t)(query + end - v), out, cap, out_len);
		}
		i = end + 1;
	}
	return false;
}
