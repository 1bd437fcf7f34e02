/* der_cases: nc__der_check_certificate against data files, and against OpenSSL.
 *
 * Every der/NAME.der has a der/NAME.expect: a first line "ok" or "error MESSAGE", then
 * optionally "eku absent|server|not-server" (what the certificate's own extendedKeyUsage
 * allows, for an "ok" case), and optionally one line that explains a difference with
 * OpenSSL, which "reads" a certificate when d2i_X509 consumes exactly the bytes given and
 * its verifier does not mark the extendedKeyUsage invalid (d2i_X509 does not look into
 * extensions; the loader refuses what the verifier refuses there):
 *
 *   stricter REASON   we refuse what OpenSSL reads: only where the contract says so
 *   lenient REASON    we accept what OpenSSL refuses: only for what we do not look into
 *
 * Without such a line, our verdict must be OpenSSL's, and the line must go when it is no
 * longer true. Every fixture in CERT_DIR must be "ok". For every "ok" case the validity
 * must equal OpenSSL's (ASN1_TIME_to_tm), the extendedKeyUsage finding must be OpenSSL's
 * reading of it (oracle_eku), and every strict prefix must be refused, read from a buffer
 * of exactly its size (AddressSanitizer watches the reads).
 *
 * Usage: der_cases CASE_DIR CERT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"
#include "codec/der.h"
#include "openssl_oracle.h"

static void check_one(int *failures, const char *name, const uint8_t *data, size_t len,
                      char *expect)
{
    char *cursor = expect, *line;
    const char *want_error = NULL, *stricter = NULL, *lenient = NULL, *want_eku = NULL;
    int want_ok = 0;

    while ((line = case_next_line(&cursor)) != NULL) {
        if (strcmp(line, "ok") == 0)
            want_ok = 1;
        else if (strncmp(line, "error ", 6) == 0)
            want_error = line + 6;
        else if (strncmp(line, "stricter ", 9) == 0)
            stricter = line + 9;
        else if (strncmp(line, "lenient ", 8) == 0)
            lenient = line + 8;
        else if (strncmp(line, "eku ", 4) == 0)
            want_eku = line + 4;
        else
            case_fail(failures, name, "bad expectation line: %s", line);
    }
    if (want_ok == (want_error != NULL)) {
        case_fail(failures, name, "want exactly one of ok / error");
        return;
    }

    uint8_t *buf = case_exact_copy(data, len);
    nc__cert_limits info = {0, 0, NC__EKU_ABSENT};
    nc__der_err code = nc__der_check_certificate(buf, len, &info);
    const char *err = code != NC__DER_OK ? nc__der_err_message(code) : "ok";
    if (want_ok && code != NC__DER_OK) case_fail(failures, name, "want ok, got error: %s", err);
    if (want_error != NULL && (code == NC__DER_OK || strcmp(err, want_error) != 0))
        case_fail(failures, name, "want error \"%s\", got %s%s%s", want_error,
                  code == NC__DER_OK ? "" : "\"", err, code == NC__DER_OK ? "" : "\"");

    /* nc__eku's values, which the oracle's share. */
    static const char *const eku_names[] = {"absent", "server", "not-server", "malformed"};
    const char *eku = eku_names[info.eku];
    if (want_eku != NULL && (want_ok == 0 || strcmp(eku, want_eku) != 0))
        case_fail(failures, name, "want eku %s, got %s", want_eku, want_ok ? eku : "an error");

    int64_t nb = 0, na = 0;
    int times_ok = 0, openssl_eku = ORACLE_EKU_ABSENT;
    int openssl_ok = oracle_certificate(buf, len, &nb, &na, &times_ok, &openssl_eku) &&
                     openssl_eku != ORACLE_EKU_INVALID;
    if (want_ok && !openssl_ok && lenient == NULL)
        case_fail(failures, name, "OpenSSL refuses it: say why we accept it (lenient ...)");
    if (want_ok && openssl_ok && lenient != NULL)
        case_fail(failures, name, "OpenSSL accepts it too: drop the lenient line");
    if (want_error != NULL && openssl_ok && stricter == NULL)
        case_fail(failures, name, "OpenSSL accepts it: say why we refuse it (stricter ...)");
    if (want_error != NULL && !openssl_ok && stricter != NULL)
        case_fail(failures, name, "OpenSSL refuses it too: drop the stricter line");
    if ((want_ok && stricter != NULL) || (want_error != NULL && lenient != NULL))
        case_fail(failures, name, "stricter goes with error, lenient with ok");

    if (want_ok && err == NULL) {
        if (openssl_ok && !times_ok)
            case_fail(failures, name, "OpenSSL cannot read the validity times");
        if (openssl_ok && times_ok && (info.not_before != nb || info.not_after != na))
            case_fail(failures, name, "validity %lld..%lld, OpenSSL says %lld..%lld",
                      (long long)info.not_before, (long long)info.not_after, (long long)nb,
                      (long long)na);
        if (openssl_ok && (int)info.eku != openssl_eku)
            case_fail(failures, name, "extended key usage %s, OpenSSL reads %s", eku,
                      eku_names[openssl_eku]);
        for (size_t cut = 0; cut < len; cut++) {
            uint8_t *part = case_exact_copy(data, cut);
            if (nc__der_check_certificate(part, cut, NULL) == NC__DER_OK)
                case_fail(failures, name, "the first %zu bytes pass as a certificate", cut);
            free(part);
        }
    }
    free(buf);
}

static size_t run_dir(int *failures, const char *dir, int with_expect)
{
    size_t count;
    char **names = case_list_dir(dir, ".der", &count);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        size_t len, expect_len;
        case_path(path, sizeof(path), dir, names[i], ".der");
        uint8_t *data = case_read_file(path, &len);
        char fixture_ok[] = "ok"; /* fixtures are all valid certificates */
        uint8_t *expect = NULL;
        if (with_expect) {
            case_path(path, sizeof(path), dir, names[i], ".expect");
            expect = case_read_file(path, &expect_len);
        }
        if (data == NULL || (with_expect && expect == NULL))
            case_fail(failures, names[i], "missing .der or .expect");
        else
            check_one(failures, names[i], data, len, with_expect ? (char *)expect : fixture_ok);
        free(data);
        free(expect);
    }
    case_free_list(names, count);
    return count;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASE_DIR CERT_DIR\n", argv[0]);
        return 2;
    }
    int failures = 0;
    size_t cases = run_dir(&failures, argv[1], 1);
    case_check_orphans(&failures, argv[1], ".expect", ".der");
    size_t fixtures = run_dir(&failures, argv[2], 0);
    if (cases == 0 || fixtures == 0) {
        fprintf(stderr, "no cases in %s or no fixtures in %s\n", argv[1], argv[2]);
        return 1;
    }
    printf("der_cases: %zu cases, %zu fixtures, %d failures\n", cases, fixtures, failures);
    return failures == 0 ? 0 : 1;
}
