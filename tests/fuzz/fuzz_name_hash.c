/* Differential: OpenSSL's name hash (`openssl x509 -hash`, X509_NAME_hash_ex), computed by
 * nativecerts without OpenSSL, on the same bytes read two ways. The run aborts when:
 *
 *  1. as a certificate: nativecerts hashes it (it reads the certificate) but d2i_X509 does
 *     not read it to its last byte, or the subject or issuer hash differs from
 *     X509_NAME_hash_ex of OpenSSL's reading; or the Name alone (its DER as OpenSSL keeps
 *     it) hashes differently, or is refused;
 *  2. as a Name: nativecerts_name_hash accepts it but d2i_X509_NAME does not read it to
 *     its last byte, or the hashes differ;
 *  3. nativecerts refuses a certificate or Name yet sets a hash other than 0, or returns
 *     anything but NATIVECERTS_OK or NATIVECERTS_EINVAL (a Name here is at most 64 KiB:
 *     no allocation may fail).
 *
 * Where OpenSSL reads what nativecerts refuses, nothing is compared: nativecerts is
 * stricter on purpose (definite lengths, DER forms of universal types: docs/trust.md),
 * and the other differential targets watch that boundary. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "fuzz_target.h"
#include "nativecerts.h"

typedef int (*hash_fn)(const unsigned char *, size_t, uint32_t *);

/* Ours on bytes in a buffer of their exact size; checks the failure convention. */
static int ours(hash_fn fn, const uint8_t *data, size_t size, uint32_t *hash)
{
    uint8_t *copy = fuzz_copy(data, size);
    *hash = 0x5A5A5A5A;
    int rc = fn(copy, size, hash);
    free(copy);
    FUZZ_CHECK(rc == NATIVECERTS_OK || rc == NATIVECERTS_EINVAL, "returned %d", rc);
    FUZZ_CHECK(rc == NATIVECERTS_OK || *hash == 0, "refused, yet hash %08lx", (unsigned long)*hash);
    return rc == NATIVECERTS_OK;
}

static unsigned long theirs(const X509_NAME *nm)
{
    int ok = 0;
    unsigned long h = X509_NAME_hash_ex(nm, NULL, NULL, &ok);
    FUZZ_CHECK(ok, "X509_NAME_hash_ex fails on a Name OpenSSL read");
    return h;
}

static void compare_cert_name(const uint8_t *data, size_t size, hash_fn fn, const X509_NAME *nm,
                              const char *which)
{
    uint32_t h;
    if (!ours(fn, data, size, &h)) return;
    unsigned long t = theirs(nm);
    FUZZ_CHECK(h == t, "%s: nativecerts %08lx, OpenSSL %08lx", which, (unsigned long)h, t);
    const unsigned char *der = NULL;
    size_t len = 0;
    FUZZ_CHECK(X509_NAME_get0_der(nm, &der, &len) == 1, "no DER for the %s", which);
    FUZZ_CHECK(ours(nativecerts_name_hash, der, len, &h), "%s alone is refused", which);
    FUZZ_CHECK(h == t, "%s alone: nativecerts %08lx, OpenSSL %08lx", which, (unsigned long)h, t);
}

static void as_certificate(const uint8_t *data, size_t size)
{
    uint32_t h;
    if (!ours(nativecerts_cert_subject_hash, data, size, &h)) {
        FUZZ_CHECK(!ours(nativecerts_cert_issuer_hash, data, size, &h),
                   "the issuer hashes, the subject does not");
        return;
    }
    const unsigned char *p = data;
    X509 *x = d2i_X509(NULL, &p, (long)size);
    FUZZ_CHECK(x != NULL && p == data + size, "nativecerts hashes a certificate d2i_X509 refuses");
    compare_cert_name(data, size, nativecerts_cert_subject_hash, X509_get_subject_name(x),
                      "subject");
    compare_cert_name(data, size, nativecerts_cert_issuer_hash, X509_get_issuer_name(x), "issuer");
    X509_free(x);
}

static void as_name(const uint8_t *data, size_t size)
{
    uint32_t h;
    if (!ours(nativecerts_name_hash, data, size, &h)) return;
    const unsigned char *p = data;
    X509_NAME *nm = d2i_X509_NAME(NULL, &p, (long)size);
    FUZZ_CHECK(nm != NULL && p == data + size, "nativecerts hashes a Name d2i_X509_NAME refuses");
    unsigned long t = theirs(nm);
    FUZZ_CHECK(h == t, "Name: nativecerts %08lx, OpenSSL %08lx", (unsigned long)h, t);
    X509_NAME_free(nm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    as_certificate(data, size);
    as_name(data, size);
    ERR_clear_error();
    return 0;
}
