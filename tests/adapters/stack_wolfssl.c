/* The wolfSSL adapter under the contract test: a WOLFSSL_CTX; asked through its
 * certificate manager's list of CAs. */
#include <nativecerts/wolfssl.h>

#include <stdlib.h>
#include <string.h>

#include "stack.h"

const char *const stack_name = "wolfSSL";
static WOLFSSL_CTX *ctx;

void stack_open(void)
{
    if (!(ctx = wolfSSL_CTX_new(wolfSSLv23_client_method()))) exit(1);
}

void stack_close(void)
{
    wolfSSL_CTX_free(ctx);
    ctx = NULL;
}

int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_wolfssl_load_ctx(ctx, opts, result, skipped);
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_wolfssl_load_ctx(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_wolfssl_add_ctx(ctx, r, skipped);
}

#if !defined(OPENSSL_EXTRA) || !defined(WOLFSSL_SIGNER_DER_CERT)
#error                                                                                             \
    "the test lists the CAs with wolfSSL_CertManagerGetCerts (OPENSSL_EXTRA, WOLFSSL_SIGNER_DER_CERT)"
#endif

/* Whether a and b have the same subject and public key. */
static int same_signer(WOLFSSL_X509 *a, WOLFSSL_X509 *b)
{
    unsigned char ka[4096], kb[4096];
    int na = sizeof ka, nb = sizeof kb;
    return wolfSSL_X509_NAME_cmp(wolfSSL_X509_get_subject_name(a),
                                 wolfSSL_X509_get_subject_name(b)) == 0 &&
           wolfSSL_X509_get_pubkey_buffer(a, ka, &na) == WOLFSSL_SUCCESS &&
           wolfSSL_X509_get_pubkey_buffer(b, kb, &nb) == WOLFSSL_SUCCESS && na == nb &&
           memcmp(ka, kb, (size_t)na) == 0;
}

/* wolfSSL keeps one CA per subject and key: a root issued again with the same key (as
 * Firmaprofesional's is in Mozilla's store) is the one it holds, to wolfSSL. */
int stack_holds(const unsigned char *der, size_t len)
{
    WOLF_STACK_OF(WOLFSSL_X509) *cas = wolfSSL_CertManagerGetCerts(wolfSSL_CTX_GetCertManager(ctx));
    WOLFSSL_X509 *asked = wolfSSL_X509_d2i(NULL, der, (int)len);
    int found = 0;
    for (int i = 0; asked && cas && !found && i < wolfSSL_sk_X509_num(cas); i++)
        found = same_signer(wolfSSL_sk_X509_value(cas, i), asked);
    wolfSSL_X509_free(asked);
    wolfSSL_sk_X509_pop_free(cas, wolfSSL_X509_free);
    return found;
}
