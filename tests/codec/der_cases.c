/* der_cases: nc__der_check_certificate against data files, and against OpenSSL.
 *
 * Every line of CASE_FILE (der/cases.txt, whose head says how an input is written) is a
 * case "TITLE | INPUT | EXPECTED [| REASON]": EXPECTED is "ok" or "error MESSAGE", an "ok"
 * optionally with ", eku absent|server|not-server" (what the certificate's own
 * extendedKeyUsage allows); REASON explains a difference with OpenSSL, which "reads" a
 * certificate when d2i_X509 consumes exactly the bytes given and its verifier does not
 * mark the extendedKeyUsage invalid (d2i_X509 does not look into extensions; the loader
 * refuses what the verifier refuses there):
 *
 *   stricter: WHY   we refuse what OpenSSL reads: only for a rule of DER or of the loader
 *                   (docs/trust.md)
 *   lenient: WHY    we accept what OpenSSL refuses: only for what we do not look into
 *
 * Without a reason, our verdict must be OpenSSL's, and the reason must go when it is no
 * longer true. Every fixture in CERT_DIR must be "ok". For every "ok" case the validity
 * must equal OpenSSL's (ASN1_TIME_to_tm), the extendedKeyUsage finding must be OpenSSL's
 * reading of it (oracle_eku), and every strict prefix must be refused, read from a buffer
 * of exactly its size (AddressSanitizer watches the reads).
 *
 * Usage: der_cases CASE_FILE CERT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"
#include "codec/der.h"
#include "der_edit.h"
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

/* Every certificate of CERT_DIR is a case of its own, expected "ok". */
static size_t run_fixtures(int *failures, const char *dir)
{
    size_t count;
    char **names = case_list_dir(dir, ".der", &count);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        size_t len;
        case_path(path, sizeof(path), dir, names[i], ".der");
        uint8_t *data = case_read_file(path, &len);
        char fixture_ok[] = "ok";
        if (data == NULL)
            case_fail(failures, names[i], "cannot read %s", path);
        else
            check_one(failures, names[i], data, len, fixture_ok);
        free(data);
    }
    case_free_list(names, count);
    return count;
}

/* A case of the case file, its expectation turned into the lines check_one reads. */
static void run_case(void *arg, int *failures, const der_case *c)
{
    char expect[1024];
    const char *expected = c->expected, *reason = c->reason;
    const char *eku = strncmp(expected, "ok, eku ", 8) == 0 ? expected + 8 : NULL;
    int n;
    (void)arg;
    if (eku != NULL)
        n = snprintf(expect, sizeof(expect), "ok\neku %s\n", eku);
    else if (strcmp(expected, "ok") == 0 || strncmp(expected, "error ", 6) == 0)
        n = snprintf(expect, sizeof(expect), "%s\n", expected);
    else
        n = -1;
    if (n >= 0 && reason != NULL) {
        const char *why = strncmp(reason, "stricter: ", 10) == 0 ? reason + 10
                          : strncmp(reason, "lenient: ", 9) == 0 ? reason + 9
                                                                 : NULL;
        if (why == NULL)
            n = -1;
        else
            n += snprintf(expect + n, sizeof(expect) - (size_t)n, "%.*s %s\n",
                          (int)(strchr(reason, ':') - reason), reason, why);
    }
    if (n < 0 || (size_t)n >= sizeof(expect)) {
        case_fail(failures, c->title, "bad expectation: %s%s%s", expected, reason ? " | " : "",
                  reason ? reason : "");
        return;
    }
    check_one(failures, c->title, c->data, c->len, expect);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASE_FILE CERT_DIR\n", argv[0]);
        return 2;
    }
    int failures = 0;
    size_t cases = der_case_file_run(argv[1], argv[2], &failures, run_case, NULL);
    size_t fixtures = run_fixtures(&failures, argv[2]);
    if (cases == 0 || fixtures == 0) {
        fprintf(stderr, "no cases in %s or no fixtures in %s\n", argv[1], argv[2]);
        return 1;
    }
    printf("der_cases: %zu cases, %zu fixtures, %d failures\n", cases, fixtures, failures);
    return failures == 0 ? 0 : 1;
}
