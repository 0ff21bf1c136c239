#ifndef HAL_GPIO_H
#define HAL_GPIO_H

#include "hal.h"
#include <stdbool.h>

enum hal_gpio_mode {
	HAL_GPIO_OUTPUT,
	HAL_GPIO_INPUT,
	HAL_GPIO_INPUT_PULLUP,
};

enum hal_gpio_edge {
	HAL_GPIO_EDGE_FALLING,
	HAL_GPIO_EDGE_RISING,
};

typedef void (*hal_gpio_isr_fn)(void *arg);

int hal_gpio_config(struct hal *h, unsigned int pin, enum hal_gpio_mode mode);
void hal_gpio_write(struct hal *h, unsigned int pin, bool level);
bool hal_gpio_read(struct hal *h, unsigned int pin);
/* The ISR runs in interrupt context: it may only bump volatile counters. */
int hal_gpio_irq_attach(struct hal *h, unsigned int pin, enum hal_gpio_edge edge,
			hal_gpio_isr_fn isr, void *arg);
/* Critical section around reading and clearing ISR counters. */
unsigned int hal_irq_save(struct hal *h);
void hal_irq_restore(struct hal *h, unsigned int state);

#endif
