#ifndef LOGBUF_H
#define LOGBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGBUF_LINES    8
#define LOGBUF_LINE_LEN 96

/* A ring of the last log lines; lives in RAM that survives a reset. */
struct logbuf {
	uint32_t head; /* next line to write */
	uint32_t count;
	char lines[LOGBUF_LINES][LOGBUF_LINE_LEN];
};

void logbuf_reset(struct logbuf *lb);
bool logbuf_sane(const struct logbuf *lb);
void logbuf_add(struct logbuf *lb, const char *line);
/* Oldest first, joined by '\n'; returns the length written. */
size_t logbuf_join(const struct logbuf *lb, char *out, size_t cap);

#endif
