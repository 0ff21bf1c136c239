/* The port contract: every hal_* function takes the port's context.
 * Core code only ever holds a pointer to it; each port defines struct hal. */
#ifndef HAL_H
#define HAL_H

struct hal;

#endif
