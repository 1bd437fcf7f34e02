/*
 * nativecerts/mbedtls.h — the roots nativecerts returns, as an Mbed TLS certificate
 * chain for mbedtls_ssl_conf_ca_chain() (Mbed TLS 2.28 and 3.x).
 *
 *   mbedtls_x509_crt roots;
 *   mbedtls_x509_crt_init(&roots);
 *   nativecerts_mbedtls_load_chain(&roots, NULL, NULL, NULL);
 *   mbedtls_ssl_conf_ca_chain(&conf, &roots, NULL);
 *
 * Header only: the program links Mbed TLS itself (-lmbedtls -lmbedx509 -lmbedcrypto).
 * The functions follow the contract every adapter shares (nativecerts/adapter.h): load_*
 * loads with opts (NULL: the defaults) and adds; add_* adds a result you have; what
 * Mbed TLS cannot parse (Ed25519, Ed448, DSA and RSA-PSS keys; an extension it does not
 * know, marked critical) is skipped and counted; *result hands the result back for you to
 * log and free; NATIVECERTS_OK, or NATIVECERTS_EINVAL / ENOMEM / ERESOURCE.
 *
 * The chain gets its own copy of each certificate (mbedtls_x509_crt_parse_der), so it
 * does not depend on the result: free the result whenever you like, and the chain with
 * mbedtls_x509_crt_free(). (mbedtls_x509_crt_parse_der_nocopy would save that copy, but
 * then a result freed before the chain leaves the chain pointing at freed memory.)
 * Mbed TLS parses every certificate here, up front.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_MBEDTLS_H
#define NATIVECERTS_MBEDTLS_H

#include <stddef.h>

#include <mbedtls/asn1.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509.h>
#include <mbedtls/x509_crt.h>
#include <nativecerts.h>
#include <nativecerts/adapter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Not part of the API: whether an Mbed TLS error code (a high-level code plus,
 * sometimes, a low-level one) says that memory ran out. */
static inline int nativecerts_priv_mbedtls_out_of_memory(int ret)
{
    int high = -((-ret) & 0xFF80), low = -((-ret) & 0x007F);
    return high == MBEDTLS_ERR_X509_ALLOC_FAILED || high == MBEDTLS_ERR_PK_ALLOC_FAILED ||
           low == MBEDTLS_ERR_ASN1_ALLOC_FAILED;
}

/* Not part of the API: appends one certificate to a chain. */
static inline int nativecerts_priv_mbedtls_add_one(void *chain, const unsigned char *der,
                                                   size_t len)
{
    /* On failure the chain is left as it was. */
    int ret = mbedtls_x509_crt_parse_der((mbedtls_x509_crt *)chain, der, len);
    if (ret == 0) return NATIVECERTS_OK;
    return nativecerts_priv_mbedtls_out_of_memory(ret) ? NATIVECERTS_ENOMEM
                                                       : NATIVECERTS_PRIV_SKIPPED;
}

/* Appends every certificate of r to chain, which mbedtls_x509_crt_init() prepared (it
 * may hold certificates already; they stay). Adding a certificate twice holds it twice.
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (chain or r NULL) or NATIVECERTS_ENOMEM. */
static inline int nativecerts_mbedtls_add_chain(mbedtls_x509_crt *chain,
                                                const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_priv_add_each(chain, nativecerts_priv_mbedtls_add_one, r, skipped);
}

/* Not part of the API: the add function with its target as void *. */
static inline int nativecerts_priv_mbedtls_add_chain(void *chain, const nativecerts_result *r,
                                                     size_t *skipped)
{
    return nativecerts_mbedtls_add_chain((mbedtls_x509_crt *)chain, r, skipped);
}

/* Loads with opts and appends the trusted certificates to chain. */
static inline int nativecerts_mbedtls_load_chain(mbedtls_x509_crt *chain,
                                                 const nativecerts_options *opts,
                                                 nativecerts_result **result, size_t *skipped)
{
    return nativecerts_priv_load(chain, nativecerts_priv_mbedtls_add_chain, opts, result, skipped);
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_MBEDTLS_H */
