/* The OpenSSL adapter under the contract test: an SSL_CTX's store; asked through the
 * store's objects. Built with NC_OPENSSL_LAZY (adapter_openssl_lazy), the lazy store,
 * asked as a verification asks: for the certificates of a subject name
 * (X509_STORE_CTX_get1_certs), which makes the lookup parse the roots of that name. */
#include <nativecerts/openssl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack.h"

#ifdef NC_OPENSSL_LAZY
const char *const stack_name = "OpenSSL (lazy)";
#else
const char *const stack_name = "OpenSSL";
#endif
static SSL_CTX *ctx;

void stack_open(void)
{
    if (!(ctx = SSL_CTX_new(TLS_client_method()))) exit(1);
}

void stack_close(void)
{
    SSL_CTX_free(ctx);
    ctx = NULL;
}

#ifdef NC_OPENSSL_LAZY
/* The index takes every certificate nativecerts returns: nothing is skipped at setup (what
 * OpenSSL could not parse would show as not held). */
int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    size_t mine = 0;
    int rc = nativecerts_openssl_load_ctx_lazy(ctx, opts, result, &mine);
    if (rc == NATIVECERTS_OK && mine != 0) {
        fprintf(stderr, "the lazy index left out %zu certificates\n", mine);
        exit(1);
    }
    if (skipped) *skipped = mine;
    return rc;
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    int a = nativecerts_openssl_load_ctx_lazy(NULL, opts, result, skipped);
    if (a != NATIVECERTS_EINVAL || *result || *skipped) return a;
    return nativecerts_openssl_load_store_lazy(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_openssl_add_ctx_lazy(ctx, r, skipped);
}

int stack_holds(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    X509 *want = d2i_X509(NULL, &p, (long)len);
    X509_STORE_CTX *sctx = X509_STORE_CTX_new();
    STACK_OF(X509) *found = NULL;
    int held = 0;
    if (want && sctx && X509_STORE_CTX_init(sctx, SSL_CTX_get_cert_store(ctx), NULL, NULL))
        found = X509_STORE_CTX_get1_certs(sctx, X509_get_subject_name(want));
    for (int i = 0; found && i < sk_X509_num(found); i++)
        held |= X509_cmp(sk_X509_value(found, i), want) == 0;
    sk_X509_pop_free(found, X509_free);
    X509_STORE_CTX_free(sctx);
    X509_free(want);
    ERR_clear_error();
    return held;
}
#else
int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_openssl_load_ctx(ctx, opts, result, skipped);
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    int a = nativecerts_openssl_load_ctx(NULL, opts, result, skipped);
    if (a != NATIVECERTS_EINVAL || *result || *skipped) return a;
    return nativecerts_openssl_load_store(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_openssl_add_ctx(ctx, r, skipped);
}

int stack_holds(const unsigned char *der, size_t len)
{
    STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(SSL_CTX_get_cert_store(ctx));
    for (int i = 0; i < sk_X509_OBJECT_num(objs); i++) {
        X509 *x = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
        unsigned char *mine = NULL;
        int n = x ? i2d_X509(x, &mine) : -1;
        int same = n >= 0 && (size_t)n == len && memcmp(mine, der, len) == 0;
        OPENSSL_free(mine);
        if (same) return 1;
    }
    return 0;
}
#endif
