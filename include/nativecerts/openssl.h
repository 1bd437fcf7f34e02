/*
 * nativecerts/openssl.h — the roots nativecerts returns, in an OpenSSL X509_STORE or
 * SSL_CTX (OpenSSL 1.1.1 and 3.x).
 *
 *   SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
 *   nativecerts_openssl_load_ctx(ctx, NULL, NULL, NULL);
 *
 * Header only: the program links OpenSSL itself (pkg-config: nativecerts openssl). The
 * functions follow the contract every adapter shares (nativecerts/adapter.h): load_*
 * loads with opts (NULL: the defaults) and adds; add_* adds a result you have; what
 * OpenSSL cannot parse is skipped and counted; *result hands the result back for you to
 * log and free; NATIVECERTS_OK, or NATIVECERTS_EINVAL / ENOMEM / ERESOURCE.
 *
 * Every certificate is parsed (d2i_X509) when added, as X509_STORE_load_file() does.
 * The store only adds: a new SSL_CTX trusts nothing, so do not also call
 * SSL_CTX_set_default_verify_paths() unless OpenSSL's own directory should count too.
 *
 * The lazy store (the *_lazy functions, below) parses only the roots a verification asks
 * for, the way OpenSSL's hashed directories (-CApath) do: ready in about the time of the
 * load itself, where parsing every root costs many times more.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_OPENSSL_H
#define NATIVECERTS_OPENSSL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nativecerts.h>
#include <nativecerts/adapter.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Not part of the API: adds one certificate to a store. */
static inline int nativecerts_priv_openssl_add_one(void *store, const unsigned char *der,
                                                   size_t len)
{
    const unsigned char *p = der; /* d2i moves p */
    X509 *cert = len <= LONG_MAX ? d2i_X509(NULL, &p, (long)len) : NULL;
    int added;
    if (!cert) return NATIVECERTS_PRIV_SKIPPED;
    /* It fails only when memory runs out: a duplicate is success. */
    added = X509_STORE_add_cert((X509_STORE *)store, cert) == 1;
    X509_free(cert);
    return added ? NATIVECERTS_OK : NATIVECERTS_ENOMEM;
}

/* Adds every certificate of r to store (X509_STORE_add_cert: the store keeps its own
 * reference). A certificate d2i_X509 refuses is skipped, and the errors OpenSSL queued
 * for it are removed: the thread's error queue is left as it was. d2i_X509 does not tell
 * a certificate it cannot parse from memory running out while it parses: both are
 * skipped, which only narrows what the store trusts.
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (store or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_openssl_add_store(X509_STORE *store, const nativecerts_result *r,
                                                size_t *skipped)
{
    int rc;
    ERR_set_mark();
    rc = nativecerts_priv_add_each(store, nativecerts_priv_openssl_add_one, r, skipped);
    ERR_pop_to_mark();
    return rc;
}

/* Adds every certificate of r to the store of ctx (SSL_CTX_get_cert_store()). */
static inline int nativecerts_openssl_add_ctx(SSL_CTX *ctx, const nativecerts_result *r,
                                              size_t *skipped)
{
    if (skipped) *skipped = 0;
    if (!ctx) return NATIVECERTS_EINVAL;
    return nativecerts_openssl_add_store(SSL_CTX_get_cert_store(ctx), r, skipped);
}

/* Not part of the API: the add functions with their target as void *. */
static inline int nativecerts_priv_openssl_add_store(void *store, const nativecerts_result *r,
                                                     size_t *skipped)
{
    return nativecerts_openssl_add_store((X509_STORE *)store, r, skipped);
}
static inline int nativecerts_priv_openssl_add_ctx(void *ctx, const nativecerts_result *r,
                                                   size_t *skipped)
{
    return nativecerts_openssl_add_ctx((SSL_CTX *)ctx, r, skipped);
}

/* Loads with opts and adds the trusted certificates to store. */
static inline int nativecerts_openssl_load_store(X509_STORE *store, const nativecerts_options *opts,
                                                 nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(store, nativecerts_priv_openssl_add_store, opts, result, skipped);
}

/* Loads with opts and adds the trusted certificates to the store of ctx (which its SSL
 * objects share, those made earlier included). */
