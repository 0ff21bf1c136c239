#ifndef CRC_H
#define CRC_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, reflected, init and xorout 0xFFFFFFFF). */
uint32_t crc_32(const void *data, size_t len);

#endif
