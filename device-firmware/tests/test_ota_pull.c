/* ota_http <url>: URL checks and refusals, a download that is cut (or
 * stalls) mid-way and resumes with a Range request, a server that ignores
 * ranges, HTTP errors, bounded retries, and the checks of the push path
 * (signature, flash error) applying to a pull too. The fake HAL plays the
 * server (tests/fake_hal.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "http_srv.h"
#include "ota_pubkey.h"
#include "ota_pull.h"
#include "testkit.h"

#define URL "http://127.0.0.1:8080/ota/tok123/fw.bin"

static char tmpdir[64];

struct server {
	const uint8_t *img;
	size_t len;
	size_t cut_at;     /* first answer ends after this many body bytes (0: whole) */
	bool stall;        /* ... and then the connection stays open, silent */
	bool ignore_range; /* every answer is a 200 with the whole image */
	int status;        /* answer this status instead (0: 200/206) */
	unsigned int requests;
	unsigned int ranged;
	long range_from[16];
};

static uint8_t *make_image(const char *version, size_t payload, size_t *len)
{
	char in[128], out[128], cmd[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(in, sizeof(in), "%s/payload.bin", tmpdir);
	snprintf(out, sizeof(out), "%s/image.img", tmpdir);
	f = fopen(in, "wb");
	for (size_t i = 0; i < payload; i++)
		fputc((int)(i * 13 + 5) & 0xFF, f);
	fclose(f);
	snprintf(
		cmd, sizeof(cmd),
		"%s --key %s/dev-ota-key.pem --chip BL602 --version %s --in %s --out %s >/dev/null",
		MKIMAGE_PATH, OTA_KEY_DIR, version, in, out);
	if (system(cmd) != 0)
		return NULL;
	f = fopen(out, "rb");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void serve(struct hal *h)
{
	struct fake_httpc *c = &h->httpc;
	struct server *s = c->arg;
	const char *range = strstr(c->req, "\r\nRange: bytes=");
	long from = 0;
	size_t body, n;
	char head[256];

	if (range) {
		from = strtol(range + 15, NULL, 10);
		if (s->ranged < 16)
			s->range_from[s->ranged] = from;
		s->ranged++;
	}
	if (s->status) {
		n = (size_t)snprintf(head, sizeof(head),
				     "HTTP/1.1 %d Nope\r\nContent-Length: 0\r\n\r\n", s->status);
		body = 0;
		from = 0;
	} else if (range && !s->ignore_range) {
		n = (size_t)snprintf(head, sizeof(head),
				     "HTTP/1.1 206 Partial Content\r\nContent-Length: %zu\r\n"
				     "Content-Range: bytes %ld-%zu/%zu\r\n\r\n",
				     s->len - (size_t)from, from, s->len - 1, s->len);
		body = s->len - (size_t)from;
	} else {
		n = (size_t)snprintf(head, sizeof(head),
				     "HTTP/1.1 200 OK\r\ncontent-length: %zu\r\n\r\n", s->len);
		body = s->len;
		from = 0;
	}
	if (s->requests++ == 0 && s->cut_at && s->cut_at < body) {
		body = s->cut_at;
		c->close_after = !s->stall;
	}
	c->resp = malloc(n + body + 1);
	memcpy(c->resp, head, n);
	memcpy(c->resp + n, s->img + from, body);
	c->resp_len = n + body;
}

static void boot(struct plug *p, struct hal *h, struct plug_params *pp, struct server *s)
{
	fake_hal_init(h);
	testkit_params(pp);
	pp->ota_pubkey = ota_pubkey_sec1;
	pp->ota_http_stall_ms = 5000;
	CHECK(testkit_boot(p, h, pp) == 0);
	testkit_connect(p, h);
	h->httpc.serve = serve;
	h->httpc.arg = s;
}

static enum cmd_result ota_http(struct plug *p, const char *url, struct cmd_reply *r)
{
	char line[512];

	cmd_reply_init(r);
	snprintf(line, sizeof(line), "ota_http %s", url);
	return cmd_execute_line(p, line, strlen(line), CMD_SRC_MQTT, r);
}

static const char *ota_state(struct hal *h)
{
	const struct fake_pub *m = fake_hal_find_pub(h, "obk_test/ota");

	return m ? m->payload : "";
}

static void url_parser_accepts_and_refuses(void)
{
	static const struct {
		const char *url;
		int rc;
	} bad[] = {
		{"https://127.0.0.1/fw.bin", -EPROTO},
		{"ftp://127.0.0.1/fw.bin", -EPROTO},
		{"127.0.0.1/fw.bin", -EPROTO},
		{"", -EPROTO},
		{"http://", -EINVAL},
		{"http://127.0.0.1", -EINVAL},
		{"http://127.0.0.1:8080", -EINVAL},
		{"http:///fw.bin", -EINVAL},
		{"http://:80/fw.bin", -EINVAL},
		{"http://user@host/fw.bin", -EINVAL},
		{"http://host_1/fw.bin", -EINVAL},
		{"http://127.0.0.1:0/fw.bin", -EINVAL},
		{"http://127.0.0.1:65536/fw.bin", -EINVAL},
		{"http://127.0.0.1:123456/fw.bin", -EINVAL},
		{"http://127.0.0.1:8a/fw.bin", -EINVAL},
		{"http://127.0.0.1:/fw.bin", -EINVAL},
		{"http://127.0.0.1/fw bin", -EINVAL},
		{"http://127.0.0.1/fw\r\nX: y", -EINVAL},
		{"http://127.0.0.1/fw\x01", -EINVAL},
		{"http://127.0.0.1/fw\xc3\xa9", -EINVAL},
		{"http://127.0.0.1/fw#frag", -EINVAL},
	};
	struct ota_pull_url u;
	const char *why;
	char big[400];

	CHECK(ota_pull_parse_url(URL, strlen(URL), &u, &why) == 0);
	CHECK_STR(u.host, "127.0.0.1");
	CHECK(u.port == 8080);
	CHECK_STR(u.path, "/ota/tok123/fw.bin");
	CHECK(ota_pull_parse_url("HTTP://hub.lan/a?b=c", 20, &u, &why) == 0);
	CHECK_STR(u.host, "hub.lan");
	CHECK(u.port == 80);
	CHECK_STR(u.path, "/a?b=c");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = ota_pull_parse_url(bad[i].url, strlen(bad[i].url), &u, &why);

		if (rc != bad[i].rc)
			fprintf(stderr, "  %s: %d (%s)\n", bad[i].url, rc, why ? why : "");
		CHECK(rc == bad[i].rc && why != NULL);
	}
	/* lengths: the whole URL, the host, the path */
	memset(big, 'a', sizeof(big));
	memcpy(big, "http://h/", 9);
	CHECK(ota_pull_parse_url(big, OTA_PULL_URL_MAX + 1, &u, &why) == -ENAMETOOLONG);
	CHECK(ota_pull_parse_url(big, 9 + OTA_PULL_PATH_MAX - 1, &u, &why) == 0);
	CHECK(ota_pull_parse_url(big, 9 + OTA_PULL_PATH_MAX, &u, &why) == -ENAMETOOLONG);
	memset(big, 'a', sizeof(big));
	memcpy(big, "http://", 7);
	big[7 + OTA_PULL_HOST_MAX + 1] = '/';
	CHECK(ota_pull_parse_url(big, 7 + OTA_PULL_HOST_MAX + 2, &u, &why) == -ENAMETOOLONG);
	big[7 + OTA_PULL_HOST_MAX] = '/';
	CHECK(ota_pull_parse_url(big, 7 + OTA_PULL_HOST_MAX + 1, &u, &why) == 0);
}

static void refused_commands_change_nothing(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	struct server s = {0};
	struct cmd_reply r;
	struct http_srv_conn c;
	static const char post[] = "POST /api/ota HTTP/1.1\r\nContent-Length: 5000\r\n\r\n";

	boot(&p, &h, &pp, &s);
	CHECK(ota_http(&p, "https://127.0.0.1/fw.bin", &r) == CMD_RES_BAD_ARGUMENT);
	CHECK(strstr(r.buf, "Only http://") != NULL);
	CHECK(ota_http(&p, "", &r) == CMD_RES_NOT_ENOUGH_ARGUMENTS);
	CHECK(ota_http(&p, URL " extra", &r) == CMD_RES_BAD_ARGUMENT);
	testkit_run(&p, &h, 2000);
	CHECK(!ota_pull_active(&p) && h.httpc.connects == 0);
	/* a second pull, and a push, while one runs */
	h.httpc.connect_rc = -ECONNREFUSED;
	CHECK(ota_http(&p, URL, &r) == CMD_RES_OK);
	CHECK(strstr(r.buf, "started") != NULL);
	CHECK(ota_http(&p, URL, &r) == CMD_RES_ERROR);
	CHECK(strstr(r.buf, "OTA already running") != NULL);
	h.http_out_len = 0;
	http_srv_conn_open(&c, 0);
	http_srv_feed(&p, &c, (const uint8_t *)post, sizeof(post) - 1);
	CHECK(strstr(h.http_out, "OTA already running") != NULL);
	/* refused connects: bounded retries with back-off, then a failure report */
	testkit_run(&p, &h, 60000);
	CHECK(h.httpc.connects == OTA_PULL_RETRIES + 1);
	CHECK(!ota_pull_active(&p));
	CHECK(strstr(ota_state(&h), "\"failed\"") && strstr(ota_state(&h), "Download failed"));
	CHECK(p.slots.t.active == 0 && !h.reset_requested);
	fake_hal_free(&h);
}

/* Runs a pull against s; returns whether the plug asked for its reboot. */
static bool pull(struct plug *p, struct hal *h, uint64_t ms)
{
	struct cmd_reply r;

	CHECK(ota_http(p, URL, &r) == CMD_RES_OK);
	testkit_run(p, h, ms);
	return h->reset_requested;
}

static void cut_download_resumes_with_range_and_reboots(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("2.0.0", 150000, &len);
	struct server s = {.img = img, .len = len, .cut_at = 70001};
	uint64_t t0;

	CHECK(img != NULL);
	boot(&p, &h, &pp, &s);
	t0 = h.now_ms;
	CHECK(pull(&p, &h, 120000));
	CHECK(s.requests == 2 && s.ranged == 1);
	CHECK(s.range_from[0] == 70001); /* exactly what it had */
	CHECK(strstr(h.httpc.req, "GET /ota/tok123/fw.bin HTTP/1.1\r\n") != NULL);
	CHECK(strstr(h.httpc.req, "Host: 127.0.0.1:8080\r\n") != NULL);
	CHECK(strstr(ota_state(&h), "\"done\"") != NULL);
	CHECK(p.slots.t.active == 1 && p.slots.t.trial == 1);
	/* it reboots about 1 s after the image is verified, by itself */
	CHECK(h.now_ms - t0 > 1000);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "2.0.0");
	CHECK(p.boot_reason == BOOT_REASON_SOFTWARE);
	free(img);
	fake_hal_free(&h);
}

