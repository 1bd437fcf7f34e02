/* A TRUSTED CERTIFICATE block's bytes (certificate, then OpenSSL's aux trust data), as
 * the loader reads them, compared with OpenSSL: nativecerts must never trust for TLS
 * servers what OpenSSL's X509_check_trust rejects for them, and must never reject what
 * OpenSSL's trust data does not reject (a damaged reject list must not turn into
 * trust), nor read a block that d2i_X509_AUX refuses; and its explicit trust (which
 * overrides the certificate's own extendedKeyUsage) must be OpenSSL's. The aux evaluation also runs
 * alone on the bytes after the first element, whatever the certificate, so that the fuzzer reaches
 * it without valid certificates. Built without OpenSSL (NC_FUZZ_NO_OPENSSL), only the crash checks
 * remain. */
#include <string.h>

#include "codec/der.h"
#include "codec/trust_aux.h"
#include "fuzz_target.h"

#ifndef NC_FUZZ_NO_OPENSSL
#include <openssl/err.h>
#include <openssl/x509.h>

#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cert_len = nc__der_element_length(data, size);
    FUZZ_CHECK(cert_len <= size, "certificate longer than the block");
    nc__aux_verdict v = (nc__aux_verdict)0;
    nc__der_err aux_err = nc__trust_aux_evaluate(data + cert_len, size - cert_len, &v);
    const char *aux_msg = nc__der_err_message(aux_err);
    if (aux_err == NC__DER_OK)
        FUZZ_CHECK(v == NC__AUX_TRUSTED || v == NC__AUX_DISTRUSTED ||
                       v == NC__AUX_NOT_FOR_SERVER_AUTH || v == NC__AUX_TRUSTED_EXPLICITLY,
                   "verdict %d", (int)v);
    else
        FUZZ_CHECK(aux_msg != NULL && *aux_msg != '\0', "fault %d without a message", (int)aux_err);
    if (cert_len == 0 || aux_err != NC__DER_OK ||
        nc__der_check_certificate(data, cert_len, NULL) != NC__DER_OK)
        return 0; /* the loader drops the block: nothing to compare */

#ifndef NC_FUZZ_NO_OPENSSL
    const unsigned char *p = data;
    X509 *x = d2i_X509_AUX(NULL, &p, (long)size);
    FUZZ_CHECK(x != NULL && p == data + size,
               "nativecerts reads the block (verdict %d), d2i_X509_AUX %s", (int)v,
               x ? "stops before its end" : "refuses it");
    {
        /* OpenSSL's own rule applies only with trust data present; without it, its
         * fallback ("compat": self-signed or not) says nothing about a root store. */
        if (X509_get0_trust_objects(x) || X509_get0_reject_objects(x)) {
            int t = X509_check_trust(x, X509_TRUST_SSL_SERVER, X509_TRUST_OK_ANY_EKU);
            int trusted = v == NC__AUX_TRUSTED || v == NC__AUX_TRUSTED_EXPLICITLY;
            FUZZ_CHECK((t == X509_TRUST_REJECTED) == !trusted,
                       "nativecerts verdict %d, OpenSSL X509_check_trust %d", (int)v, t);
            /* Explicit trust, which overrides the certificate's own extendedKeyUsage in
             * OpenSSL's verifier: trusted without the self-signed fallback. */
            t = X509_check_trust(x, X509_TRUST_SSL_SERVER, X509_TRUST_NO_SS_COMPAT);
            FUZZ_CHECK((t == X509_TRUST_TRUSTED) == (v == NC__AUX_TRUSTED_EXPLICITLY),
                       "nativecerts verdict %d, OpenSSL X509_check_trust without fallback %d",
                       (int)v, t);
        } else {
            FUZZ_CHECK(v == NC__AUX_TRUSTED, "verdict %d without trust lists", (int)v);
        }
    }
    X509_free(x);
    ERR_clear_error();
#endif
    return 0;
}
