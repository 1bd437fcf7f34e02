/*
 * nativecerts/wolfssl.h — the roots nativecerts returns, in a wolfSSL context
 * (WOLFSSL_CTX; wolfSSL 4 and 5).
 *
 *   WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLS_client_method());
 *   nativecerts_wolfssl_load_ctx(ctx, NULL, NULL, NULL);
 *
 * Header only: the program links wolfSSL itself (pkg-config: nativecerts wolfssl). The
 * functions follow the contract every adapter shares (nativecerts/adapter.h): load_*
 * loads with opts (NULL: the defaults) and adds; add_* adds a result you have; what
 * wolfSSL does not take is skipped and counted; *result hands the result back for you to
 * log and free; NATIVECERTS_OK, or NATIVECERTS_EINVAL / ENOMEM / ERESOURCE.
 *
 * Every certificate is parsed when added (wolfSSL_CTX_load_verify_buffer), with
 * wolfSSL's own rules for a CA: besides what it cannot parse, it does not take a root
 * outside its validity period at this time (ASN_AFTER_DATE_E, ASN_BEFORE_DATE_E), as its
 * file loaders do not; those are counted in *skipped too.
 *
 * This header includes <wolfssl/options.h> (the settings wolfSSL was built with) before
 * any other wolfSSL header, unless WOLFSSL_USER_SETTINGS says that user_settings.h holds
 * them instead.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_WOLFSSL_H
#define NATIVECERTS_WOLFSSL_H

#include <limits.h>
#include <stddef.h>

#ifndef WOLFSSL_USER_SETTINGS
#include <wolfssl/options.h>
#endif
#include <wolfssl/wolfcrypt/settings.h>

#include <nativecerts.h>
#include <nativecerts/adapter.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Adds every certificate of r to the trusted CAs of ctx (wolfSSL keeps its own copy).
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (ctx or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_wolfssl_add_ctx(WOLFSSL_CTX *ctx, const nativecerts_result *r,
                                              size_t *skipped)
{
    size_t n = 0;
    if (skipped) *skipped = 0;
    if (!ctx || !r) return NATIVECERTS_EINVAL;
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        int ret = len <= LONG_MAX ? wolfSSL_CTX_load_verify_buffer(ctx, der, (long)len,
                                                                   WOLFSSL_FILETYPE_ASN1)
                                  : 0;
        if (ret == WOLFSSL_SUCCESS) continue;
        if (ret == MEMORY_E) return NATIVECERTS_ENOMEM;
        n++;
    }
    if (skipped) *skipped = n;
    return NATIVECERTS_OK;
}

/* Not part of the API: the add function with its target as void *. */
static inline int nativecerts_priv_wolfssl_add_ctx(void *ctx, const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_wolfssl_add_ctx((WOLFSSL_CTX *)ctx, r, skipped);
}

/* Loads with opts and adds the trusted certificates to the trusted CAs of ctx. */
static inline int nativecerts_wolfssl_load_ctx(WOLFSSL_CTX *ctx, const nativecerts_options *opts,
                                               nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(ctx, nativecerts_priv_wolfssl_add_ctx, opts, result, skipped);
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_WOLFSSL_H */