static inline int nativecerts_openssl_load_ctx(SSL_CTX *ctx, const nativecerts_options *opts,
                                               nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(ctx, nativecerts_priv_openssl_add_ctx, opts, result, skipped);
}

/* ---------------------------------------------------------------------------------- */
/* The lazy store.                                                                     */
/*
 * The *_lazy functions add to the store an X509_LOOKUP (the mechanism of OpenSSL's hashed
 * directories, X509_LOOKUP_hash_dir) instead of the certificates. It indexes the result
 * by a key of each subject name, one that names OpenSSL finds equal always share (see
 * nativecerts_priv_lazy_name_key: cheaper than the SHA-1 subject hash, and as exact),
 * and parses nothing. When a verification needs the issuer of a certificate and the
 * store holds no certificate of that name, OpenSSL asks the lookup: it parses every root
 * of the result whose subject has that key (re-keyed and cross-signed roots share a
 * subject: all of them, as a hashed directory's .0, .1, ... links), adds them to the
 * store once (X509_STORE_add_cert, in the order the eager store adds them), and answers
 * with the store's first certificate of that name, as X509_LOOKUP_hash_dir does. For
 * every name a verification asks for, the store then holds what the eager store holds,
 * in the same order: OpenSSL builds the same chain and gives the same result.
 *
 * Ownership: the lookup keeps a reference of its own to the result
 * (nativecerts_result_retain()) until the store is freed (X509_STORE_free(), or the
 * SSL_CTX_free() of the last SSL_CTX that holds it). So, as with the other add_*
 * functions, the caller may free its result as soon as the call returns; a result from
 * nativecerts_store_get() stays what the store trusts after the nativecerts_store
 * reloads. A root once parsed belongs to the store, as X509_STORE_add_cert() makes it.
 *
 * Threads: set the store up before sharing it, as any X509_STORE. Then any number of
 * threads may verify at once: the lookup parses under a lock of its own, and OpenSSL
 * asks lookups without holding the store's lock (which X509_STORE_add_cert takes).
 *
 * What differs from the eager store:
 *   - *skipped is 0 (it counts what the index could not take: nothing nativecerts
 *     returns); a root d2i_X509 refuses is left out when a verification asks for its
 *     name, and its errors are removed from the thread's queue: it only narrows trust;
 *   - X509_STORE_get0_objects() and X509_STORE_get1_all_certs() list only the roots
 *     parsed so far;
 *   - OpenSSL asks the lookups only for a name the store holds no certificate of: a
 *     certificate of that name added by other means (X509_STORE_add_cert, a CA file, a
 *     lookup added earlier, such as the directory of SSL_CTX_set_default_verify_paths())
 *     hides the lazy roots of the name. Alone in its store, the lazy store verifies
 *     exactly as the eager one; mixed with other certificates, prefer the eager store.
 *
 * Lazy with OpenSSL 3.0 and later (NATIVECERTS_OPENSSL_LAZY is 1); with OpenSSL 1.1.1,
 * LibreSSL or BoringSSL the same calls add every root at once (NATIVECERTS_OPENSSL_LAZY
 * is 0). The lookup's method is made once (per translation unit including this header)
 * and never freed, as OpenSSL's own methods.
 */
#if OPENSSL_VERSION_NUMBER >= 0x30000000L && !defined(LIBRESSL_VERSION_NUMBER) &&                  \
    !defined(OPENSSL_IS_BORINGSSL)
#define NATIVECERTS_OPENSSL_LAZY 1
#else
#define NATIVECERTS_OPENSSL_LAZY 0
#endif

#if NATIVECERTS_OPENSSL_LAZY
/* Not part of the API: the header of the DER element at *p (before end): sets *content
 * and *len, moves *p past the element, and returns its first tag byte; -1 when it does
 * not fit. */