static void stalled_server_times_out_and_resumes(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("2.1.0", 20000, &len);
	struct server s = {.img = img, .len = len, .cut_at = 9000, .stall = true};

	boot(&p, &h, &pp, &s);
	CHECK(ota_http(&p, URL, &(struct cmd_reply){0}) == CMD_RES_OK);
	/* silent for less than the stall time: still the first connection */
	testkit_run(&p, &h, 4000);
	CHECK(s.requests == 1 && ota_pull_active(&p));
	testkit_run(&p, &h, 30000);
	CHECK(s.requests == 2 && s.ranged == 1 && s.range_from[0] == 9000);
	CHECK(h.reset_requested);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "2.1.0");
	free(img);
	fake_hal_free(&h);
}

static void server_without_ranges_is_skipped_through(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("2.2.0", 30000, &len);
	struct server s = {.img = img, .len = len, .cut_at = 12345, .ignore_range = true};

	boot(&p, &h, &pp, &s);
	CHECK(pull(&p, &h, 60000));
	CHECK(s.requests == 2 && s.ranged == 1);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "2.2.0");
	free(img);
	fake_hal_free(&h);
}

static void http_error_fails_without_retry(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("2.3.0", 1000, &len);
	struct server s = {.img = img, .len = len, .status = 404};

	boot(&p, &h, &pp, &s);
	CHECK(!pull(&p, &h, 30000));
	CHECK(s.requests == 1);
	CHECK(strstr(ota_state(&h), "\"failed\"") && strstr(ota_state(&h), "HTTP 404"));
	CHECK(!ota_pull_active(&p) && p.slots.t.active == 0);
	/* a 503 is worth retrying */
	s.status = 503;
	s.requests = 0;
	CHECK(!pull(&p, &h, 60000));
	CHECK(s.requests == OTA_PULL_RETRIES + 1);
	free(img);
	fake_hal_free(&h);
}

