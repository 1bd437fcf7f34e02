/* The GnuTLS adapter in the benchmark: a trust list (each root parsed and added). */
#include <nativecerts/gnutls.h>

#include "tls.h"

static void *make(void)
{
    gnutls_x509_trust_list_t list;
    return gnutls_x509_trust_list_init(&list, 0) == 0 ? list : NULL;
}

static int load(void *list, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_gnutls_load_trust_list(list, opts, NULL, skipped);
}

static void drop(void *list)
{
    gnutls_x509_trust_list_deinit(list, 1);
}

const bench_stack bench_gnutls = {"GnuTLS adapter: trust list", make, load, drop};
