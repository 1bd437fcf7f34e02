/* The Mbed TLS adapter under the contract test: a certificate chain; asked by walking
 * it. */
#include <nativecerts/mbedtls.h>

#include <string.h>

#include "stack.h"

const char *const stack_name = "Mbed TLS";
static mbedtls_x509_crt chain;

void stack_open(void)
{
    mbedtls_x509_crt_init(&chain);
}

void stack_close(void)
{
    mbedtls_x509_crt_free(&chain);
}

int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_mbedtls_load_chain(&chain, opts, result, skipped);
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_mbedtls_load_chain(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_mbedtls_add_chain(&chain, r, skipped);
}

int stack_holds(const unsigned char *der, size_t len)
{
    for (const mbedtls_x509_crt *c = &chain; c; c = c->next)
        if (c->raw.len == len && memcmp(c->raw.p, der, len) == 0) return 1;
    return 0;
}
