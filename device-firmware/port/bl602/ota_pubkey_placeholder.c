/* For the compile-only cross check: a release build replaces this with the
 * output of `mkimage --pub-to-c release-pub.pem ota_pubkey.c`. */
#include "ota_pubkey.h"

const uint8_t ota_pubkey_sec1[65] = {0x04};
