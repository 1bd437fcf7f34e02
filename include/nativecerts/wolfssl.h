/*
 * nativecerts/wolfssl.h — the roots nativecerts returns, in a wolfSSL context
 * (WOLFSSL_CTX; wolfSSL 5).
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
 * wolfSSL's rules for a CA: one with an extension it does not know marked critical is
 * refused, and counted in *skipped. So is, before wolfSSL sees it, a certificate with an
 * empty commonName: wolfSSL 5.5.4 (Debian 12's) frees memory it does not own when it
 * frees a CA whose subject ends in one, and a root must not bring a program down.
 * wolfSSL keeps one CA per subject and key: a root issued again with the same key
 * counts as added, and is the one already held.
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
#include <string.h>

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

/* Not part of the API: whether der holds a commonName attribute (OID 2.5.4.3) whose
 * value is empty: the OID's DER, any tag, length 0. Anywhere in the certificate, so a
 * match elsewhere only skips a root, never passes one that wolfSSL cannot free. */
static inline int nativecerts_priv_wolfssl_empty_cn(const unsigned char *der, size_t len)
{
    static const unsigned char cn[] = {0x06, 0x03, 0x55, 0x04, 0x03};
    const unsigned char *p = der, *end = der + len;
    while (end - p >= (ptrdiff_t)sizeof cn + 2 &&
           (p = (const unsigned char *)memchr(p, cn[0], (size_t)(end - p - sizeof cn - 1)))) {
        if (memcmp(p, cn, sizeof cn) == 0 && p[sizeof cn + 1] == 0) return 1;
        p++;
    }
    return 0;
}

/* Not part of the API: adds one certificate to the trusted CAs of a context. */
static inline int nativecerts_priv_wolfssl_add_one(void *ctx, const unsigned char *der, size_t len)
{
    int ret;
    if (len > LONG_MAX || nativecerts_priv_wolfssl_empty_cn(der, len))
        return NATIVECERTS_PRIV_SKIPPED;
    ret = wolfSSL_CTX_load_verify_buffer((WOLFSSL_CTX *)ctx, der, (long)len, WOLFSSL_FILETYPE_ASN1);
    if (ret == WOLFSSL_SUCCESS) return NATIVECERTS_OK;
    return ret == MEMORY_E ? NATIVECERTS_ENOMEM : NATIVECERTS_PRIV_SKIPPED;
}

/* Adds every certificate of r to the trusted CAs of ctx (wolfSSL keeps its own copy).
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (ctx or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_wolfssl_add_ctx(WOLFSSL_CTX *ctx, const nativecerts_result *r,
                                              size_t *skipped)
{
    return nativecerts_priv_add_each(ctx, nativecerts_priv_wolfssl_add_one, r, skipped);
}

/* Not part of the API: the add function with its target as void *. */
static inline int nativecerts_priv_wolfssl_add_ctx(void *ctx, const nativecerts_result *r,
                                                   size_t *skipped)
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
