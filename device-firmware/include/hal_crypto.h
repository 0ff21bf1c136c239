#ifndef HAL_CRYPTO_H
#define HAL_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opaque room for the port's SHA-256 context (mbedTLS on both ports). */
#define HAL_SHA256_CTX_SIZE 256

struct hal_sha256 {
	_Alignas(8) unsigned char opaque[HAL_SHA256_CTX_SIZE];
};

void hal_sha256_start(struct hal_sha256 *c);
void hal_sha256_update(struct hal_sha256 *c, const void *data, size_t len);
void hal_sha256_finish(struct hal_sha256 *c, uint8_t out[32]);

/* pub: uncompressed SEC1 point (0x04 || X || Y), sig: r || s big-endian. */
bool hal_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64]);

#endif