static inline int nativecerts_priv_der_next(const unsigned char **p, const unsigned char *end,
                                            const unsigned char **content, size_t *len)
{
    const unsigned char *q = *p;
    size_t n;
    int tag;
    if (q >= end) return -1;
    tag = *q++;
    if ((tag & 0x1f) == 0x1f) /* a tag number of several bytes */
        while (q < end && *q++ & 0x80)
            ;
    if (q >= end) return -1;
    n = *q++;
    if (n & 0x80) {
        size_t k = n & 0x7f;
        if (k == 0 || k > sizeof(size_t) || (size_t)(end - q) < k) return -1;
        for (n = 0; k > 0; k--)
            n = n << 8 | *q++;
    }
    if ((size_t)(end - q) < n) return -1;
    *content = q;
    *len = n;
    *p = q + n;
    return tag;
}

/* Not part of the API: the key of one attribute of a name (its type, and the ASCII
 * letters and digits of a string value, folded to lower case). */
static inline uint64_t nativecerts_priv_lazy_attr_key(const unsigned char *oid, size_t oid_len,
                                                      int tag, const unsigned char *v, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    size_t width = 0;
    for (size_t i = 0; i < oid_len; i++)
        h = (h ^ oid[i]) * 0x100000001b3u;
    switch (tag) {
    case 0x0c: /* UTF8String: the bytes below 0x80 are its ASCII characters */
    case 0x13: /* PrintableString, T61String, IA5String, VisibleString: one byte each */
    case 0x14:
    case 0x16:
    case 0x1a:
        width = 1;
        break;
    case 0x1e: /* BMPString */
        width = 2;
        break;
    case 0x1c: /* UniversalString */
        width = 4;
        break;
    }
    h = (h ^ (width ? 0x0c : 0xff)) * 0x100000001b3u;
    for (size_t i = 0; width && len - i >= width; i += width) {
        unsigned c = v[i + width - 1];
        size_t z = 0;
        while (z < width - 1 && v[i + z] == 0)
            z++;
        if (z < width - 1 || c >= 0x80) continue;
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) h = (h ^ c) * 0x100000001b3u;
    }
    h ^= h >> 30; /* splitmix64's finalizer: the attributes are summed */
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    return h ^ h >> 31;
}

/* Not part of the API: the lazy store's key of a Name (its DER, outer SEQUENCE
 * included): the sum of its attributes' keys. It is a function of OpenSSL's canonical
 * form of the name, by which X509_NAME_cmp compares (each string value of the types
 * OpenSSL converts made UTF-8, its whitespace collapsed and A-Z lowered; each RDN's
 * attributes sorted; empty RDNs left out): names OpenSSL finds equal have one key,
 * whatever their string types, case, spacing and order inside an RDN; different names
 * that share a key only make the lookup parse a root more. Cheaper than the SHA-1 of
 * that form (OpenSSL's subject hash). Returns 0 when name is not a Name. */
static inline int nativecerts_priv_lazy_name_key(const unsigned char *name, size_t len,
                                                 uint64_t *key)
{
    const unsigned char *p = name, *end = name + len, *rdns, *set, *attr, *oid, *value;
    size_t n, set_len, attr_len, oid_len, value_len;
    uint64_t sum = 0;
    if (nativecerts_priv_der_next(&p, end, &rdns, &n) != 0x30 || p != end) return 0;
    for (p = rdns, end = rdns + n; p < end;) {
        if (nativecerts_priv_der_next(&p, end, &set, &set_len) != 0x31) return 0;
        for (const unsigned char *a = set, *a_end = set + set_len; a < a_end;) {
            const unsigned char *q;
            int tag;
            if (nativecerts_priv_der_next(&a, a_end, &attr, &attr_len) != 0x30) return 0;
            q = attr;
            if (nativecerts_priv_der_next(&q, attr + attr_len, &oid, &oid_len) != 0x06 ||
                (tag = nativecerts_priv_der_next(&q, attr + attr_len, &value, &value_len)) < 0 ||
                q != attr + attr_len)
                return 0;
            sum += nativecerts_priv_lazy_attr_key(oid, oid_len, tag, value, value_len);
        }
    }
    *key = sum;
    return 1;
}

/* Not part of the API: the key of a certificate's subject. Returns 0 when der is not a
 * certificate. */
