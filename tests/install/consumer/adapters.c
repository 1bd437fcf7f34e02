/* A program built against an installed nativecerts and one TLS library (by
 * install_test.sh, through pkg-config and through find_package, once per stack found):
 * includes the installed adapter header of the stack named NC_WITH_<STACK> at compile
 * time, loads the given files with it, and checks that every root reached the stack.
 *
 *   adapters EXPECTED_COUNT FILE... */
#include <stdio.h>
#include <stdlib.h>

#include <nativecerts.h>
#ifdef NC_WITH_OPENSSL
#include <nativecerts/openssl.h>
#endif
#ifdef NC_WITH_GNUTLS
#include <nativecerts/gnutls.h>
#endif
#ifdef NC_WITH_MBEDTLS
#include <nativecerts/mbedtls.h>
#endif
#ifdef NC_WITH_WOLFSSL
#include <nativecerts/wolfssl.h>
#endif
#ifdef NC_WITH_BEARSSL
#include <nativecerts/bearssl.h>
#endif
#ifdef NC_WITH_CURL
#include <nativecerts/curl.h>
#endif

static size_t want;
static int failures;

/* One adapter's outcome: rc OK, every certificate of the result, none skipped. (r and
 * skipped are read after the call that sets them: see the callers.) */
static void check(const char *stack, int rc, nativecerts_result *r, size_t skipped)
{
    size_t count = r ? nativecerts_result_count(r) : 0;
    printf("%s: rc %d, %zu roots, %zu skipped\n", stack, rc, count, skipped);
    if (rc != NATIVECERTS_OK || count != want || skipped != 0) failures++;
    nativecerts_result_free(r);
}

int main(int argc, char **argv)
{
    nativecerts_options *opts = NULL;
    nativecerts_result *r;
    size_t skipped = 0;
    int stacks = 0, rc;
    if (argc < 3) {
        fprintf(stderr, "usage: adapters EXPECTED_COUNT FILE...\n");
        return 2;
    }
    want = (size_t)strtoul(argv[1], NULL, 10);
    if (nativecerts_options_new(&opts) != NATIVECERTS_OK ||
        nativecerts_options_set_skip_platform(opts, 1) != NATIVECERTS_OK)
        return 1;
    for (int i = 2; i < argc; i++)
        if (nativecerts_options_add_file(opts, argv[i]) != NATIVECERTS_OK) return 1;

#ifdef NC_WITH_OPENSSL
    X509_STORE *store = X509_STORE_new();
    rc = nativecerts_openssl_load_store(store, opts, &r, &skipped);
    check("openssl", rc, r, skipped);
    X509_STORE_free(store);
    stacks++;
#endif
#ifdef NC_WITH_GNUTLS
    gnutls_certificate_credentials_t cred;
    if (gnutls_certificate_allocate_credentials(&cred) < 0) return 1;
    rc = nativecerts_gnutls_load_credentials(cred, opts, &r, &skipped);
    check("gnutls", rc, r, skipped);
    gnutls_certificate_free_credentials(cred);
    stacks++;
#endif
#ifdef NC_WITH_MBEDTLS
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    rc = nativecerts_mbedtls_load_chain(&chain, opts, &r, &skipped);
    check("mbedtls", rc, r, skipped);
    mbedtls_x509_crt_free(&chain);
    stacks++;
#endif
#ifdef NC_WITH_WOLFSSL
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfSSLv23_client_method());
    rc = nativecerts_wolfssl_load_ctx(ctx, opts, &r, &skipped);
    check("wolfssl", rc, r, skipped);
    wolfSSL_CTX_free(ctx);
    wolfSSL_Cleanup();
    stacks++;
#endif
#ifdef NC_WITH_BEARSSL
    nativecerts_bearssl_anchors anchors = NATIVECERTS_BEARSSL_ANCHORS_INIT;
    rc = nativecerts_bearssl_load_anchors(&anchors, opts, &r, &skipped);
    check("bearssl", rc, r, skipped);
    if (anchors.count != want) failures++;
    nativecerts_bearssl_free_anchors(&anchors);
    stacks++;
#endif
#ifdef NC_WITH_CURL
    CURL *curl = curl_easy_init();
    rc = nativecerts_curl_load_easy(curl, opts, &r);
    check("curl", rc, r, 0);
    curl_easy_cleanup(curl);
    stacks++;
#endif

    (void)skipped; /* unused by curl's */
    nativecerts_options_free(opts);
    printf("%d adapter, %d failed\n", stacks, failures);
    return failures == 0 && stacks == 1 ? 0 : 1;
}
