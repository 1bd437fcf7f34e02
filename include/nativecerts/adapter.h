/*
 * nativecerts/adapter.h — what every adapter of nativecerts/ shares: this contract, and
 * the step that loads and hands over. Included by each adapter; nothing here is for
 * direct use.
 *
 * An adapter puts the certificates nativecerts trusts into one TLS library's trust
 * store. Each header (nativecerts/openssl.h, gnutls.h, mbedtls.h, wolfssl.h, bearssl.h,
 * curl.h) is header only: its functions are static inline, libnativecerts holds none of
 * them and links no TLS library, and the program links the TLS library it uses.
 *
 * Every adapter has the same two functions for each kind of target:
 *
 *   int nativecerts_STACK_load_TARGET(TARGET t, const nativecerts_options *opts,
 *                                     nativecerts_result **result, size_t *skipped);
 *       Loads the trust store with opts (NULL: the defaults, as nativecerts_load()), then
 *       adds every trusted certificate to t.
 *
 *   int nativecerts_STACK_add_TARGET(TARGET t, const nativecerts_result *r,
 *                                    size_t *skipped);
 *       Adds every trusted certificate of a result the caller already has (from
 *       nativecerts_store_get(), say). r is only read: it may be shared between threads,
 *       and freed as soon as this returns (the target holds copies).
 *
 * and the same rules:
 *
 *   - A certificate the TLS library cannot parse (a key type it does not know, say) is
 *     left out and counted in *skipped: one root never spoils the others.
 *   - result and skipped may be NULL. On NATIVECERTS_OK, *result is the result loaded; the
 *     caller frees it with nativecerts_result_free(). Its errors, its sources report and
 *     its excluded certificates say what the load met: log them. Its certificates are
 *     the ones the target now trusts, less the *skipped the TLS library refused.
 *   - Returns NATIVECERTS_OK, or:
 *       NATIVECERTS_EINVAL     the target is NULL (or r, for add);
 *       NATIVECERTS_ENOMEM     nativecerts or the TLS library ran out of memory;
 *       NATIVECERTS_ERESOURCE  the load ran out of file descriptors (see nativecerts_load());
 *     and, for an adapter that says so, NATIVECERTS_EUNSUPPORTED. Then *result is NULL
 *     and *skipped is 0, and the target may already hold some of the certificates (never
 *     one nativecerts did not return): discard it, or try again.
 *   - The adapters only add: what the target trusted before stays trusted. A new target
 *     trusts nothing, so do not also load the TLS library's own default paths, unless
 *     you want those too.
 *
 * libcurl's adapter is the one that differs, as its header says: an easy handle comes
 * with libcurl's built-in CA file and directory, so nativecerts_curl_load_easy(curl,
 * opts, &result) and nativecerts_curl_set_easy(curl, r) set the handle's CA bundle
 * instead of adding to it, and count nothing as skipped (libcurl parses the bundle
 * only when a transfer starts).
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_ADAPTER_H
#define NATIVECERTS_ADAPTER_H

#include <stddef.h>

#include <nativecerts.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Not part of the API: an adapter's add function, with its target as void *. */
typedef int (*nativecerts_priv_add_fn)(void *target, const nativecerts_result *r, size_t *skipped);

/* Not part of the API: what an adapter's add-one function says of one certificate:
 * NATIVECERTS_OK (the target has it), NATIVECERTS_PRIV_SKIPPED (the TLS library cannot
 * parse it), or NATIVECERTS_ENOMEM. */
#define NATIVECERTS_PRIV_SKIPPED (-1)
typedef int (*nativecerts_priv_add_one_fn)(void *target, const unsigned char *der, size_t len);

/* Not part of the API: the add step of every adapter. Hands each certificate of r to
 * one, counts what it skipped, and stops at the first other failure. */
static inline int nativecerts_priv_add_each(void *target, nativecerts_priv_add_one_fn one,
                                            const nativecerts_result *r, size_t *skipped)
{
    size_t n = 0;
    if (skipped) *skipped = 0;
    if (!target || !r) return NATIVECERTS_EINVAL;
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        int rc = one(target, der, len);
        if (rc == NATIVECERTS_PRIV_SKIPPED)
            n++;
        else if (rc != NATIVECERTS_OK)
            return rc;
    }
    if (skipped) *skipped = n;
    return NATIVECERTS_OK;
}

/* Not part of the API: the load function of every adapter. Loads with opts, hands the
 * result to add, and keeps the result for the caller or frees it, as the contract says. */
static inline int nativecerts_priv_load(void *target, nativecerts_priv_add_fn add,
                                        const nativecerts_options *opts,
                                        nativecerts_result **result, size_t *skipped)
{
    nativecerts_result *r = NULL;
    int rc;
    if (result) *result = NULL;
    if (skipped) *skipped = 0;
    if (!target) return NATIVECERTS_EINVAL;
    if ((rc = nativecerts_load(opts, &r)) == NATIVECERTS_OK) rc = add(target, r, skipped);
    if (rc == NATIVECERTS_OK && result)
        *result = r;
    else
        nativecerts_result_free(r);
    return rc;
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_ADAPTER_H */