static inline int nativecerts_priv_lazy_subject_key(const unsigned char *der, size_t len,
                                                    uint64_t *key)
{
    const unsigned char *p = der, *end = der + len, *c, *q, *subject;
    size_t n;
    if (nativecerts_priv_der_next(&p, end, &c, &n) != 0x30) return 0; /* Certificate */
    p = c;
    end = c + n;
    if (nativecerts_priv_der_next(&p, end, &c, &n) != 0x30) return 0; /* TBSCertificate */
    p = c;
    end = c + n;
    q = p;
    if (nativecerts_priv_der_next(&q, end, &c, &n) == 0xa0) p = q; /* [0] version */
    for (int i = 0; i < 4; i++) /* serialNumber, signature, issuer, validity */
        if (nativecerts_priv_der_next(&p, end, &c, &n) < 0) return 0;
    subject = p;
    if (nativecerts_priv_der_next(&p, end, &c, &n) != 0x30) return 0;
    return nativecerts_priv_lazy_name_key(subject, (size_t)(p - subject), key);
}

/* Not part of the API: a root of the index, by key. */
typedef struct nativecerts_priv_lazy_entry {
    uint64_t key;
    size_t index; /* in the result */
} nativecerts_priv_lazy_entry;

/* Not part of the API: one result a lazy lookup parses from. */
typedef struct nativecerts_priv_lazy_set {
    struct nativecerts_priv_lazy_set *next;
    const nativecerts_result *r;        /* a reference of its own */
    size_t n;                           /* entries */
    nativecerts_priv_lazy_entry *entry; /* sorted by key, then index */
    unsigned char *done;                /* by index in r: added, or refused by d2i_X509 */
} nativecerts_priv_lazy_set;

/* Not part of the API: the data of a lazy lookup. */
typedef struct nativecerts_priv_lazy {
    CRYPTO_RWLOCK *lock; /* over done[] and the list */
    nativecerts_priv_lazy_set *sets, **tail;
} nativecerts_priv_lazy;

static inline void nativecerts_priv_lazy_set_free(nativecerts_priv_lazy_set *s)
{
    if (!s) return;
    nativecerts_result_free((nativecerts_result *)(uintptr_t)s->r);
    free(s);
}

static inline int nativecerts_priv_lazy_new_item(X509_LOOKUP *lu)
{
    nativecerts_priv_lazy *lz = (nativecerts_priv_lazy *)calloc(1, sizeof *lz);
    if (!lz) return 0;
    if (!(lz->lock = CRYPTO_THREAD_lock_new())) {
        free(lz);
        return 0;
    }
    lz->tail = &lz->sets;
    X509_LOOKUP_set_method_data(lu, lz);
    return 1;
}

static inline void nativecerts_priv_lazy_free(X509_LOOKUP *lu)
{
    nativecerts_priv_lazy *lz = (nativecerts_priv_lazy *)X509_LOOKUP_get_method_data(lu);
    if (!lz) return;
    while (lz->sets) {
        nativecerts_priv_lazy_set *next = lz->sets->next;
        nativecerts_priv_lazy_set_free(lz->sets);
        lz->sets = next;
    }
    CRYPTO_THREAD_lock_free(lz->lock);
    free(lz);
    X509_LOOKUP_set_method_data(lu, NULL);
}

/* Not part of the API: adds to store, once, every root of s whose subject has key, in
 * the order of the result (the order in which the eager store adds them). Returns 0 when
 * memory ran out. Called under the lookup's lock. */
static inline int nativecerts_priv_lazy_add_key(X509_STORE *store, nativecerts_priv_lazy_set *s,
                                                uint64_t key)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->entry[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->n && s->entry[lo].key == key; lo++) {
        size_t i = s->entry[lo].index, len;
        const unsigned char *der;
        if (s->done[i]) continue;
        der = nativecerts_result_der(s->r, i, &len);
        if (nativecerts_priv_openssl_add_one(store, der, len) == NATIVECERTS_ENOMEM) return 0;
        s->done[i] = 1;
    }
    return 1;
}

