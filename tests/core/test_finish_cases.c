/* Runs a case file of the trust decision (a file of tests/core/finish): sources, distrust
 * places and sightings are handed to the core as a backend would, nc__finish decides,
 * and the result must hold exactly the expected certificates, with their reasons and
 * sources. The format is described at the top of each file.
 *   test_finish_cases FILE */
#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "core/finish.h"
#include "test_support.h"

#define MAX_WORDS 8
#define MAX_EXPECT 32

static const int64_t check_time = 1767225600; /* 2026-01-01T00:00:00Z */

typedef struct expect {
    char cert[64], reason[32], from[128];
} expect;

typedef struct test_case {
    char name[128];
    int line, skip_expired, nexpect, bad;
    nc__collect c;
    expect e[MAX_EXPECT];
} test_case;

static int split(char *s, char **w)
{
    int n = 0;
    for (char *p = strtok(s, " \t\r\n"); p && n < MAX_WORDS; p = strtok(NULL, " \t\r\n")) {
        if (*p == '#') break;
        w[n++] = p;
    }
    return n;
}

static uint32_t source_index(const test_case *t, const char *name)
{
    for (uint32_t i = 0; i < t->c.nsources; i++)
        if (!strcmp(nc__collect_get_str(&t->c, t->c.sources[i].name), name)) return i;
    fprintf(stderr, "%s: no source %s\n", t->name, name);
    exit(99);
}

static nc__verdict verdict_of(const char *s)
{
    static const struct {
        const char *name;
        nc__verdict v;
    } v[] = {{"trusted", NC__VERDICT_TRUSTED},
             {"trusted-if-valid", NC__VERDICT_TRUSTED_IF_VALID},
             {"trusted-explicitly", NC__VERDICT_TRUSTED_EXPLICITLY},
             {"distrusted", NC__VERDICT_DISTRUSTED},
             {"not-server", NC__VERDICT_NOT_SERVER},
             {"unknown", NC__VERDICT_DISTRUST_UNKNOWN}};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (!strcmp(s, v[i].name)) return v[i].v;
    fprintf(stderr, "unknown verdict %s\n", s);
    exit(99);
}

static void see(test_case *t, char **w, int n)
{
    char name[128], path[256];
    snprintf(name, sizeof name, "%s.der", w[1]);
    snprintf(path, sizeof path, "%s/%s", w[2], w[1]);
    size_t len;
    unsigned char *der = nct_fixture(name, &len);
    nc__cert_limits info;
    if (nc__der_check_certificate(der, len, &info) != NC__DER_OK) exit(99);
    uint32_t s = source_index(t, w[2]);
    nc__role role = n > 4 && !strcmp(w[4], "distrust") ? NC__ROLE_DISTRUST : NC__ROLE_TRUST;
    if (nc__collect_cert(&t->c, s, nc__collect_str(&t->c, path), der, len, &info, verdict_of(w[3]),
                         role))
        exit(99);
    free(der);
}

/* Whether fixture cert is der[0..len). */
static int is_cert(const unsigned char *der, size_t len, const char *cert)
{
    char name[128];
    snprintf(name, sizeof name, "%s.der", cert);
    return nct_is_fixture(der, len, name);
}

static void fail(test_case *t, const char *what, const char *cert)
{
    fprintf(stderr, "case %s (line %d): %s %s\n", t->name, t->line, cert, what);
    t->bad++;
}

