/* trust_aux_cases: TRUSTED CERTIFICATE files, one case a line of trust_aux/cases.txt:
 *
 *   PATH VERDICT            trusted | trusted-explicitly | distrusted | not-for-server-auth
 *   PATH error MESSAGE      the trust data is refused with this message
 *
 * PATH is relative to the tests directory. Each file must hold one TRUSTED CERTIFICATE
 * block whose certificate passes the DER check; the bytes after it are the trust data.
 * OpenSSL is the reference: d2i_X509_AUX must read the whole block exactly when we do
 * (a line may end with "[stricter: REASON]" where we refuse what it reads), and its
 * X509_check_trust for SSL servers (anyExtendedKeyUsage honoured) must say TRUSTED for
 * both trusted verdicts and REJECTED for the other two; without its fallback for
 * self-signed certificates (X509_TRUST_NO_SS_COMPAT) it must say TRUSTED exactly for
 * "trusted-explicitly": the explicit trust that OpenSSL's verifier lets override the
 * certificate's own extendedKeyUsage.
 *
 * Usage: trust_aux_cases CASES_FILE TESTS_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "case_files.h"
#include "codec/der.h"
#include "codec/pem.h"
#include "codec/trust_aux.h"

static const char *verdict_name(nc__aux_verdict v)
{
    switch (v) {
    case NC__AUX_TRUSTED:
        return "trusted";
    case NC__AUX_TRUSTED_EXPLICITLY:
        return "trusted-explicitly";
    case NC__AUX_DISTRUSTED:
        return "distrusted";
    case NC__AUX_NOT_FOR_SERVER_AUTH:
        return "not-for-server-auth";
    }
    return "?";
}

static void run_case(int *failures, const char *tests_dir, char *line)
{
    char path[1024], name[256];
    int used = 0;
    if (sscanf(line, "%255s %n", name, &used) != 1 || line[used] == '\0') {
        case_fail(failures, line, "bad case line");
        return;
    }
    char *expect = line + used;
    char *stricter = strstr(expect, " [stricter: ");
    if (stricter != NULL) *stricter = '\0';

    size_t len;
    case_path(path, sizeof(path), tests_dir, name, "");
    uint8_t *text = case_read_file(path, &len);
    if (text == NULL) {
        case_fail(failures, name, "cannot read %s", path);
        return;
    }
    /* Blocks are decoded in place: scan once, the bytes of b stay valid after. */
    nc__pem_scanner s;
    nc__pem_block b, extra;
    nc__pem_init(&s, text, len);
    if (!nc__pem_next(&s, &b) || b.kind != NC__PEM_TRUSTED || nc__pem_next(&s, &extra)) {
        case_fail(failures, name, "want exactly one TRUSTED CERTIFICATE block");
        free(text);
        return;
    }

    /* The certificate, then the trust data, each in a buffer of its exact size. */
    size_t cert_len = nc__der_element_length(b.der, b.der_len);
    uint8_t *cert = case_exact_copy(b.der, cert_len);
    uint8_t *aux = case_exact_copy(b.der + cert_len, b.der_len - cert_len);
    nc__der_err code = nc__der_check_certificate(cert, cert_len, NULL);
    if (cert_len == 0 || code != NC__DER_OK)
        case_fail(failures, name, "the certificate is refused: %s",
                  code ? nc__der_err_message(code) : "no element");

    nc__aux_verdict v = (nc__aux_verdict)0;
    code = nc__trust_aux_evaluate(aux, b.der_len - cert_len, &v);
    const char *err = code ? nc__der_err_message(code) : NULL;
    int want_error = strncmp(expect, "error ", 6) == 0;
    if (want_error && (code == NC__DER_OK || strcmp(err, expect + 6) != 0))
        case_fail(failures, name, "want %s, got %s%s", expect, code ? "error " : "",
                  code ? err : verdict_name(v));
    if (!want_error && (code != NC__DER_OK || strcmp(verdict_name(v), expect) != 0))
        case_fail(failures, name, "want %s, got %s%s", expect, code ? "error " : "",
                  code ? err : verdict_name(v));

    const unsigned char *p = b.der;
    X509 *x = d2i_X509_AUX(NULL, &p, (long)b.der_len);
    int openssl_reads = x != NULL && p == b.der + b.der_len;
    if (want_error && openssl_reads && stricter == NULL)
        case_fail(failures, name, "OpenSSL reads it: say why we refuse it ([stricter: ...])");
    if (want_error && !openssl_reads && stricter != NULL)
        case_fail(failures, name, "OpenSSL refuses it too: drop the stricter note");
    if (!want_error && !openssl_reads) case_fail(failures, name, "OpenSSL refuses it");
    if (!want_error && openssl_reads) {
        int explicitly = strcmp(expect, "trusted-explicitly") == 0;
        int t = X509_check_trust(x, X509_TRUST_SSL_SERVER, X509_TRUST_OK_ANY_EKU);
        int want =
            explicitly || strcmp(expect, "trusted") == 0 ? X509_TRUST_TRUSTED : X509_TRUST_REJECTED;
        if (t != want) case_fail(failures, name, "OpenSSL's X509_check_trust says %d", t);
        t = X509_check_trust(x, X509_TRUST_SSL_SERVER, X509_TRUST_NO_SS_COMPAT);
        if ((t == X509_TRUST_TRUSTED) != explicitly)
            case_fail(failures, name, "OpenSSL's X509_check_trust without the fallback says %d", t);
    }
    X509_free(x);
    free(cert);
    free(aux);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASES_FILE TESTS_DIR\n", argv[0]);
        return 2;
    }
    return case_run_lines("trust_aux_cases", argv[1], run_case, argv[2]);
}