/* Not part of the API: the lookup's answer for a name (X509_LOOKUP_get_by_subject_fn). */
static inline int nativecerts_priv_lazy_by_subject(X509_LOOKUP *lu, X509_LOOKUP_TYPE type,
                                                   const X509_NAME *name, X509_OBJECT *ret)
{
    nativecerts_priv_lazy *lz = (nativecerts_priv_lazy *)X509_LOOKUP_get_method_data(lu);
    X509_STORE *store = X509_LOOKUP_get_store(lu);
    const unsigned char *der;
    size_t len;
    uint64_t key;
    X509_OBJECT *found;
    X509 *x;
    int ok = 1;
    if (type != X509_LU_X509 || !lz || !store || !name || !ret) return 0;
    if (!X509_NAME_get0_der(name, &der, &len) || !nativecerts_priv_lazy_name_key(der, len, &key))
        return 0;
    if (!CRYPTO_THREAD_write_lock(lz->lock)) return 0;
    ERR_set_mark();
    for (nativecerts_priv_lazy_set *s = lz->sets; s && ok; s = s->next)
        ok = nativecerts_priv_lazy_add_key(store, s, key);
    ERR_pop_to_mark();
    CRYPTO_THREAD_unlock(lz->lock);
    /* As X509_LOOKUP_hash_dir: the store's first certificate of that name. ret gets no
     * reference of its own: the caller takes one (X509_STORE_CTX_get_by_subject). */
    if (!X509_STORE_lock(store)) return 0;
    found = X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), X509_LU_X509, name);
    x = X509_OBJECT_get0_X509(found);
    ok = x && X509_OBJECT_set1_X509(ret, x);
    if (ok) X509_free(x);
    X509_STORE_unlock(store);
    return ok;
}

/* Not part of the API: the lookup method, made once (per translation unit). */
static inline X509_LOOKUP_METHOD **nativecerts_priv_lazy_method_slot(void)
{
    static X509_LOOKUP_METHOD *method;
    return &method;
}

static inline void nativecerts_priv_lazy_method_init(void)
{
    X509_LOOKUP_METHOD *m = X509_LOOKUP_meth_new("nativecerts lazy roots");
    if (m && X509_LOOKUP_meth_set_new_item(m, nativecerts_priv_lazy_new_item) &&
        X509_LOOKUP_meth_set_free(m, nativecerts_priv_lazy_free) &&
        X509_LOOKUP_meth_set_get_by_subject(m, nativecerts_priv_lazy_by_subject))
        *nativecerts_priv_lazy_method_slot() = m;
    else
        X509_LOOKUP_meth_free(m);
}

static inline X509_LOOKUP_METHOD *nativecerts_priv_lazy_method(void)
{
    static CRYPTO_ONCE once = CRYPTO_ONCE_STATIC_INIT;
    if (!CRYPTO_THREAD_run_once(&once, nativecerts_priv_lazy_method_init)) return NULL;
    return *nativecerts_priv_lazy_method_slot();
}

static inline int nativecerts_priv_lazy_entry_cmp(const void *a, const void *b)
{
    const nativecerts_priv_lazy_entry *x = (const nativecerts_priv_lazy_entry *)a;
    const nativecerts_priv_lazy_entry *y = (const nativecerts_priv_lazy_entry *)b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Not part of the API: the index of r (a key per subject, nothing parsed). Sets *bad to
 * the count left out. NULL when memory ran out. */
static inline nativecerts_priv_lazy_set *nativecerts_priv_lazy_index(const nativecerts_result *r,
                                                                     size_t *bad)
{
    size_t n = nativecerts_result_count(r), k = 0;
    nativecerts_priv_lazy_set *s;
    *bad = 0;
    if (n > (SIZE_MAX - sizeof *s) / (sizeof *s->entry + 1)) return NULL;
    s = (nativecerts_priv_lazy_set *)malloc(sizeof *s + n * (sizeof *s->entry + 1));
    if (!s) return NULL;
    s->entry = (nativecerts_priv_lazy_entry *)(void *)(s + 1);
    s->done = (unsigned char *)(s->entry + n);
    memset(s->done, 0, n);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        if (nativecerts_priv_lazy_subject_key(der, len, &s->entry[k].key))
            s->entry[k++].index = i;
        else
            ++*bad;
    }
    qsort(s->entry, k, sizeof *s->entry, nativecerts_priv_lazy_entry_cmp);
    s->n = k;
    s->next = NULL;
    s->r = nativecerts_result_retain(r);
    return s;
}
#endif

