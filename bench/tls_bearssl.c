/* The BearSSL adapter in the benchmark: trust anchors (each root decoded to its name and
 * key). */
#include <nativecerts/bearssl.h>

#include <stdlib.h>

#include "tls.h"

static void *make(void)
{
    return calloc(1, sizeof(nativecerts_bearssl_anchors));
}

static int load(void *ta, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_bearssl_load_anchors(ta, opts, NULL, skipped);
}

static void drop(void *ta)
{
    nativecerts_bearssl_free_anchors(ta);
    free(ta);
}

const bench_stack bench_bearssl = {"BearSSL adapter: anchors", make, load, drop};
