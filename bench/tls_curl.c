/* The libcurl adapter in the benchmark: an easy handle's CA bundle (the PEM text, copied
 * by libcurl; its TLS backend parses it when a transfer starts, not here). */
#include <nativecerts/curl.h>

#include "tls.h"

static void *make(void)
{
    return curl_easy_init();
}

static int load(void *curl, const nativecerts_options *opts, size_t *skipped)
{
    *skipped = 0;
    return nativecerts_curl_load_easy(curl, opts, NULL);
}

static void drop(void *curl)
{
    curl_easy_cleanup(curl);
}

const bench_stack bench_curl = {"libcurl adapter: CAINFO_BLOB", make, load, drop};
