/* The BearSSL adapter under the contract test: an array of trust anchors; asked by
 * matching the certificate's subject name and public key, as OpenSSL reads them, with
 * an anchor's. */
#include <nativecerts/bearssl.h>

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "stack.h"

const char *const stack_name = "BearSSL";
static nativecerts_bearssl_anchors anchors = NATIVECERTS_BEARSSL_ANCHORS_INIT;

void stack_open(void) {}

void stack_close(void)
{
    nativecerts_bearssl_free_anchors(&anchors);
}

int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_bearssl_load_anchors(&anchors, opts, result, skipped);
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_bearssl_load_anchors(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_bearssl_add_anchors(&anchors, r, skipped);
}

static int same(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* An unsigned big-endian integer's bytes, without leading zeros, into buf (512 bytes). */
static size_t bn_bytes(const EVP_PKEY *pkey, const char *param, unsigned char *buf)
{
    BIGNUM *bn = NULL;
    size_t n = 0;
    if (EVP_PKEY_get_bn_param(pkey, param, &bn) == 1 && BN_num_bytes(bn) <= 512)
        n = (size_t)BN_bn2bin(bn, buf);
    BN_free(bn);
    return n;
}

/* Leading zero bytes of a BearSSL integer do not count. */
static void trim(const unsigned char **p, size_t *n)
{
    while (*n > 0 && **p == 0)
        (*p)++, (*n)--;
}

static int anchor_matches(const br_x509_trust_anchor *ta, const unsigned char *name,
                          size_t name_len, const EVP_PKEY *pkey)
{
    unsigned char a[512], b[512];
    if (!same(ta->dn.data, ta->dn.len, name, name_len)) return 0;
    if (ta->pkey.key_type == BR_KEYTYPE_RSA && EVP_PKEY_is_a(pkey, "RSA")) {
        const unsigned char *n = ta->pkey.key.rsa.n, *e = ta->pkey.key.rsa.e;
        size_t nlen = ta->pkey.key.rsa.nlen, elen = ta->pkey.key.rsa.elen;
        size_t an = bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_N, a);
        size_t be = bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_E, b);
        trim(&n, &nlen);
        trim(&e, &elen);
        return an > 0 && same(n, nlen, a, an) && same(e, elen, b, be);
    }
    if (ta->pkey.key_type == BR_KEYTYPE_EC && EVP_PKEY_is_a(pkey, "EC")) {
        size_t qlen = 0;
        return EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, a, sizeof a, &qlen) ==
                   1 &&
               same(ta->pkey.key.ec.q, ta->pkey.key.ec.qlen, a, qlen);
    }
    return 0;
}

int stack_holds(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    unsigned char *name = NULL;
    int name_len = x ? i2d_X509_NAME(X509_get_subject_name(x), &name) : -1;
    EVP_PKEY *pkey = x ? X509_get0_pubkey(x) : NULL;
    int found = 0;
    for (size_t i = 0; pkey && name_len > 0 && !found && i < anchors.count; i++)
        found = anchor_matches(&anchors.anchors[i], name, (size_t)name_len, pkey);
    OPENSSL_free(name);
    X509_free(x);
    return found;
}
