/* The Mbed TLS adapter in the benchmark: a certificate chain (each root parsed and
 * copied by mbedtls_x509_crt_parse_der). */
#include <nativecerts/mbedtls.h>

#include <stdlib.h>

#include "tls.h"

static void *make(void)
{
    mbedtls_x509_crt *chain = malloc(sizeof *chain);
    if (chain) mbedtls_x509_crt_init(chain);
    return chain;
}

static int load(void *chain, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_mbedtls_load_chain(chain, opts, NULL, skipped);
}

static void drop(void *chain)
{
    mbedtls_x509_crt_free(chain);
    free(chain);
}

const bench_stack bench_mbedtls = {"Mbed TLS adapter: chain", make, load, drop};
