/* HTTP: parser edge cases and the OpenBeken endpoints. */
#include <errno.h>
#include <string.h>

#include "http_req.h"
#include "http_srv.h"
#include "ssdp.h"
#include "testkit.h"

static const char *request(struct plug *p, struct hal *h, const char *raw)
{
	static struct http_srv_conn c;

	h->http_out_len = 0;
	h->http_out[0] = '\0';
	http_srv_conn_open(&c, 0);
	http_srv_feed(p, &c, (const uint8_t *)raw, strlen(raw));
	return h->http_out;
}

static const char *body_of(const char *resp)
{
	const char *b = strstr(resp, "\r\n\r\n");

	return b ? b + 4 : "";
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void parser_handles_lf_crlf_and_rejects_garbage(void)
{
	struct http_req r;
	const char *ok = "GET /cm?cmnd=POWER%20ON HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
	char out[64];
	size_t n;

	CHECK(http_req_head_len(ok, strlen(ok)) == strlen(ok));
	CHECK(http_req_parse(ok, strlen(ok), &r) == 0);
	CHECK(r.method == HTTP_METHOD_GET && r.path_len == 3 && memcmp(r.path, "/cm", 3) == 0);
	CHECK(http_req_query_get(r.query, r.query_len, "cmnd", out, sizeof(out), &n));
	CHECK_STR(out, "POWER ON");
	CHECK(http_req_head_len("GET / HTTP/1.0\n\n", 16) == 16);
	CHECK(http_req_parse("GET / HTTP/1.0\n\n", 16, &r) == 0);
	CHECK(http_req_head_len("GET / HTTP/1.1\r\n", 16) == 0);
	CHECK(http_req_parse("GET /\r\n\r\n", 9, &r) != 0);
	CHECK(http_req_parse("GET x HTTP/1.1\r\n\r\n", 18, &r) != 0);
	CHECK(http_req_parse("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 39, &r) != 0);
	CHECK(http_req_parse("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
			     57, &r) != 0);
	CHECK(http_req_parse("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 27, &r) != 0);
	CHECK(!http_req_url_decode("abcdef", 6, out, 4, &n));
	CHECK(http_req_url_decode("a%2", 3, out, sizeof(out), &n) && strcmp(out, "a%2") == 0);
}

static void openbeken_endpoints(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const char *resp;

	fake_hal_init(&h);
	testkit_params(&pp);
	pp.ssdp_enabled = true;
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	resp = request(&p, &h, "GET /api/info HTTP/1.1\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 200 OK\nContent-type: application/json\r\n", 48) == 0);
	CHECK(strstr(resp, "Content-Length") == NULL);
	CHECK(strstr(resp, "\"chipset\":\"BL602\"") != NULL);
	CHECK(strstr(resp, "\"mqtttopic\":\"obk_test\"") != NULL);
	CHECK(strstr(resp, "\"mac\":\"02:42:00:00:00:07\"") != NULL);
	CHECK(strstr(resp, "\"build\":\"Built on ") != NULL);
	CHECK(strstr(resp, "version 1.0.0\"") != NULL);
	CHECK(strstr(resp, "\"otaPartitionSize\":557056") != NULL);
	CHECK(strstr(resp, "\"supportsSSDP\":1") != NULL);
	resp = request(&p, &h, "GET /cm?cmnd=POWER%20ON HTTP/1.1\r\n\r\n");
	CHECK_STR(body_of(resp), "{\"POWER\":\"ON\"}");
	CHECK(p.relay.on[0]);
	resp = request(&p, &h, "POST /cm HTTP/1.1\r\nContent-Length: 14\r\n\r\ncmnd=POWER+OFF");
	CHECK_STR(body_of(resp), "{\"POWER\":\"OFF\"}");
	resp = request(&p, &h, "GET /cm?cmnd= HTTP/1.1\r\n\r\n");
	CHECK_STR(body_of(resp), "");
	resp = request(&p, &h, "POST /api/cmnd HTTP/1.1\r\nContent-Length: 11\r\n\r\nNoSuchThing");
	CHECK(strncmp(resp, "HTTP/1.1 501 OK\n", 16) == 0);
	CHECK(strstr(resp, "\"Unknown command\"") != NULL);
	resp = request(&p, &h, "GET /index?state=1 HTTP/1.1\r\n\r\n");
	CHECK(strstr(resp, "<h5>Reboot reason: BL_RST_POWER_OFF</h5>") != NULL);
	CHECK(strstr(resp, "Boot count: 1") != NULL);
	resp = request(&p, &h, "GET /ssdp.xml HTTP/1.1\r\n\r\n");
	CHECK(strstr(resp, "Content-type: application/xml") != NULL);
	CHECK(strstr(resp, "<modelName>BL602</modelName>") != NULL);
	CHECK(strstr(resp, "<URLBase>http://127.0.0.1:8080</URLBase>") != NULL);
	resp = request(&p, &h, "GET /nothing HTTP/1.1\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 404 OK\n", 16) == 0);
	resp = request(
		&p, &h,
		"POST /api/cmnd HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 8\r\n\r\n"
		"POWER ON");
	CHECK(starts_with(resp, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\n"));
	resp = request(&p, &h, "POST /api/reboot HTTP/1.1\r\n\r\n");
	CHECK_STR(body_of(resp), "{\"reboot\":3}");
	testkit_run(&p, &h, 3100);
	CHECK(h.reset_requested);
	fake_hal_free(&h);
}

static void basic_auth_when_password_set(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const char *resp;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	strcpy(p.cfg.web_password, "pw");
	resp = request(&p, &h, "GET /api/info HTTP/1.1\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 401 OK\n", 16) == 0);
	CHECK(strstr(resp, "WWW-Authenticate: Basic realm=\"OpenBeken HTTP Server\"") != NULL);
	/* admin:pw */
	resp = request(&p, &h,
		       "GET /api/info HTTP/1.1\r\nAuthorization: Basic YWRtaW46cHc=\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 200 OK\n", 16) == 0);
	resp = request(&p, &h, "GET /ssdp.xml HTTP/1.1\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 200 OK\n", 16) == 0);
	fake_hal_free(&h);
}

static void strict_mode_sends_conventional_head(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const char *resp;

	fake_hal_init(&h);
	testkit_params(&pp);
	pp.strict_http = true;
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	resp = request(&p, &h, "GET /cm?cmnd=POWER HTTP/1.1\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 200 OK\r\n", 17) == 0);
	CHECK(strstr(resp, "Content-Length: 15\r\n") != NULL);
	fake_hal_free(&h);
}

static void oversized_requests_are_refused(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	static char raw[3000];
	const char *resp;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	memset(raw, 'a', sizeof(raw) - 1);
	memcpy(raw, "GET /", 5);
	resp = request(&p, &h, raw);
	CHECK(strncmp(resp, "HTTP/1.1 400 OK\n", 16) == 0);
	resp = request(&p, &h, "POST /api/cmnd HTTP/1.1\r\nContent-Length: 99999\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 413 OK\n", 16) == 0);
	resp = request(&p, &h, "POST /api/cmnd HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
	CHECK(strncmp(resp, "HTTP/1.1 400 OK\n", 16) == 0);
	fake_hal_free(&h);
}

static void ssdp_bytes_match_openbeken(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	char buf[768];
	int n;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	CHECK(ssdp_is_msearch("M-SEARCH * HTTP/1.1\r\n", 21));
	CHECK(!ssdp_is_msearch("NOTIFY * HTTP/1.1\r\n", 19));
	CHECK(!ssdp_is_msearch("M-SEAR", 6));
	n = ssdp_format_reply(&p, buf, sizeof(buf));
	CHECK(n > 0 && (size_t)n == strlen(buf));
	CHECK(starts_with(buf, "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
			       "LOCATION: http://127.0.0.1:8080/ssdp.xml\r\n"));
	CHECK(strstr(buf, "\r\nSERVER: OpenBk\r\n") != NULL);
	CHECK(strstr(buf, "\r\nUSN: 004f424b-5350-4450-0242-000000000007::upnp:rootdevice\r\n"));
	CHECK(n > 8 && strcmp(buf + n - 8, "\r\n\r\n\r\n\r\n") != 0);
	CHECK(strcmp(buf + n - 6, "\r\n\r\n\r\n") == 0);
	n = ssdp_format_notify(&p, buf, sizeof(buf));
	/* peers recognise OpenBeken by line 2 */
	CHECK(n > 0 && starts_with(buf, "NOTIFY * HTTP/1.1\r\nSERVER: OpenBk\r\n"));
	CHECK(strstr(buf, "USN: uuid:004f424b-") != NULL);
	CHECK(ssdp_format_reply(&p, buf, 40) == -ENOSPC);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(ssdp_bytes_match_openbeken);
	TESTKIT_RUN(parser_handles_lf_crlf_and_rejects_garbage);
	TESTKIT_RUN(openbeken_endpoints);
	TESTKIT_RUN(basic_auth_when_password_set);
	TESTKIT_RUN(strict_mode_sends_conventional_head);
	TESTKIT_RUN(oversized_requests_are_refused);
	return testkit_exit();
}