static void run(test_case *t)
{
    nativecerts_result *r = nc__finish(&t->c, t->skip_expired, check_time);
    if (!r) exit(99);
    size_t found = 0;
    for (int i = 0; i < t->nexpect; i++) {
        const expect *e = &t->e[i];
        int seen = 0;
        for (size_t j = 0; j < nativecerts_result_count(r); j++) {
            size_t len;
            const unsigned char *d = nativecerts_result_der(r, j, &len);
            if (!is_cert(d, len, e->cert)) continue;
            seen = 1;
            if (strcmp(e->reason, "trusted"))
                fail(t, "is trusted", e->cert);
            else if (strcmp(nativecerts_result_source(r, j), e->from))
                fail(t, "is trusted from another source", e->cert);
        }
        for (size_t j = 0; j < nativecerts_result_excluded_count(r); j++) {
            size_t len;
            const unsigned char *d = nativecerts_result_excluded_der(r, j, &len);
            if (!is_cert(d, len, e->cert)) continue;
            seen = 1;
            const char *reason = nativecerts_reason_name(nativecerts_result_excluded_reason(r, j));
            const char *from = nativecerts_result_excluded_source(r, j);
            if (strcmp(reason, e->reason) || strcmp(from, e->from)) {
                fprintf(stderr, "case %s: %s excluded %s by %s, expected %s by %s\n", t->name,
                        e->cert, reason, from, e->reason, e->from);
                t->bad++;
            }
        }
        if (!seen) fail(t, "is not in the result", e->cert);
        found += (size_t)seen;
    }
    if (found != nativecerts_result_count(r) + nativecerts_result_excluded_count(r))
        fail(t, "and others: more certificates than expected", "");
    /* An incomplete place says so in the sources report. */
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if ((nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_INCOMPLETE) !=
            (t->c.sources[i].incomplete != 0))
            fail(t, "has the wrong status", nativecerts_result_source_name(r, i));
    if (t->bad) nct_dump(r);
    nct_failures += t->bad;
    nativecerts_result_free(r);
    nc__collect_free(&t->c);
}

int main(int argc, char **argv)
{
    if (argc != 2) return fprintf(stderr, "usage: test_finish_cases FILE\n"), 99;
    FILE *f = fopen(argv[1], "r");
    if (!f) return perror(argv[1]), 99;
    static test_case t;
    int open = 0, ncases = 0, no = 0;
    char text[1024];
    while (fgets(text, sizeof text, f)) {
        no++;
        char *w[MAX_WORDS];
        int n = split(text, w);
        if (n == 0) continue;
        if (!strcmp(w[0], "case") && n == 2) {
            if (open) run(&t);
            memset(&t, 0, sizeof t);
            nc__collect_init(&t.c);
            snprintf(t.name, sizeof t.name, "%s", w[1]);
            t.line = no;
            open = 1;
            ncases++;
        } else if (!open) {
            break;
        } else if (!strcmp(w[0], "skip-expired") && n == 1) {
            t.skip_expired = 1;
        } else if (!strcmp(w[0], "source") && n == 2) {
            nc__collect_source(&t.c, NATIVECERTS_SOURCE_DIRECTORY, "profile", w[1], NULL);
        } else if (!strcmp(w[0], "place") && (n == 3 || n == 4)) {
            uint32_t s = source_index(&t, w[1]);
            nc__collect_distrust_place(&t.c, s,
                                       strcmp(w[2], "all") ? source_index(&t, w[2]) : NC__NONE);
            if (n == 4 && !strcmp(w[3], "incomplete")) nc__collect_incomplete(&t.c, s);
        } else if (!strcmp(w[0], "see") && (n == 4 || n == 5)) {
            see(&t, w, n);
        } else if (!strcmp(w[0], "expect") && n == 4 && t.nexpect < MAX_EXPECT) {
            expect *e = &t.e[t.nexpect++];
            snprintf(e->cert, sizeof e->cert, "%s", w[1]);
            snprintf(e->reason, sizeof e->reason, "%s", w[2]);
            snprintf(e->from, sizeof e->from, "%s", w[3]);
        } else {
            break;
        }
    }
    int stopped = !feof(f);
    fclose(f);
    if (stopped) return fprintf(stderr, "%s:%d: bad line\n", argv[1], no), 99;
    if (open) run(&t);
    printf("%d cases\n", ncases);
    return nct_done();
}
