#ifndef HTTP_REQ_H
#define HTTP_REQ_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_REQ_USER_MAX 32
#define HTTP_REQ_PASS_MAX 64

enum http_method {
	HTTP_METHOD_GET,
	HTTP_METHOD_POST,
	HTTP_METHOD_PUT,
	HTTP_METHOD_OTHER,
};

/* A parsed request head; path and query point into the caller's buffer. */
struct http_req {
	enum http_method method;
	const char *path;
	size_t path_len;
	const char *query;
	size_t query_len;
	bool has_content_length;
	size_t content_length;
	bool chunked;
	bool expect_continue; /* "Expect: 100-continue" (curl does it for big bodies) */
	bool has_basic_auth;
	char user[HTTP_REQ_USER_MAX + 1];
	char pass[HTTP_REQ_PASS_MAX + 1];
};

/* Length of the head including its blank line (CRLF or bare LF), or 0 if
 * the head is not complete yet. */
size_t http_req_head_len(const char *buf, size_t len);
/* Parses a complete head. Returns 0, or -EINVAL on anything malformed. */
int http_req_parse(const char *head, size_t len, struct http_req *req);
/* %xx and '+' decoding (OpenBeken's http_copyCarg); false if it does not fit. */
bool http_req_url_decode(const char *in, size_t len, char *out, size_t cap, size_t *out_len);
/* Finds key in an a=b&c=d string and decodes its value. */
bool http_req_query_get(const char *query, size_t len, const char *key, char *out, size_t cap,
			size_t *out_len);

#endif
