/* The trusted certificates as PEM text (RFC 7468's strict form), as
 * nativecerts_result_pem writes them. */
#ifndef NC_CORE_PEM_BUNDLE_H
#define NC_CORE_PEM_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

/* The PEM block of one certificate: "-----BEGIN CERTIFICATE-----\n", der[0..len) in
 * base64 in lines of 64 characters, each ended by "\n" (the last may be shorter; none
 * when len is 0), then "-----END CERTIFICATE-----\n". Writes the first min(n, total)
 * bytes of it to out, without a NUL (out may be NULL when n is 0), and returns total,
 * the whole block's length. */
size_t nc__pem_certificate(const uint8_t *der, size_t len, char *out, size_t n);

#endif