static void pulled_image_gets_the_push_checks(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	size_t len;
	uint8_t *img = make_image("2.4.0", 20000, &len);
	struct server s = {.img = img, .len = len};

	boot(&p, &h, &pp, &s);
	img[len - 3] ^= 0x10;
	CHECK(!pull(&p, &h, 30000));
	CHECK(strstr(ota_state(&h), "Bad signature") != NULL);
	img[len - 3] ^= 0x10;
	h.fail_flash_writes = true;
	CHECK(!pull(&p, &h, 30000));
	h.fail_flash_writes = false;
	CHECK(strstr(ota_state(&h), "Flash write failed") != NULL);
	CHECK(p.slots.t.active == 0 && !ota_pull_active(&p));
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK_STR(p.version, "1.0.0");
	/* and then a good one still goes through */
	testkit_connect(&p, &h);
	h.httpc.serve = serve;
	CHECK(pull(&p, &h, 30000));
	free(img);
	fake_hal_free(&h);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_ota_pull.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	TESTKIT_RUN(url_parser_accepts_and_refuses);
	TESTKIT_RUN(refused_commands_change_nothing);
	TESTKIT_RUN(cut_download_resumes_with_range_and_reboots);
	TESTKIT_RUN(stalled_server_times_out_and_resumes);
	TESTKIT_RUN(server_without_ranges_is_skipped_through);
	TESTKIT_RUN(http_error_fails_without_retry);
	TESTKIT_RUN(pulled_image_gets_the_push_checks);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			return 1;
	}
	return testkit_exit();
}
