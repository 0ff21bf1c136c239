/* hal_crypto on POSIX: Debian's mbedTLS. */
#include "hal_crypto.h"

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/sha256.h>

_Static_assert(sizeof(mbedtls_sha256_context) <= HAL_SHA256_CTX_SIZE, "SHA-256 context fits");

void hal_sha256_start(struct hal_sha256 *c)
{
	mbedtls_sha256_context *s = (mbedtls_sha256_context *)c->opaque;

	mbedtls_sha256_init(s);
	mbedtls_sha256_starts_ret(s, 0);
}

void hal_sha256_update(struct hal_sha256 *c, const void *data, size_t len)
{
	mbedtls_sha256_update_ret((mbedtls_sha256_context *)c->opaque, data, len);
}

void hal_sha256_finish(struct hal_sha256 *c, uint8_t out[32])
{
	mbedtls_sha256_context *s = (mbedtls_sha256_context *)c->opaque;

	mbedtls_sha256_finish_ret(s, out);
	mbedtls_sha256_free(s);
}

bool hal_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64])
{
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	bool ok = false;

	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1))
		goto out_free;
	if (mbedtls_ecp_point_read_binary(&grp, &q, pub, 65) || mbedtls_ecp_check_pubkey(&grp, &q))
		goto out_free;
	if (mbedtls_mpi_read_binary(&r, sig, 32) || mbedtls_mpi_read_binary(&s, sig + 32, 32))
		goto out_free;
	ok = mbedtls_ecdsa_verify(&grp, hash, 32, &q, &r, &s) == 0;
out_free:
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	return ok;
}
