#ifndef TESTKIT_H
#define TESTKIT_H

#include <stdio.h>
#include <stdlib.h>

#include "fake_hal.h"
#include "plug.h"

extern int testkit_failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
			testkit_failures++;                                                        \
		}                                                                                  \
	} while (0)

#define CHECK_NEAR(a, b, eps)                                                                      \
	do {                                                                                       \
		double testkit_a = (a), testkit_b = (b);                                           \
		if (!(testkit_a - testkit_b <= (eps) && testkit_b - testkit_a <= (eps))) {         \
			fprintf(stderr, "%s:%d: %s = %f, expected %f\n", __FILE__, __LINE__, #a,   \
				testkit_a, testkit_b);                                             \
			testkit_failures++;                                                        \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *testkit_s = (a);                                                       \
		if (!testkit_s || strcmp(testkit_s, (b)) != 0) {                                   \
			fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__,         \
				__LINE__, #a, testkit_s ? testkit_s : "(null)", (b));              \
			testkit_failures++;                                                        \
		}                                                                                  \
	} while (0)

#define TESTKIT_RUN(fn)                                                                            \
	do {                                                                                       \
		int testkit_before = testkit_failures;                                             \
		fn();                                                                              \
		fprintf(stderr, "%s %s\n", testkit_failures == testkit_before ? "PASS" : "FAIL",   \
			#fn);                                                                      \
	} while (0)

/* Default parameters for a test plug (topic obk_test, broker 127.0.0.1:1883). */
void testkit_params(struct plug_params *pp);
/* Boots p on h; on a later call it is a reboot with the same flash/RAM. */
int testkit_boot(struct plug *p, struct hal *h, const struct plug_params *pp);
/* Advances the fake clock by ms in 50 ms loop turns, polling the plug. */
void testkit_run(struct plug *p, struct hal *h, uint64_t ms);
/* Brings the MQTT link up (connect attempt + CONNACK 0). */
void testkit_connect(struct plug *p, struct hal *h);
void testkit_msg(struct plug *p, const char *topic, const char *payload);
int testkit_exit(void);
/* Signs `payload` bytes of a pattern (i * mul + add) as an image for chip/version with
 * mkimage and the key in key_dir, working in dir; returns the malloc'd image or NULL. */
uint8_t *testkit_signed_image(const char *mkimage, const char *key_dir, const char *dir,
			      const char *chip, const char *version, size_t payload, unsigned int mul,
			      unsigned int add, size_t *len);

#endif
