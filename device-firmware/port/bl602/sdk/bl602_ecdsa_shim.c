/* Compiled inside the SDK tree, against the SDK's mbedTLS (not by the
 * cross-compile check, which has no mbedTLS headers for the target). */
#include <stdint.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>

int bl602_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64]);

int bl602_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64])
{
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	int rc = -1;

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
	rc = mbedtls_ecdsa_verify(&grp, hash, 32, &q, &r, &s) ? -1 : 0;
out_free:
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	return rc;
}
