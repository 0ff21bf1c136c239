#ifndef OTA_PUBKEY_H
#define OTA_PUBKEY_H

#include <stdint.h>

/* Generated at build time by `mkimage --pub-to-c` from the release (or dev)
 * public key: the uncompressed P-256 point the firmware trusts. */
extern const uint8_t ota_pubkey_sec1[65];

#endif
