/* libFuzzer: the HTTP request parser, query decoding and the routes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fake_hal.h"
#include "http_req.h"
#include "http_srv.h"
#include "plug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hal fuzz_hal;
static struct plug fuzz_plug;
static struct plug_params fuzz_params;
static struct http_srv_conn fuzz_conn;
static int fuzz_ready;

static void fuzz_boot(void)
{
	if (!fuzz_ready) {
		fake_hal_init(&fuzz_hal);
		memset(&fuzz_params, 0, sizeof(fuzz_params));
		strcpy(fuzz_params.topic, "obk_fuzz");
		strcpy(fuzz_params.chip_name, "BL602");
		fuzz_params.chip = OTA_CHIP_BL602;
		strcpy(fuzz_params.factory_version, "1.0.0");
		fuzz_params.pins = pins_default();
		fuzz_ready = 1;
	}
	fuzz_hal.reset_requested = false;
	plug_boot(&fuzz_plug, &fuzz_hal, &fuzz_params);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req req;
	char out[256];
	size_t head, n, off = 0;

	head = http_req_head_len((const char *)data, size);
	if (head && http_req_parse((const char *)data, head, &req) == 0 && req.query)
		http_req_query_get(req.query, req.query_len, "cmnd", out, sizeof(out), &n);

	if (!fuzz_ready || fuzz_hal.reset_requested)
		fuzz_boot();
	fuzz_hal.http_out_len = 0;
	http_srv_conn_open(&fuzz_conn, 0);
	/* in two pieces, as TCP may deliver it */
	for (int piece = 0; piece < 2 && off < size; piece++) {
		size_t len = piece == 0 ? size / 2 : size - off;
		size_t used = http_srv_feed(&fuzz_plug, &fuzz_conn, data + off, len);

		if (used == 0) {
			fuzz_hal.now_ms += 10;
			plug_poll(&fuzz_plug);
		}
		off += used;
	}
	http_srv_conn_closed(&fuzz_plug, &fuzz_conn);
	return 0;
}
