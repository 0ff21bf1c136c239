/* libFuzzer: the response side of ota_http. The input is what the server
 * answers on every connection (status line, headers, body); the plug parses
 * it, resumes, retries and writes into its slot as it would on the wire. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_plug.h"
#include "mqtt_link.h"
#include "ota_pull.h"
#include "plug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *fuzz_data;
static size_t fuzz_size;

static void fuzz_serve(struct hal *h)
{
	h->httpc.resp = malloc(fuzz_size ? fuzz_size : 1);
	memcpy(h->httpc.resp, fuzz_data, fuzz_size);
	h->httpc.resp_len = fuzz_size;
}

static void fuzz_boot(void)
{
	fuzz_plug_boot();
	fuzz_hal.httpc.serve = fuzz_serve;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char url[] = "http://127.0.0.1:8080/ota/t/fw.bin";
	const char *why;

	if (!fuzz_ready || fuzz_hal.reset_requested)
		fuzz_boot();
	fuzz_hal.npubs = 0;
	fuzz_data = data;
	fuzz_size = size;
	if (ota_pull_start(&fuzz_plug, url, sizeof(url) - 1, &why))
		return 0;
	/* every retry and back-off runs: 6 connections within 40 s */
	for (int i = 0; i < 400 && ota_pull_active(&fuzz_plug) && !fuzz_hal.reset_requested; i++) {
		fuzz_hal.now_ms += 100;
		plug_poll(&fuzz_plug);
	}
	ota_pull_stop(&fuzz_plug);
	ota_abort(&fuzz_plug, "fuzz");
	return 0;
}
