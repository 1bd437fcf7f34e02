/*
 * nativecerts/gnutls.h — the roots nativecerts returns, in a GnuTLS trust list or
 * certificate credentials (GnuTLS 3.4 and later).
 *
 *   gnutls_certificate_credentials_t cred;
 *   gnutls_certificate_allocate_credentials(&cred);
 *   nativecerts_gnutls_load_credentials(cred, NULL, NULL, NULL);
 *
 * Header only: the program links GnuTLS itself (pkg-config: nativecerts gnutls). The
 * functions follow the contract every adapter shares (nativecerts/adapter.h): load_*
 * loads with opts (NULL: the defaults) and adds; add_* adds a result you have; what
 * GnuTLS cannot import is skipped and counted; *result hands the result back for you to
 * log and free; NATIVECERTS_OK, or NATIVECERTS_EINVAL / ENOMEM / ERESOURCE.
 *
 * Every certificate is imported (parsed) when added. Adding one the target holds already
 * keeps one copy. The target only gains: do not also call
 * gnutls_certificate_set_x509_system_trust() unless GnuTLS's own idea of the system
 * store should count too.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_GNUTLS_H
#define NATIVECERTS_GNUTLS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <nativecerts.h>
#include <nativecerts/adapter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Not part of the API: a trust list, and the flags of gnutls_x509_trust_list_add_cas()
 * to add with. */
typedef struct nativecerts_priv_gnutls_list {
    gnutls_x509_trust_list_t list;
    unsigned flags;
} nativecerts_priv_gnutls_list;

/* Not part of the API: adds one certificate to a trust list. */
static inline int nativecerts_priv_gnutls_add_one(void *target, const unsigned char *der,
                                                  size_t len)
{
    const nativecerts_priv_gnutls_list *to = (const nativecerts_priv_gnutls_list *)target;
    /* GnuTLS copies the DER and only reads the datum (its field is not const). */
    gnutls_datum_t d = {(unsigned char *)(uintptr_t)der, (unsigned int)len};
    gnutls_x509_crt_t crt;
    int ret;
    if (len > UINT_MAX) return NATIVECERTS_PRIV_SKIPPED;
    if (gnutls_x509_crt_init(&crt) < 0) return NATIVECERTS_ENOMEM;
    if ((ret = gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER)) < 0) {
        gnutls_x509_crt_deinit(crt);
        return ret == GNUTLS_E_MEMORY_ERROR ? NATIVECERTS_ENOMEM : NATIVECERTS_PRIV_SKIPPED;
    }
    /* The list owns crt once it took it; it returns 0, without taking it, only when
     * memory runs out (a duplicate replaces the copy it holds, and counts). */
    if (gnutls_x509_trust_list_add_cas(to->list, &crt, 1, to->flags) != 1) {
        gnutls_x509_crt_deinit(crt);
        return NATIVECERTS_ENOMEM;
    }
    return NATIVECERTS_OK;
}

/* Not part of the API: adds each certificate of r to list with flags. */
static inline int nativecerts_priv_gnutls_add(gnutls_x509_trust_list_t list, unsigned flags,
                                              const nativecerts_result *r, size_t *skipped)
{
    nativecerts_priv_gnutls_list to = {list, flags};
    if (skipped) *skipped = 0;
    if (!list) return NATIVECERTS_EINVAL;
    return nativecerts_priv_add_each(&to, nativecerts_priv_gnutls_add_one, r, skipped);
}

/* Adds every certificate of r to list as a trusted CA. The list owns what it holds: free
 * it with gnutls_x509_trust_list_deinit(list, 1).
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (list or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_gnutls_add_trust_list(gnutls_x509_trust_list_t list,
                                                    const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_priv_gnutls_add(list, GNUTLS_TL_NO_DUPLICATES, r, skipped);
}

/* Adds every certificate of r to the trust list of cred, as
 * gnutls_certificate_set_x509_trust_mem() would (a server also names them in its
 * certificate request). */
static inline int nativecerts_gnutls_add_credentials(gnutls_certificate_credentials_t cred,
                                                     const nativecerts_result *r, size_t *skipped)
{
    gnutls_x509_trust_list_t list = NULL;
    if (skipped) *skipped = 0;
    if (!cred) return NATIVECERTS_EINVAL;
    gnutls_certificate_get_trust_list(cred, &list);
    return nativecerts_priv_gnutls_add(list, GNUTLS_TL_NO_DUPLICATES | GNUTLS_TL_USE_IN_TLS, r,
                                       skipped);
}

/* Not part of the API: the add functions with their target as void *. */
static inline int nativecerts_priv_gnutls_add_trust_list(void *list, const nativecerts_result *r,
                                                         size_t *skipped)
{
    return nativecerts_gnutls_add_trust_list((gnutls_x509_trust_list_t)list, r, skipped);
}
static inline int nativecerts_priv_gnutls_add_credentials(void *cred, const nativecerts_result *r,
                                                          size_t *skipped)
{
    return nativecerts_gnutls_add_credentials((gnutls_certificate_credentials_t)cred, r, skipped);
}

/* Loads with opts and adds the trusted certificates to list. */
static inline int nativecerts_gnutls_load_trust_list(gnutls_x509_trust_list_t list,
                                                     const nativecerts_options *opts,
                                                     nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(list, nativecerts_priv_gnutls_add_trust_list, opts, result,
                                 skipped);
}

/* Loads with opts and adds the trusted certificates to the trust list of cred. */
static inline int nativecerts_gnutls_load_credentials(gnutls_certificate_credentials_t cred,
                                                      const nativecerts_options *opts,
                                                      nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(cred, nativecerts_priv_gnutls_add_credentials, opts, result,
                                 skipped);
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_GNUTLS_H */
