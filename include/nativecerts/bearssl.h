/*
 * nativecerts/bearssl.h — the roots nativecerts returns, as the array of trust anchors
 * BearSSL's X.509 engines take (br_x509_trust_anchor), with the memory it needs.
 *
 *   nativecerts_bearssl_anchors ta = NATIVECERTS_BEARSSL_ANCHORS_INIT;
 *   nativecerts_bearssl_load_anchors(&ta, NULL, NULL, NULL);
 *   br_ssl_client_init_full(&sc, &xc, ta.anchors, ta.count);
 *   ...
 *   nativecerts_bearssl_free_anchors(&ta);    (after the last use of xc)
 *
 * Header only: the program links BearSSL itself (-lbearssl). The functions follow the
 * contract every adapter shares (nativecerts/adapter.h): load_* loads with opts (NULL:
 * the defaults) and adds; add_* adds a result you have; what BearSSL's decoder cannot
 * read (a key it does not support: DSA, Ed25519, RSA-PSS, an EC curve other than
 * P-256, P-384 and P-521, ...) is skipped and counted;
 * *result hands the result back for you to log and free; NATIVECERTS_OK, or
 * NATIVECERTS_EINVAL / ENOMEM / ERESOURCE.
 *
 * A trust anchor is the subject name and public key of a root (br_x509_decoder). It is
 * flagged BR_X509_TA_CA when the root says it is a CA (basicConstraints cA), as BearSSL's
 * own brssl tool decides; any other anchor vouches only for itself: BearSSL accepts a
 * server whose own certificate has exactly that key and name (direct trust), and no
 * chain through it.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_BEARSSL_H
#define NATIVECERTS_BEARSSL_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>
#include <nativecerts.h>
#include <nativecerts/adapter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Trust anchors and the memory they point to. anchors[0 .. count-1] is what
 * br_x509_minimal_init() and br_ssl_client_init_full() take; BearSSL keeps pointers into
 * it, so it must stay until the engines using it are done. Owned by this structure:
 * release it with nativecerts_bearssl_free_anchors(). Start it empty, with
 * NATIVECERTS_BEARSSL_ANCHORS_INIT or all fields zero. */
typedef struct nativecerts_bearssl_anchors {
    br_x509_trust_anchor *anchors;
    size_t count;
    size_t priv_capacity; /* not part of the API */
} nativecerts_bearssl_anchors;

#define NATIVECERTS_BEARSSL_ANCHORS_INIT                                                           \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Frees every anchor and the array, and leaves ta empty (reusable). NULL is allowed. */
static inline void nativecerts_bearssl_free_anchors(nativecerts_bearssl_anchors *ta)
{
    if (!ta) return;
    /* Each anchor's name and key share one block, which starts with the name. */
    for (size_t i = 0; i < ta->count; i++)
        free(ta->anchors[i].dn.data);
    free(ta->anchors);
    ta->anchors = NULL;
    ta->count = ta->priv_capacity = 0;
}

/* Not part of the API: where br_x509_decoder writes the subject name. */
typedef struct nativecerts_priv_bearssl_name {
    unsigned char *buf;
    size_t len, cap;
} nativecerts_priv_bearssl_name;

/* Not part of the API: the anchors to append to, with room for every new one, and the
 * buffer for a subject name. */
typedef struct nativecerts_priv_bearssl_to {
    nativecerts_bearssl_anchors *ta;
    nativecerts_priv_bearssl_name name;
} nativecerts_priv_bearssl_to;

/* Not part of the API: br_x509_decoder's callback for the subject name. The name lies
 * inside the certificate, so a buffer as long as the certificate always holds it; a
 * longer one would only mean a broken decoder, and is refused below. */
static inline void nativecerts_priv_bearssl_append_name(void *ctx, const void *bytes, size_t len)
{
    nativecerts_priv_bearssl_name *name = (nativecerts_priv_bearssl_name *)ctx;
    if (len > name->cap - name->len) {
        name->len = name->cap + 1; /* overflowed: no anchor */
        return;
    }
    memcpy(name->buf + name->len, bytes, len);
    name->len += len;
}

/* Not part of the API: appends the anchor for one certificate, its name and key in one
 * block of memory. */
