/*
 * nativecerts/curl.h — the roots nativecerts returns, as the CA bundle of a libcurl easy
 * handle (libcurl 7.77 and later).
 *
 *   CURL *curl = curl_easy_init();
 *   nativecerts_curl_load_easy(curl, NULL, NULL);
 *
 * Header only: the program links libcurl itself (pkg-config: nativecerts libcurl). The
 * functions follow the contract every adapter shares (nativecerts/adapter.h), but for the
 * count of skipped certificates: libcurl's TLS backend parses the bundle only when a
 * transfer starts, so there is nothing to count here. load_* loads with opts (NULL: the
 * defaults) and hands the certificates over; set_* hands over a result you have;
 * *result hands the result back for you to log and free.
 *
 * The certificates go to CURLOPT_CAINFO_BLOB as one PEM text (nativecerts_result_pem();
 * libcurl copies it), and CURLOPT_CAINFO and CURLOPT_CAPATH are cleared: otherwise the
 * TLS backend would also trust libcurl's built-in bundle file or directory (Debian's:
 * /etc/ssl/certs), whatever nativecerts said. So the handle trusts exactly the result;
 * an empty result makes every verified transfer fail (CURLE_SSL_CACERT_BADFILE with the
 * OpenSSL backend) rather than fall back to those defaults. curl_easy_reset() restores
 * the defaults: set the certificates again after it. Left alone: the HTTPS proxy's CA
 * (CURLOPT_PROXY_CAINFO...) and CURLSSLOPT_NATIVE_CA (which adds the Windows store).
 *
 * Returns NATIVECERTS_OK, NATIVECERTS_EINVAL (curl NULL; r NULL, for set),
 * NATIVECERTS_ENOMEM, NATIVECERTS_ERESOURCE (load), or NATIVECERTS_EUNSUPPORTED: this
 * libcurl's TLS backend does not take CURLOPT_CAINFO_BLOB (see CURLOPT_CAINFO_BLOB(3)),
 * or the text is longer than libcurl takes (8 MB). On every failure but EINVAL,
 * CURLOPT_CAINFO and CURLOPT_CAPATH are cleared all the same: a transfer then fails to
 * verify, rather than trust libcurl's defaults, which may hold a root nativecerts would
 * exclude (distrusted by the system, or by a distrust place it could not read).
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_CURL_H
#define NATIVECERTS_CURL_H

#include <stddef.h>
#include <stdlib.h>

#include <curl/curl.h>
#include <nativecerts.h>
#include <nativecerts/adapter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Not part of the API: no bundle file or directory for the server's certificate. */
static inline void nativecerts_priv_curl_clear(CURL *curl)
{
    /* Clearing a string option cannot fail; a backend without CA directories refuses
     * CURLOPT_CAPATH (CURLE_NOT_BUILT_IN), and then has none to clear. */
    curl_easy_setopt(curl, CURLOPT_CAINFO, (char *)NULL);
    curl_easy_setopt(curl, CURLOPT_CAPATH, (char *)NULL);
}

/* Makes the certificates of r the only ones the handle trusts for the server, as the top
 * of this file says. r may be freed as soon as this returns (libcurl keeps a copy). */
static inline int nativecerts_curl_set_easy(CURL *curl, const nativecerts_result *r)
{
    struct curl_blob blob;
    CURLcode ret;
    size_t len;
    char *pem;
    if (!curl || !r) return NATIVECERTS_EINVAL;
    nativecerts_priv_curl_clear(curl);
    len = nativecerts_result_pem(r, NULL, 0);
    if (len == (size_t)-1 || !(pem = (char *)malloc(len + 1))) return NATIVECERTS_ENOMEM;
    nativecerts_result_pem(r, pem, len + 1);
    blob.data = pem;
    blob.len = len;
    blob.flags = CURL_BLOB_COPY;
    ret = curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    free(pem);
    if (ret == CURLE_OK) return NATIVECERTS_OK;
    return ret == CURLE_OUT_OF_MEMORY ? NATIVECERTS_ENOMEM : NATIVECERTS_EUNSUPPORTED;
}

/* Not part of the API: the set function with the adapters' add signature. */
static inline int nativecerts_priv_curl_set_easy(void *curl, const nativecerts_result *r,
                                                 size_t *skipped)
{
    (void)skipped;
    return nativecerts_curl_set_easy((CURL *)curl, r);
}

/* Loads with opts and makes the trusted certificates the only ones the handle trusts. */
static inline int nativecerts_curl_load_easy(CURL *curl, const nativecerts_options *opts,
                                             nativecerts_result **result)
{
    int rc = nativecerts_priv_load(curl, nativecerts_priv_curl_set_easy, opts, result, NULL);
    if (rc != NATIVECERTS_OK && curl) nativecerts_priv_curl_clear(curl);
    return rc;
}

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_CURL_H */
