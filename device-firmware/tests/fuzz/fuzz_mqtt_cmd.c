/* libFuzzer: MQTT topic routing and the command parser on a booted plug.
 * Input: "<topic>\n<payload>"; a first byte 'L' sends the rest as a
 * console command line instead. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fuzz_plug.h"
#include "mqtt_link.h"
#include "plug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl;

	if (!fuzz_ready || fuzz_hal.reset_requested)
		fuzz_plug_boot();
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
