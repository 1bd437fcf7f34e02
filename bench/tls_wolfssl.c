/* The wolfSSL adapter in the benchmark: a client context (each root parsed by
 * wolfSSL_CTX_load_verify_buffer). */
#include <nativecerts/wolfssl.h> /* includes wolfSSL's options.h first */

#include "tls.h"

static void *make(void)
{
    static int ready;
    if (!ready) ready = wolfSSL_Init() == WOLFSSL_SUCCESS;
    return ready ? wolfSSL_CTX_new(wolfSSLv23_client_method()) : NULL;
}

static int load(void *ctx, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_wolfssl_load_ctx(ctx, opts, NULL, skipped);
}

static void drop(void *ctx)
{
    wolfSSL_CTX_free(ctx);
}

const bench_stack bench_wolfssl = {"wolfSSL adapter: context", make, load, drop};
