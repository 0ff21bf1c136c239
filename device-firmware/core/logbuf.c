#include "logbuf.h"

#include <string.h>

#include "strutil.h"

void logbuf_reset(struct logbuf *lb)
{
	memset(lb, 0, sizeof(*lb));
}

bool logbuf_sane(const struct logbuf *lb)
{
	if (lb->head >= LOGBUF_LINES || lb->count > LOGBUF_LINES)
		return false;
	for (unsigned int i = 0; i < LOGBUF_LINES; i++) {
		if (memchr(lb->lines[i], '\0', LOGBUF_LINE_LEN) == NULL)
			return false;
	}
	return true;
}

void logbuf_add(struct logbuf *lb, const char *line)
{
	strutil_copy(lb->lines[lb->head], LOGBUF_LINE_LEN, line, strlen(line));
	lb->head = (lb->head + 1) % LOGBUF_LINES;
	if (lb->count < LOGBUF_LINES)
		lb->count++;
}

size_t logbuf_join(const struct logbuf *lb, char *out, size_t cap)
{
	size_t len = 0;
	uint32_t first = (lb->head + LOGBUF_LINES - lb->count) % LOGBUF_LINES;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	for (uint32_t i = 0; i < lb->count; i++) {
		const char *line = lb->lines[(first + i) % LOGBUF_LINES];

		if (!strutil_appendf(out, cap, &len, "%s%s", i ? "\n" : "", line))
			break;
	}
	return len;
}
