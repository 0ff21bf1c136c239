/* Bounded string helpers and CRC-32. */
#include <string.h>

#include "cmd_status.h"
#include "crc.h"
#include "strutil.h"
#include "testkit.h"

static void crc32_check_value(void)
{
	CHECK(crc_32("123456789", 9) == 0xCBF43926u);
	CHECK(crc_32("", 0) == 0);
}

static void iso_time_from_epoch(void)
{
	char buf[24];

	cmd_status_iso_time(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00");
	cmd_status_iso_time(951782400u + 3723, buf, sizeof(buf)); /* leap day 2000 */
	CHECK_STR(buf, "2000-02-29T01:02:03");
	cmd_status_iso_time(1795598304u, buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-25T09:18:24");
}

static void truncates_like_openbeken(void)
{
	char buf[32];

	strutil_format_truncated(buf, sizeof(buf), 229.68, 1);
	CHECK_STR(buf, "229.6");
	strutil_format_truncated(buf, sizeof(buf), 0.26, 3);
	CHECK_STR(buf, "0.260");
	strutil_format_truncated(buf, sizeof(buf), 60.0, 2);
	CHECK_STR(buf, "60.00");
	strutil_format_truncated(buf, sizeof(buf), 1234.5678, 3);
	CHECK_STR(buf, "1234.567");
	strutil_format_truncated(buf, sizeof(buf), 0.0 / 0.0, 2);
	CHECK_STR(buf, "0.00");
}

static void numbers_are_bounded(void)
{
	long v = 0;
	float f = 0;

	CHECK(strutil_parse_long("-1", 2, &v) && v == -1);
	CHECK(!strutil_parse_long("12x", 3, &v));
	CHECK(!strutil_parse_long("99999999999999999999999", 23, &v));
	CHECK(!strutil_parse_long("", 0, &v));
	CHECK(strutil_parse_float("230.5", 5, &f) && f > 230.4f && f < 230.6f);
	CHECK(!strutil_parse_float("inf", 3, &f));
	CHECK(strutil_atoi(" 42abc", 6) == 42);
	CHECK(strutil_atoi("ON", 2) == 0);
	CHECK(strutil_atoi("99999999999999999999999", 23) > 0);
}

static void tokens_and_quotes(void)
{
	const char *s = "  MqttUser \"my user\" x";
	size_t len = strlen(s);
	const char *t;
	size_t tl;

	CHECK(strutil_next_token(&s, &len, &t, &tl) && tl == 8 && memcmp(t, "MqttUser", 8) == 0);
	CHECK(strutil_next_token(&s, &len, &t, &tl) && tl == 7 && memcmp(t, "my user", 7) == 0);
	CHECK(strutil_next_token(&s, &len, &t, &tl) && tl == 1 && *t == 'x');
	CHECK(!strutil_next_token(&s, &len, &t, &tl));
	s = "\"unterminated";
	len = strlen(s);
	CHECK(strutil_next_token(&s, &len, &t, &tl) && tl == 12);
}

static void appends_never_overflow(void)
{
	char buf[8];
	size_t len = 0;

	CHECK(strutil_appendf(buf, sizeof(buf), &len, "%s", "abc"));
	CHECK(!strutil_appendf(buf, sizeof(buf), &len, "%s", "defghij"));
	CHECK(len == 3 && strcmp(buf, "abc") == 0);
	CHECK(strutil_append_json_escaped(buf, sizeof(buf), &len, "\"", 1));
	CHECK_STR(buf, "abc\\\"");
	CHECK(strutil_copy(buf, sizeof(buf), "0123456789", 10) == 7);
	CHECK_STR(buf, "0123456");
	CHECK(strutil_ieq("power", 5, "POWER"));
	CHECK(!strutil_ieq("powe", 4, "POWER"));
}

int main(void)
{
	TESTKIT_RUN(crc32_check_value);
	TESTKIT_RUN(iso_time_from_epoch);
	TESTKIT_RUN(truncates_like_openbeken);
	TESTKIT_RUN(numbers_are_bounded);
	TESTKIT_RUN(tokens_and_quotes);
	TESTKIT_RUN(appends_never_overflow);
	return testkit_exit();
}
