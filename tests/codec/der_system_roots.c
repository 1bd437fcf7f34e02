/* der_system_roots: every certificate of this machine's bundle passes the PEM scanner and
 * nc__der_check_certificate, and reads as OpenSSL reads it: same blocks, same bytes, same
 * validity, same reading of its own extendedKeyUsage. Real roots are where "never stricter
 * than d2i_X509" is proved.
 *
 * Usage: der_system_roots BUNDLE   (exit 77, "skipped", when BUNDLE does not exist) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "case_files.h"
#include "codec/der.h"
#include "codec/pem.h"
#include "codec/trust_aux.h"
#include "openssl_oracle.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s BUNDLE\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    size_t len;
    errno = 0;
    uint8_t *text = case_read_file(path, &len);
    if (text == NULL && errno == ENOENT) {
        printf("der_system_roots: %s does not exist, skipped\n", path);
        return 77;
    }
    BIO *bio = BIO_new_file(path, "rb");
    if (text == NULL || bio == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }

    int failures = 0;
    size_t count = 0;
    nc__pem_scanner s;
    nc__pem_block b;
    nc__pem_init(&s, text, len);
    while (nc__pem_next(&s, &b)) {
        char name[64];
        snprintf(name, sizeof(name), "%s:%lu", path, b.line);
        if (b.kind == NC__PEM_ERROR) {
            case_fail(&failures, name, "%s", b.message);
            continue;
        }
        count++;
        X509 *x = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);
        if (x == NULL) {
            case_fail(&failures, name, "OpenSSL finds no certificate here");
            break;
        }
        /* The certificate is the first element; in a TRUSTED block, trust data follows. */
        size_t cert_len = nc__der_element_length(b.der, b.der_len);
        unsigned char *theirs = NULL;
        int theirs_len = i2d_X509(x, &theirs);
        if (theirs_len < 0 || (size_t)theirs_len != cert_len ||
            memcmp(theirs, b.der, cert_len) != 0)
            case_fail(&failures, name, "decoded bytes differ from OpenSSL's");
        if (b.kind == NC__PEM_CERTIFICATE && cert_len != b.der_len)
            case_fail(&failures, name, "bytes after the certificate");

        uint8_t *der = case_exact_copy(b.der, cert_len);
        nc__cert_limits info;
        int64_t nb = 0, na = 0;
        nc__der_err err = nc__der_check_certificate(der, cert_len, &info);
        if (err != NC__DER_OK)
            case_fail(&failures, name, "refused: %s", nc__der_err_message(err));
        else if (oracle_time(X509_get0_notBefore(x), &nb) != 0 ||
                 oracle_time(X509_get0_notAfter(x), &na) != 0)
            case_fail(&failures, name, "OpenSSL cannot read the validity");
        else if (info.not_before != nb || info.not_after != na)
            case_fail(&failures, name, "validity %lld..%lld, OpenSSL says %lld..%lld",
                      (long long)info.not_before, (long long)info.not_after, (long long)nb,
                      (long long)na);
        if (err == NC__DER_OK && (int)info.eku != oracle_eku(x))
            case_fail(&failures, name, "extended key usage %d, OpenSSL reads %d", (int)info.eku,
                      oracle_eku(x));
        if (b.kind == NC__PEM_TRUSTED) {
            nc__aux_verdict v;
            err = nc__trust_aux_evaluate(b.der + cert_len, b.der_len - cert_len, &v);
            if (err != NC__DER_OK)
                case_fail(&failures, name, "trust data refused: %s", nc__der_err_message(err));
        }
        free(der);
        OPENSSL_free(theirs);
        X509_free(x);
    }
    X509 *extra = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);
    if (extra != NULL) case_fail(&failures, path, "OpenSSL finds more certificates than we do");
    X509_free(extra);
    BIO_free(bio);
    free(text);
    if (count == 0) case_fail(&failures, path, "no certificate at all");
    printf("der_system_roots: %zu certificates in %s, %d failures\n", count, path, failures);
    return failures == 0 ? 0 : 1;
}
