/* curl_client — an HTTPS GET with libcurl's easy API, trusting what this machine trusts,
 * as nativecerts finds it (nativecerts/curl.h).
 *
 *   cc curl_client.c client_setup.c $(pkg-config --cflags --libs nativecerts libcurl) \
 *       -o curl_client
 *   ./curl_client example.com              (https://example.com:443/)
 *   ./curl_client 127.0.0.1:8443 ca.pem    (trust only ca.pem)
 *
 * Prints "verification: ok" and exits 0 after a verified transfer; prints
 * "verification: failed: REASON" and exits 1 when the server is not trusted; exits 2 on
 * any other error (usage, connection, transfer). Copy freely (MIT OR Apache-2.0). */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <nativecerts.h>
#include <nativecerts/curl.h>

#include "client_setup.h"

/* The page is not the point: drop it. */
static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * n;
}

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2;
    char url[512], why[CURL_ERROR_SIZE] = "";
    /* An IPv6 address goes in brackets. */
    snprintf(url, sizeof url, strchr(host, ':') ? "https://[%s]:%s/" : "https://%s:%s/", host,
             port);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    nativecerts_result *roots;
    if (!curl || nativecerts_curl_load_easy(curl, opts, &roots) != NATIVECERTS_OK) goto done;
    client_report_roots(roots, 0, NULL);
    nativecerts_result_free(roots); /* libcurl holds its own copy */

    /* libcurl checks the chain and the host name by default (CURLOPT_SSL_VERIFYPEER,
     * CURLOPT_SSL_VERIFYHOST): never turn them off. */
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, why);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    CURLcode ret = curl_easy_perform(curl);
    if (ret == CURLE_OK) {
        long code = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
        printf("verification: ok (HTTP %ld)\n", code);
        status = 0;
    } else if (ret == CURLE_PEER_FAILED_VERIFICATION) {
        printf("verification: failed: %s\n", why[0] ? why : curl_easy_strerror(ret));
        status = 1;
    } else {
        fprintf(stderr, "%s: %s: %s\n", argv[0], url, why[0] ? why : curl_easy_strerror(ret));
    }

done:
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    nativecerts_options_free(opts);
    return status;
}
