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
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_OPENSSL_H
#define NATIVECERTS_OPENSSL_H

#include <limits.h>
#include <stddef.h>

#include <nativecerts.h>
#include <nativecerts/adapter.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

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

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_OPENSSL_H */