static inline int nativecerts_priv_bearssl_add_one(void *target, const unsigned char *der,
                                                   size_t len)
{
    nativecerts_priv_bearssl_to *to = (nativecerts_priv_bearssl_to *)target;
    nativecerts_priv_bearssl_name *name = &to->name;
    br_x509_trust_anchor *ta = &to->ta->anchors[to->ta->count];
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    unsigned char *block;
    size_t key1, key2;
    name->len = 0;
    br_x509_decoder_init(&dc, nativecerts_priv_bearssl_append_name, name);
    br_x509_decoder_push(&dc, der, len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (!pk || name->len == 0 || name->len > name->cap) return NATIVECERTS_PRIV_SKIPPED;
    if (pk->key_type == BR_KEYTYPE_RSA) {
        key1 = pk->key.rsa.nlen;
        key2 = pk->key.rsa.elen;
    } else if (pk->key_type == BR_KEYTYPE_EC) {
        key1 = pk->key.ec.qlen;
        key2 = 0;
    } else {
        return NATIVECERTS_PRIV_SKIPPED;
    }
    if (!(block = (unsigned char *)malloc(name->len + key1 + key2))) return NATIVECERTS_ENOMEM;
    memcpy(block, name->buf, name->len);
    ta->dn.data = block;
    ta->dn.len = name->len;
    ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    ta->pkey.key_type = pk->key_type;
    if (pk->key_type == BR_KEYTYPE_RSA) {
        ta->pkey.key.rsa.n = block + name->len;
        ta->pkey.key.rsa.nlen = key1;
        ta->pkey.key.rsa.e = block + name->len + key1;
        ta->pkey.key.rsa.elen = key2;
        memcpy(ta->pkey.key.rsa.n, pk->key.rsa.n, key1);
        memcpy(ta->pkey.key.rsa.e, pk->key.rsa.e, key2);
    } else {
        ta->pkey.key.ec.curve = pk->key.ec.curve;
        ta->pkey.key.ec.q = block + name->len;
        ta->pkey.key.ec.qlen = key1;
        memcpy(ta->pkey.key.ec.q, pk->key.ec.q, key1);
    }
    to->ta->count++;
    return NATIVECERTS_OK;
}

/* Appends an anchor for every certificate of r to ta (which may hold anchors already;
 * they stay, though the array may move: take ta->anchors again afterwards).
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (ta or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_bearssl_add_anchors(nativecerts_bearssl_anchors *ta,
                                                  const nativecerts_result *r, size_t *skipped)
{
    nativecerts_priv_bearssl_to to = {ta, {NULL, 0, 0}};
    size_t count;
    int rc;
    if (skipped) *skipped = 0;
    if (!ta || !r) return NATIVECERTS_EINVAL;
    /* Room for every anchor, and a name buffer as long as the longest certificate. */
    count = nativecerts_result_count(r);
    for (size_t i = 0; i < count; i++) {
        size_t len;
        nativecerts_result_der(r, i, &len);
        if (len > to.name.cap) to.name.cap = len;
    }
    if (count > ta->priv_capacity - ta->count) {
        size_t want = ta->count + count;
        br_x509_trust_anchor *grown;
        if (want > (size_t)-1 / sizeof *grown) return NATIVECERTS_ENOMEM;
        grown = (br_x509_trust_anchor *)realloc(ta->anchors, want * sizeof *grown);
        if (!grown) return NATIVECERTS_ENOMEM;
        ta->anchors = grown;
        ta->priv_capacity = want;
    }
    if (count > 0 && !(to.name.buf = (unsigned char *)malloc(to.name.cap)))
        return NATIVECERTS_ENOMEM;
    rc = nativecerts_priv_add_each(&to, nativecerts_priv_bearssl_add_one, r, skipped);
    free(to.name.buf);
    return rc;
}

/* Not part of the API: the add function with its target as void *. */
static inline int nativecerts_priv_bearssl_add_anchors(void *ta, const nativecerts_result *r,
                                                       size_t *skipped)
{
    return nativecerts_bearssl_add_anchors((nativecerts_bearssl_anchors *)ta, r, skipped);
}

/* Loads with opts and appends an anchor for every trusted certificate to ta. */
static inline int nativecerts_bearssl_load_anchors(nativecerts_bearssl_anchors *ta,
                                                   const nativecerts_options *opts,
                                                   nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(ta, nativecerts_priv_bearssl_add_anchors, opts, result, skipped);
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_BEARSSL_H */
