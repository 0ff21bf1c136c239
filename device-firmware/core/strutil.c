#include "strutil.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t strutil_copy(char *dst, size_t cap, const char *src, size_t src_len)
{
	size_t n = src_len < cap - 1 ? src_len : cap - 1;

	if (cap == 0)
		return 0;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

bool strutil_ieq(const char *a, size_t a_len, const char *b)
{
	size_t b_len = strlen(b);

	if (a_len != b_len)
		return false;
	for (size_t i = 0; i < a_len; i++) {
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	}
	return true;
}

bool strutil_iprefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strutil_ieq(s, n, prefix);
}

bool strutil_parse_long(const char *s, size_t len, long *out)
{
	char tmp[24];
	char *end;
	long v;

	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtol(tmp, &end, 10);
	if (errno != 0 || *end != '\0' || end == tmp)
		return false;
	*out = v;
	return true;
}

bool strutil_parse_float(const char *s, size_t len, float *out)
{
	char tmp[32];
	char *end;
	float v;

	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtof(tmp, &end);
	if (errno != 0 || *end != '\0' || end == tmp || !isfinite(v))
		return false;
	*out = v;
	return true;
}

long strutil_atoi(const char *s, size_t len)
{
	long v = 0;
	bool neg = false;
	size_t i = 0;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < len && isdigit((unsigned char)s[i]); i++) {
		if (v > (LONG_MAX - 9) / 10)
			break;
		v = v * 10 + (s[i] - '0');
	}
	return neg ? -v : v;
}

bool strutil_next_token(const char **s, size_t *len, const char **tok, size_t *tok_len)
{
	const char *p = *s;
	size_t n = *len;

	while (n && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	if (n == 0)
		return false;
	if (*p == '"') {
		const char *q = memchr(p + 1, '"', n - 1);
		size_t used;

		*tok = p + 1;
		*tok_len = q ? (size_t)(q - p - 1) : n - 1;
		used = q ? (size_t)(q - p + 1) : n;
		*s = p + used;
		*len = n - used;
		return true;
	}
	*tok = p;
	while (n && !isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	*tok_len = (size_t)(p - *tok);
	*s = p;
	*len = n;
	return true;
}

bool strutil_appendf(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= cap)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap - *len) {
		buf[*len] = '\0';
		return false;
	}
	*len += (size_t)n;
	return true;
}

bool strutil_append_json_escaped(char *buf, size_t cap, size_t *len, const char *s, size_t s_len)
{
	for (size_t i = 0; i < s_len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok;

		if (c == '"' || c == '\\') {
			ok = strutil_appendf(buf, cap, len, "\\%c", c);
		} else if (c < 0x20) {
			ok = strutil_appendf(buf, cap, len, "\\u%04x", c);
		} else {
			ok = strutil_appendf(buf, cap, len, "%c", c);
		}
		if (!ok)
			return false;
	}
	return true;
}

void strutil_format_truncated(char *buf, size_t cap, double value, int decimals)
{
	char *dot;

	if (isnan(value))
		value = 0;
	snprintf(buf, cap, "%f", value);
	dot = strchr(buf, '.');
	if (!dot)
		return;
	if (decimals <= 0) {
		*dot = '\0';
	} else if (strlen(dot + 1) > (size_t)decimals) {
		dot[1 + decimals] = '\0';
	}
}
