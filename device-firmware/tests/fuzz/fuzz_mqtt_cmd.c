/* libFuzzer: MQTT topic routing and the command parser on a booted plug.
 * Input: "<topic>\n<payload>"; a first byte 'L' sends the rest as a
 * console command line instead. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fake_hal.h"
#include "mqtt_link.h"
#include "plug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hal fuzz_hal;
static struct plug fuzz_plug;
static struct plug_params fuzz_params;
static int fuzz_ready;

static void fuzz_boot(void)
{
	if (!fuzz_ready) {
		fake_hal_init(&fuzz_hal);
		memset(&fuzz_params, 0, sizeof(fuzz_params));
		strcpy(fuzz_params.topic, "obk_fuzz");
		strcpy(fuzz_params.group, "bl602s");
		strcpy(fuzz_params.chip_name, "BL602");
		fuzz_params.chip = OTA_CHIP_BL602;
		strcpy(fuzz_params.factory_version, "1.0.0");
		strcpy(fuzz_params.bootstrap.host, "127.0.0.1");
		fuzz_params.bootstrap.port = 1883;
		fuzz_params.pins = pins_default();
		fuzz_params.mqtt_boot_grace_s = 60;
		fuzz_ready = 1;
	}
	fuzz_hal.reset_requested = false;
	plug_boot(&fuzz_plug, &fuzz_hal, &fuzz_params);
	mqtt_link_on_connack(&fuzz_plug, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl;

	if (!fuzz_ready || fuzz_hal.reset_requested)
		fuzz_boot();
	fuzz_hal.npubs = 0;
	if (size > 0 && data[0] == 'L') {
		struct cmd_reply reply;

		cmd_reply_init(&reply);
		cmd_execute_line(&fuzz_plug, (const char *)data + 1, size - 1, CMD_SRC_CONSOLE,
				 &reply);
		return 0;
	}
	nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	mqtt_link_on_message(&fuzz_plug, (const char *)data, (size_t)(nl - data), nl + 1,
			     size - (size_t)(nl - data) - 1);
	/* a little time passes: debounced reconnects and reboots run */
	fuzz_hal.now_ms += 1100;
	plug_poll(&fuzz_plug);
	return 0;
}
