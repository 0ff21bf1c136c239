#include "pins.h"

#include <string.h>

static const struct pins_template pins_templates[] = {
	{
		/* Aubess SM-028_V1.3, thread post #20856171 */
		.name = "SM-028_V1.3",
		.relay = {.count = 1,
			  .pin = {2},
			  .channel = {1},
			  .led_pin = 20,
			  .led_inverted = false,
			  .button_pin = 17},
		.meter = {.cf_pin = 14, .cf1_pin = 3, .sel_pin = 21, .sel_inverted = false},
	},
	{
		/* RMC021, post #21025378: same board, button moved, LED_n */
		.name = "RMC021",
		.relay = {.count = 1,
			  .pin = {2},
			  .channel = {1},
			  .led_pin = 20,
			  .led_inverted = true,
			  .button_pin = 22},
		.meter = {.cf_pin = 14, .cf1_pin = 3, .sel_pin = 21, .sel_inverted = false},
	},
};

const struct pins_template *pins_find(const char *name)
{
	for (size_t i = 0; i < sizeof(pins_templates) / sizeof(pins_templates[0]); i++) {
		if (strcmp(pins_templates[i].name, name) == 0)
			return &pins_templates[i];
	}
	return NULL;
}

const struct pins_template *pins_default(void)
{
	return &pins_templates[0];
}
