#ifndef STRUTIL_H
#define STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bounded helpers: every one takes explicit lengths and never reads past them. */
size_t strutil_copy(char *dst, size_t cap, const char *src, size_t src_len);
bool strutil_ieq(const char *a, size_t a_len, const char *b);
bool strutil_iprefix(const char *s, size_t len, const char *prefix);
/* Parses an optional sign and decimal digits; false on anything else or overflow. */
bool strutil_parse_long(const char *s, size_t len, long *out);
bool strutil_parse_float(const char *s, size_t len, float *out);
/* atoi semantics on a bounded buffer (OpenBeken's channel /set handling). */
long strutil_atoi(const char *s, size_t len);
/* Splits off the next whitespace-separated token; quotes group words. */
bool strutil_next_token(const char **s, size_t *len, const char **tok, size_t *tok_len);
/* Appends a printf-formatted string; returns false if it did not fit. */
bool strutil_appendf(char *buf, size_t cap, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Appends s as a JSON string body (without quotes), escaping as needed. */
bool strutil_append_json_escaped(char *buf, size_t cap, size_t *len, const char *s, size_t s_len);
/* Writes the value with %f and truncates to `decimals` places (OpenBeken's stripDecimalPlaces). */
void strutil_format_truncated(char *buf, size_t cap, double value, int decimals);

#endif
