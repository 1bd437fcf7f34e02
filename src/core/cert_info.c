/* Reading a certificate for display: names, validity, fingerprint, OpenSSL's name hash.
 * These check the certificate as the loader does, then read it in place; only the hash of
 * an unusual name allocates. */
#include "codec/der.h"
#include "codec/x509_name.h"
#include "codec/x509_name_hash.h"
#include "hash/sha256.h"
#include "nativecerts.h"

typedef size_t (*name_writer)(const uint8_t *name, size_t len, char *buf, size_t n);

enum which_name { ISSUER, SUBJECT };

static size_t cert_name(const unsigned char *der, size_t len, char *buf, size_t n,
                        enum which_name which, name_writer write)
{
    const uint8_t *issuer, *subject;
    size_t issuer_len, subject_len;
    if (buf == NULL) n = 0;
    if (nc__x509_cert_names(der, len, &issuer, &issuer_len, &subject, &subject_len) != 0) {
        if (n > 0) buf[0] = '\0';
        return 0;
    }
    size_t total =
        which == ISSUER ? write(issuer, issuer_len, buf, n) : write(subject, subject_len, buf, n);
    /* The certificate check covers what the writers read, so they do not fail here. */
    return total == (size_t)-1 ? 0 : total;
}

size_t nativecerts_cert_subject(const unsigned char *der, size_t len, char *buf, size_t n)
{
    return cert_name(der, len, buf, n, SUBJECT, nc__x509_name_rfc4514);
}

size_t nativecerts_cert_issuer(const unsigned char *der, size_t len, char *buf, size_t n)
{
    return cert_name(der, len, buf, n, ISSUER, nc__x509_name_rfc4514);
}

size_t nativecerts_cert_display_name(const unsigned char *der, size_t len, char *buf, size_t n)
{
    return cert_name(der, len, buf, n, SUBJECT, nc__x509_name_display);
}

/* The public return codes of nc__x509_name_hash; *hash is 0 on failure, as OpenSSL's. */
static int name_hash(const uint8_t *name, size_t len, uint32_t *hash)
{
    int rc = nc__x509_name_hash(name, len, hash);
    if (rc != 0) *hash = 0;
    return rc == 0 ? NATIVECERTS_OK : rc == -2 ? NATIVECERTS_ENOMEM : NATIVECERTS_EINVAL;
}

static int cert_name_hash(const unsigned char *der, size_t len, enum which_name which,
                          uint32_t *hash)
{
    const uint8_t *issuer, *subject;
    size_t issuer_len, subject_len;
    if (hash == NULL) return NATIVECERTS_EINVAL;
    if (nc__x509_cert_names(der, len, &issuer, &issuer_len, &subject, &subject_len) != 0) {
        *hash = 0;
        return NATIVECERTS_EINVAL;
    }
    return which == ISSUER ? name_hash(issuer, issuer_len, hash)
                           : name_hash(subject, subject_len, hash);
}

int nativecerts_cert_subject_hash(const unsigned char *der, size_t len, uint32_t *hash)
{
    return cert_name_hash(der, len, SUBJECT, hash);
}

int nativecerts_cert_issuer_hash(const unsigned char *der, size_t len, uint32_t *hash)
{
    return cert_name_hash(der, len, ISSUER, hash);
}

int nativecerts_name_hash(const unsigned char *name, size_t len, uint32_t *hash)
{
    if (hash == NULL) return NATIVECERTS_EINVAL;
    if (name == NULL || nc__der_check_name(name, len) != NC__DER_OK) {
        *hash = 0;
        return NATIVECERTS_EINVAL;
    }
    return name_hash(name, len, hash);
}

int nativecerts_cert_validity(const unsigned char *der, size_t len, int64_t *not_before,
                              int64_t *not_after)
{
    nc__cert_limits info;
    if (der == NULL || nc__der_check_certificate(der, len, &info) != NC__DER_OK)
        return NATIVECERTS_EINVAL;
    if (not_before) *not_before = info.not_before;
    if (not_after) *not_after = info.not_after;
    return NATIVECERTS_OK;
}

void nativecerts_sha256(const unsigned char *data, size_t len, unsigned char out[32])
{
    if (out == NULL || (data == NULL && len > 0)) return;
    nc__sha256 h;
    nc__sha256_init(&h);
    nc__sha256_update(&h, data, len);
    nc__sha256_final(&h, out);
}