/* Makes store trust every certificate of r, parsed when a verification asks for it (the
 * top of this section says how). Returns like nativecerts_openssl_add_store(); *skipped
 * is 0 but for a certificate the index cannot take. With NATIVECERTS_OPENSSL_LAZY 0,
 * nativecerts_openssl_add_store(). */
static inline int nativecerts_openssl_add_store_lazy(X509_STORE *store, const nativecerts_result *r,
                                                     size_t *skipped)
{
#if NATIVECERTS_OPENSSL_LAZY
    X509_LOOKUP_METHOD *m;
    X509_LOOKUP *lu = NULL;
    nativecerts_priv_lazy *lz;
    nativecerts_priv_lazy_set *s;
    size_t bad;
    int known = 0;
    if (skipped) *skipped = 0;
    if (!store || !r) return NATIVECERTS_EINVAL;
    if (!(m = nativecerts_priv_lazy_method())) return NATIVECERTS_ENOMEM;
    ERR_set_mark();
    lu = X509_STORE_add_lookup(store, m); /* this store's lookup, made the first time */
    ERR_pop_to_mark();
    lz = lu ? (nativecerts_priv_lazy *)X509_LOOKUP_get_method_data(lu) : NULL;
    if (!lz || !CRYPTO_THREAD_write_lock(lz->lock)) return NATIVECERTS_ENOMEM;
    /* A result the store has already: nothing to add (its set holds a reference, so an
     * equal pointer is the same result). */
    for (s = lz->sets; s && !known; s = s->next)
        known = s->r == r;
    CRYPTO_THREAD_unlock(lz->lock);
    if (known) return NATIVECERTS_OK;
    if (!(s = nativecerts_priv_lazy_index(r, &bad))) return NATIVECERTS_ENOMEM;
    if (!CRYPTO_THREAD_write_lock(lz->lock)) {
        nativecerts_priv_lazy_set_free(s);
        return NATIVECERTS_ENOMEM;
    }
    *lz->tail = s;
    lz->tail = &s->next;
    CRYPTO_THREAD_unlock(lz->lock);
    if (skipped) *skipped = bad;
    return NATIVECERTS_OK;
#else
    return nativecerts_openssl_add_store(store, r, skipped);
#endif
}

/* The same for the store of ctx (SSL_CTX_get_cert_store()). */
static inline int nativecerts_openssl_add_ctx_lazy(SSL_CTX *ctx, const nativecerts_result *r,
                                                   size_t *skipped)
{
    if (skipped) *skipped = 0;
    if (!ctx) return NATIVECERTS_EINVAL;
    return nativecerts_openssl_add_store_lazy(SSL_CTX_get_cert_store(ctx), r, skipped);
}

/* Not part of the API: the lazy add functions with their target as void *. */
static inline int nativecerts_priv_openssl_add_store_lazy(void *store, const nativecerts_result *r,
                                                          size_t *skipped)
{
    return nativecerts_openssl_add_store_lazy((X509_STORE *)store, r, skipped);
}
static inline int nativecerts_priv_openssl_add_ctx_lazy(void *ctx, const nativecerts_result *r,
                                                        size_t *skipped)
{
    return nativecerts_openssl_add_ctx_lazy((SSL_CTX *)ctx, r, skipped);
}

/* Loads with opts and makes store trust the certificates lazily. */
static inline int nativecerts_openssl_load_store_lazy(X509_STORE *store,
                                                      const nativecerts_options *opts,
                                                      nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(store, nativecerts_priv_openssl_add_store_lazy, opts, result,
                                 skipped);
}

/* Loads with opts and makes the store of ctx trust the certificates lazily:
 *
 *   SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
 *   nativecerts_openssl_load_ctx_lazy(ctx, NULL, NULL, NULL); */
static inline int nativecerts_openssl_load_ctx_lazy(SSL_CTX *ctx, const nativecerts_options *opts,
                                                    nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(ctx, nativecerts_priv_openssl_add_ctx_lazy, opts, result, skipped);
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_OPENSSL_H */
