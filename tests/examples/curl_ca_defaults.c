/* curl_ca_defaults — a libcurl handle whose CURLOPT_CAINFO and CURLOPT_CAPATH already
 * name a bundle and a directory (as libcurl's built-in defaults do, /etc/ssl/certs on
 * Debian) trusts, after nativecerts/curl.h, only what nativecerts returned: neither the
 * file nor the directory, and nothing at all when the load fails.
 *
 *   curl_ca_defaults URL NATIVECERTS_FILE CAINFO CAPATH trust|fail-load
 *
 * NATIVECERTS_FILE is all nativecerts loads; CAINFO and CAPATH ("" for none) are set on
 * the handle first. fail-load makes the load fail as it does when descriptors run out
 * (no descriptor is left while it runs: NATIVECERTS_ERESOURCE). Prints and exits as the
 * example clients do (0 verified, 1 verification failed, 2 anything else), and
 * "load: NATIVECERTS_ERESOURCE" when the load failed so. Run by tls_handshake.sh. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <curl/curl.h>
#include <nativecerts.h>
#include <nativecerts/curl.h>

static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * n;
}

/* Loads into curl with no descriptor left to open: lowers the limit to the lowest free
 * descriptor for the call only. */
static int load_without_descriptors(CURL *curl, const nativecerts_options *opts)
{
    struct rlimit saved, none;
    int next = dup(0), rc;
    if (next < 0 || getrlimit(RLIMIT_NOFILE, &saved) != 0) return -1;
    close(next);
    none = saved;
    none.rlim_cur = (rlim_t)next;
    if (setrlimit(RLIMIT_NOFILE, &none) != 0) return -1;
    rc = nativecerts_curl_load_easy(curl, opts, NULL);
    setrlimit(RLIMIT_NOFILE, &saved);
    return rc;
}

int main(int argc, char **argv)
{
    nativecerts_options *opts = NULL;
    char why[CURL_ERROR_SIZE] = "";
    int status = 2, rc;
    if (argc != 6) {
        fprintf(stderr, "usage: %s URL NATIVECERTS_FILE CAINFO CAPATH trust|fail-load\n", argv[0]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    if (!curl || nativecerts_options_new(&opts) != NATIVECERTS_OK ||
        nativecerts_options_set_skip_platform(opts, 1) != NATIVECERTS_OK ||
        nativecerts_options_add_file(opts, argv[2]) != NATIVECERTS_OK)
        goto done;
    curl_easy_setopt(curl, CURLOPT_CAINFO, argv[3][0] ? argv[3] : NULL);
    curl_easy_setopt(curl, CURLOPT_CAPATH, argv[4][0] ? argv[4] : NULL);

    if (strcmp(argv[5], "fail-load") == 0) {
        rc = load_without_descriptors(curl, opts);
        if (rc == NATIVECERTS_ERESOURCE) printf("load: NATIVECERTS_ERESOURCE\n");
    } else {
        rc = nativecerts_curl_load_easy(curl, opts, NULL);
        if (rc != NATIVECERTS_OK) goto done;
    }

    /* Go on whatever the load said, as a careless caller would. */
    curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, why);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    CURLcode ret = curl_easy_perform(curl);
    if (ret == CURLE_OK) {
        printf("verification: ok\n");
        status = 0;
    } else if (ret == CURLE_PEER_FAILED_VERIFICATION) {
        printf("verification: failed: %s\n", why);
        status = 1;
    } else {
        printf("%s: %s\n", argv[1], why[0] ? why : curl_easy_strerror(ret));
    }

done:
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    nativecerts_options_free(opts);
    return status;
}
