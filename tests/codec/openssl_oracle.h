/* OpenSSL as the reference the parsers are compared with (tests only: the library never
 * links OpenSSL). */
#ifndef NC_TESTS_OPENSSL_ORACLE_H
#define NC_TESTS_OPENSSL_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/asn1.h>
#include <openssl/x509.h>

/* Converts an ASN1_TIME with OpenSSL's own reader (ASN1_TIME_to_tm) and the C library's
 * timegm. Returns 0, or -1 when OpenSSL refuses the time. */
int oracle_time(const ASN1_TIME *t, int64_t *out);

/* Non-zero when d2i_X509 reads der[0..len) as one certificate and nothing after it. When
 * it does and the pointers are not NULL, the validity as OpenSSL reads it (or -1 in
 * *times_ok when it cannot convert the times), and in *eku oracle_eku() of it. */
int oracle_certificate(const uint8_t *der, size_t len, int64_t *not_before, int64_t *not_after,
                       int *times_ok, int *eku);

/* The certificate's extendedKeyUsage as OpenSSL's verifier reads it (X509_get_ext_d2i, as
 * x509v3_cache_extensions does): ORACLE_EKU_INVALID when it marks the certificate invalid
 * for it (unreadable, or two such extensions), else whether it is absent, names serverAuth
 * or anyExtendedKeyUsage, or names neither. This is OpenSSL's reading of the extension,
 * not its purpose check (which also takes the Server Gated Crypto purposes, and not
 * anyExtendedKeyUsage, for a root of TLS servers). */
enum { ORACLE_EKU_INVALID = -1, ORACLE_EKU_ABSENT, ORACLE_EKU_SERVER, ORACLE_EKU_NOT_SERVER };
int oracle_eku(X509 *x);

#endif
