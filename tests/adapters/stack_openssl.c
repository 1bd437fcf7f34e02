/* The OpenSSL adapter under the contract test: an SSL_CTX's store; asked through the
 * store's objects. */
#include <nativecerts/openssl.h>

#include <string.h>

#include "stack.h"

const char *const stack_name = "OpenSSL";
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
