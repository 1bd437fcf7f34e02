/* der_time_cases: UTCTime and GeneralizedTime conversion, case by case from
 * der_time/cases.txt (its header says the format), each compared with OpenSSL.
 *
 * Usage: der_time_cases CASES_FILE CERT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "case_files.h"
#include "codec/der.h"
#include "openssl_oracle.h"

static int tag_of(const char *kind, unsigned *tag, int *asn1_type)
{
    if (strcmp(kind, "utc") == 0) {
        *tag = 0x17;
        *asn1_type = V_ASN1_UTCTIME;
    } else if (strcmp(kind, "gen") == 0) {
        *tag = 0x18;
        *asn1_type = V_ASN1_GENERALIZEDTIME;
    } else if (strcmp(kind, "octet") == 0) {
        *tag = 0x04;
        *asn1_type = V_ASN1_OCTET_STRING;
    } else {
        return -1;
    }
    return 0;
}

static void time_case(int *failures, const char *line, const char *kind, const char *text,
                      const char *expect)
{
    unsigned tag;
    int type;
    if (tag_of(kind, &tag, &type) != 0) {
        case_fail(failures, line, "unknown kind");
        return;
    }
    if (strcmp(text, "-") == 0) text = "";
    size_t n = strlen(text);

    uint8_t *content = case_exact_copy((const uint8_t *)text, n);
    int64_t ours = 0, theirs = 0;
    int ours_ok = nc__der_time_to_unix(tag, content, n, &ours) == 0;
    free(content);

    ASN1_STRING *t = ASN1_STRING_type_new(type);
    if (t == NULL || !ASN1_STRING_set(t, text, (int)n)) abort();
    int theirs_ok = oracle_time(t, &theirs) == 0;
    ASN1_STRING_free(t);

    if (strcmp(expect, "error") == 0) {
        if (ours_ok) case_fail(failures, line, "want error, got %lld", (long long)ours);
        if (theirs_ok)
            case_fail(failures, line, "OpenSSL reads it (%lld): we would be stricter",
                      (long long)theirs);
        return;
    }
    if (!ours_ok) {
        case_fail(failures, line, "want a time, got error");
        return;
    }
    if (!theirs_ok)
        case_fail(failures, line, "OpenSSL refuses it");
    else if (ours != theirs)
        case_fail(failures, line, "got %lld, OpenSSL says %lld", (long long)ours,
                  (long long)theirs);
    if (strcmp(expect, "ok") != 0) {
        char *end;
        long long want = strtoll(expect, &end, 10);
        if (*end != '\0')
            case_fail(failures, line, "bad expectation");
        else if (ours != want)
            case_fail(failures, line, "got %lld, want %lld", (long long)ours, want);
    }
}

static void cert_case(int *failures, const char *line, const char *cert_dir, const char *name,
                      const char *which, const char *kind, const char *text)
{
    char path[1024];
    size_t len;
    unsigned tag;
    int type;
    case_path(path, sizeof(path), cert_dir, name, ".der");
    uint8_t *der = case_read_file(path, &len);
    if (der == NULL || tag_of(kind, &tag, &type) != 0) {
        case_fail(failures, line, "cannot read %s or unknown kind", path);
        free(der);
        return;
    }
    int after = strcmp(which, "notAfter") == 0;

    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    const ASN1_TIME *t = x == NULL ? NULL : after ? X509_get0_notAfter(x) : X509_get0_notBefore(x);
    int64_t theirs = 0;
    if (t == NULL || ASN1_STRING_type(t) != type || ASN1_STRING_length(t) != (int)strlen(text) ||
        memcmp(ASN1_STRING_get0_data(t), text, strlen(text)) != 0 || oracle_time(t, &theirs) != 0)
        case_fail(failures, line, "the fixture does not hold that time with that tag");

    nc__cert_limits info;
    nc__der_err err = nc__der_check_certificate(der, len, &info);
    if (err != NC__DER_OK)
        case_fail(failures, line, "check fails: %s", nc__der_err_message(err));
    else if ((after ? info.not_after : info.not_before) != theirs)
        case_fail(failures, line, "got %lld, OpenSSL says %lld",
                  (long long)(after ? info.not_after : info.not_before), (long long)theirs);
    X509_free(x);
    free(der);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASES_FILE CERT_DIR\n", argv[0]);
        return 2;
    }
    char *data = case_read_cases(argv[1]);
    int failures = 0, count = 0;
    char *cursor = data, *line;
    while ((line = case_next_line(&cursor)) != NULL) {
        char a[64], b[64], c[64], d[64], e[64];
        char copy[256];
        snprintf(copy, sizeof(copy), "%s", line);
        int n = sscanf(line, "%63s %63s %63s %63s %63s", a, b, c, d, e);
        count++;
        if (strcmp(a, "cert") == 0 && n == 5)
            cert_case(&failures, copy, argv[2], b, c, d, e);
        else if (strcmp(a, "cert") != 0 && n == 3)
            time_case(&failures, copy, a, b, c);
        else
            case_fail(&failures, copy, "bad case line");
    }
    free(data);
    printf("der_time_cases: %d cases, %d failures\n", count, failures);
    return failures == 0 && count > 0 ? 0 : 1;
}
