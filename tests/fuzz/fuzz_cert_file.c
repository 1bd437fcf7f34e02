/* A whole certificate file as the loader reads it: nc__cert_file_parse on the bytes,
 * then nc__finish, the same path a file on disk takes after read(2). The bytes are read
 * twice, once as a trusted source and, when the first byte is odd, once more as a
 * distrusted one (a FreeBSD untrusted directory), so that decisions are exercised too.
 * Both reads go through the load's read buffer, as a backend's do, so a first read with
 * several blocks is kept and the second recognises its blocks by their text: it must
 * give the same certificates and the same errors, at the same lines, except that a
 * distrust read recognises more: a certificate followed by other bytes, or whose only fault
 * is its extendedKeyUsage, as d2i_X509 reads it (then with the same error all the same).
 * Checks: every certificate returned is valid DER, and every one excluded too but for
 * a distrusted one whose extendedKeyUsage is its only fault; the trusted list is
 * sorted and unique; a file also read as distrusted trusts nothing; every error names
 * the file, and a parse error with a line says "path:LINE:" with a line of the file;
 * messages are one printable line. */
#include <string.h>

#include "codec/der.h"
#include "core/cert_file.h"
#include "core/collect_state.h"
#include "core/finish.h"
#include "fuzz_target.h"

#define PATH "/fuzz/input.pem"
#define UNTRUSTED "/fuzz/untrusted/input.pem"

static void check_list(const nativecerts_result *r, int excluded)
{
    size_t n = fuzz_list_count(r, excluded), bad = fuzz_list_unsorted(r, excluded);
    FUZZ_CHECK(bad == n, "not sorted or not unique at %zu", bad);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = fuzz_list_der(r, excluded, i, &len);
        const char *source = fuzz_list_source(r, excluded, i);
        FUZZ_CHECK(der != NULL && len > 0, "certificate %zu empty", i);
        nc__cert_limits info;
        FUZZ_CHECK(nc__der_check_certificate(der, len, &info) == NC__DER_OK ||
                       (excluded && info.eku == NC__EKU_MALFORMED &&
                        nativecerts_result_excluded_reason(r, i) == NATIVECERTS_REASON_DISTRUSTED),
                   "invalid DER returned");
        FUZZ_CHECK(source && (!strcmp(source, PATH) || !strcmp(source, UNTRUSTED)), "source %s",
                   source ? source : "(null)");
        if (excluded) {
            nativecerts_reason why = nativecerts_result_excluded_reason(r, i);
            FUZZ_CHECK(nativecerts_reason_name(why) != NULL, "reason %d", (int)why);
        }
    }
}

static void check_errors(const nativecerts_result *r, unsigned long lines)
{
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        const char *msg = nativecerts_result_error_message(r, i);
        const char *path = nativecerts_result_error_path(r, i);
        unsigned long line = nativecerts_result_error_line(r, i);
        FUZZ_CHECK(nativecerts_result_error_kind(r, i) == NATIVECERTS_ERROR_PARSE, "kind %d",
                   (int)nativecerts_result_error_kind(r, i));
        FUZZ_CHECK(path && (!strcmp(path, PATH) || !strcmp(path, UNTRUSTED)), "error path %s",
                   path ? path : "(null)");
        FUZZ_CHECK(line <= lines, "error at line %lu of %lu", line, lines);
        char prefix[128];
        if (line)
            snprintf(prefix, sizeof prefix, "%s:%lu: ", path, line);
        else
            snprintf(prefix, sizeof prefix, "%s: ", path);
        FUZZ_CHECK(msg && strncmp(msg, prefix, strlen(prefix)) == 0 && msg[strlen(prefix)],
                   "message \"%s\" does not start with \"%s\"", msg ? msg : "(null)", prefix);
        for (const char *m = msg; *m; m++)
            FUZZ_CHECK((unsigned char)*m >= 0x20 && *m != 0x7F, "control byte in \"%s\"", msg);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int also_distrusted = size > 0 && (data[0] & 1);
    nc__collect c;
    nc__collect_init(&c);
    uint32_t s = nc__collect_source(&c, NATIVECERTS_SOURCE_FILE, "option", PATH, NULL);
    uint8_t *buf = nc__collect_scratch(&c, size + 1);
    FUZZ_CHECK(buf != NULL, "out of memory");
    memcpy(buf, data, size);
    nc__cert_file_parse(&c, s, PATH, buf, size, NC__ROLE_TRUST);
    size_t found = c.ncerts, errors = c.nerrors, seen = c.nocc;
    if (also_distrusted) {
        uint32_t u =
            nc__collect_source(&c, NATIVECERTS_SOURCE_DISTRUST_DIR, "profile", UNTRUSTED, NULL);
        buf = nc__collect_scratch(&c, size + 1);
        FUZZ_CHECK(buf != NULL, "out of memory");
        memcpy(buf, data, size);
        nc__cert_file_parse(&c, u, UNTRUSTED, buf, size, NC__ROLE_DISTRUST);
        FUZZ_CHECK(c.ncerts >= found, "the same bytes gave fewer certificates");
        FUZZ_CHECK(c.nocc >= 2 * seen, "%zu sightings, then %zu", seen, c.nocc - seen);
        FUZZ_CHECK(c.nerrors == 2 * errors, "%zu errors, then %zu", errors, c.nerrors - errors);
        for (size_t i = 0; i < errors && c.nerrors == 2 * errors; i++) {
            FUZZ_CHECK(c.errors[i].line == c.errors[errors + i].line,
                       "error %zu: line %lu, then %lu", i, c.errors[i].line,
                       c.errors[errors + i].line);
            FUZZ_CHECK(c.errors[i].kind == c.errors[errors + i].kind, "error %zu: kind", i);
        }
    }
    FUZZ_CHECK(!c.oom, "out of memory");
    size_t all = c.ncerts; /* both reads */
    /* The check time: fixed, so that a crash reproduces; either filter setting. */
    nativecerts_result *r = nc__finish(&c, size > 1 && (data[1] & 1), 1700000000);
    FUZZ_CHECK(r != NULL, "nc__finish failed");
    nc__collect_free(&c);

    check_list(r, 0);
    check_list(r, 1);
    FUZZ_CHECK(nativecerts_result_count(r) + nativecerts_result_excluded_count(r) == all,
               "%zu found, %zu returned + %zu excluded", all, nativecerts_result_count(r),
               nativecerts_result_excluded_count(r));
    if (also_distrusted)
        FUZZ_CHECK(nativecerts_result_count(r) == 0, "a distrusted file trusted %zu",
                   nativecerts_result_count(r));
    check_errors(r, fuzz_line_count(data, size));
    nativecerts_result_free(r);
    return 0;
}
