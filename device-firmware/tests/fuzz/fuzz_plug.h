#ifndef FUZZ_PLUG_H
#define FUZZ_PLUG_H

/* The plug every fuzz target drives: one fake HAL and one parameter set,
 * made once per process; each input boots it afresh with the link up. */
#include <string.h>

#include "fake_hal.h"
#include "mqtt_link.h"
#include "plug.h"

static struct hal fuzz_hal;
static struct plug fuzz_plug;
static struct plug_params fuzz_params;
static int fuzz_ready;

static inline void fuzz_plug_boot(void)
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

#endif
