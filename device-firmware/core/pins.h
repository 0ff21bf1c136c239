#ifndef PINS_H
#define PINS_H

#include <stdbool.h>

#include "bl0937.h"
#include "relay.h"

/* A board template: which GPIO does what (the seed thread's boards). */
struct pins_template {
	const char *name;
	struct relay_config relay;
	struct bl0937_config meter;
};

const struct pins_template *pins_find(const char *name);
const struct pins_template *pins_default(void);

#endif
