/* Runs one case of a decision table (decisions.txt; its header says the format) through
 * nc__ts_decide_domain and nc__ts_decide_all, with the lines in file order and in
 * reverse order:  test_trust_decision FILE CASE
 * Exit 0 when every certificate gets the expected verdict from the expected domain, 1
 * when not, 2 when the file or the case is malformed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macos/trust_decision.h"

#define MAX_LINES 32
#define MAX_ENTRIES 16

/* What SecTrustSettingsCopyTrustSettings answered for a listed certificate. */
typedef enum settings_answer { SETTINGS_READ, SETTINGS_NOT_FOUND, SETTINGS_FAIL } settings_answer;

typedef struct cert_line {
    char cert[64];
    unsigned domain;
    settings_answer answer;
    nc__ts_constraint entries[MAX_ENTRIES];
    size_t n;
} cert_line;

typedef struct expect_line {
    char cert[64];
    nc__ts_verdict verdict;
    unsigned domain;
} expect_line;

static const char *const domain_words[] = {"user", "admin", "system"};
/* In the order of nc__ts_verdict. */
static const char *const verdict_words[] = {"not-for-server-auth", "trusted", "distrusted",
                                            "distrust-unknown"};
#define NVERDICTS (sizeof verdict_words / sizeof verdict_words[0])

_Noreturn static void fail_format(const char *what, const char *text)
{
    fprintf(stderr, "malformed decision table: %s: %s\n", what, text);
    exit(2);
}

static int word_index(const char *const *words, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0) return (int)i;
    return -1;
}

static long parse_result(const char *r, int *has_result)
{
    static const char *const names[] = {"invalid", "trustroot", "trustasroot", "deny",
                                        "unspecified"};
    *has_result = 1;
    int i = word_index(names, 5, r);
    if (i >= 0) return i; /* the names are in Apple's order: Invalid = 0 ... */
    if (strcmp(r, "absent") == 0) {
        *has_result = 0;
        return 0;
    }
    if (strcmp(r, "notnumber") == 0) return -1; /* what keychain.c stores for it */
    char *end;
    long v = strtol(r, &end, 10);
    if (!*r || *end) fail_format("result", r);
    return v;
}

/* POLICY[+host][+app][+sslServer|+sslClient][+allowederror]:RESULT, or "bad". */
static nc__ts_constraint parse_entry(char *tok)
{
    nc__ts_constraint e = {.policy = NC__TS_POLICY_NONE};
    if (strcmp(tok, "bad") == 0) {
        e.unreadable = 1;
        return e;
    }
    char *colon = strchr(tok, ':');
    if (!colon) fail_format("entry", tok);
    *colon = '\0';
    e.result = parse_result(colon + 1, &e.has_result);
    char *save = NULL;
    char *part = strtok_r(tok, "+", &save);
    static const char *const policies[] = {"any", "ssl", "other"};
    int p = part ? word_index(policies, 3, part) : -1;
    if (p < 0) fail_format("policy", part ? part : "");
    e.policy = (nc__ts_policy)p;
    while ((part = strtok_r(NULL, "+", &save))) {
        if (strcmp(part, "host") == 0)
            e.has_policy_string = 1;
        else if (strcmp(part, "app") == 0)
            e.has_application = 1;
        else if (strcmp(part, "sslServer") == 0)
            e.policy_name = NC__TS_NAME_SSL_SERVER;
        else if (strcmp(part, "sslClient") == 0)
            e.policy_name = NC__TS_NAME_OTHER;
        else if (strcmp(part, "allowederror") == 0)
            ; /* kSecTrustSettingsAllowedError: in the entry, not read by the decision */
        else
            fail_format("constraint", part);
    }
    return e;
}

static void parse_case(FILE *f, const char *name, cert_line *certs, size_t *ncerts,
                       expect_line *expects, size_t *nexpects)
{
    char line[1024];
    int in_case = 0;
    *ncerts = *nexpects = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *save = NULL;
        char *w = strtok_r(line, " \t", &save);
        if (!w || w[0] == '#') continue;
        if (!in_case) {
            char *n = strcmp(w, "case") == 0 ? strtok_r(NULL, " \t", &save) : NULL;
            in_case = n && strcmp(n, name) == 0;
            continue;
        }
        if (strcmp(w, "end") == 0) return;
        if (strcmp(w, "case") == 0) fail_format("missing end before", line);
        if (strcmp(w, "expect") == 0) {
            char *c = strtok_r(NULL, " \t", &save), *v = strtok_r(NULL, " \t", &save);
            char *d = strtok_r(NULL, " \t", &save);
            int vi = v ? word_index(verdict_words, NVERDICTS, v) : -1;
            int di = d ? word_index(domain_words, 3, d) : -1;
            if (!c || vi < 0 || di < 0 || strlen(c) >= 64 || *nexpects == MAX_LINES)
                fail_format("expect", c ? c : "");
            expect_line *x = &expects[(*nexpects)++];
            snprintf(x->cert, sizeof x->cert, "%s", c);
            x->verdict = (nc__ts_verdict)vi;
            x->domain = (unsigned)di;
            continue;
        }
        char *d = strtok_r(NULL, " \t", &save);
        int di = d ? word_index(domain_words, 3, d) : -1;
        if (di < 0 || strlen(w) >= 64 || *ncerts == MAX_LINES) fail_format("certificate", w);
        cert_line *cl = &certs[(*ncerts)++];
        memset(cl, 0, sizeof *cl);
        snprintf(cl->cert, sizeof cl->cert, "%s", w);
        cl->domain = (unsigned)di;
        char *tok;
        while ((tok = strtok_r(NULL, " \t", &save))) {
            if (strcmp(tok, "[]") == 0) continue;
            if (strcmp(tok, "notfound") == 0 || strcmp(tok, "fails") == 0) {
                if (cl->n || cl->answer != SETTINGS_READ) fail_format("settings", tok);
                cl->answer = strcmp(tok, "fails") == 0 ? SETTINGS_FAIL : SETTINGS_NOT_FOUND;
                continue;
            }
            if (cl->answer != SETTINGS_READ) fail_format("entries after", tok);
            if (cl->n == MAX_ENTRIES) fail_format("too many entries", w);
            cl->entries[cl->n++] = parse_entry(tok);
        }
    }
    if (!in_case) fail_format("no such case", name);
    fail_format("missing end", name);
}

/* Decides the lines in the given order; returns the number of mismatches. */
static int run(const char *name, const char *order, cert_line *certs, size_t ncerts,
               const expect_line *expects, size_t nexpects, int reverse)
{
    nc__ts_sighting s[MAX_LINES];
    nc__ts_outcome out[MAX_LINES];
    for (size_t i = 0; i < ncerts; i++) {
        const cert_line *cl = &certs[reverse ? ncerts - 1 - i : i];
        /* What keychain.c makes of each answer: a failure leaves the domain's verdict
         * unknown; "not found" means no settings in that domain. */
        nc__ts_verdict v = cl->answer == SETTINGS_FAIL ? NC__TS_UNKNOWN
                           : cl->answer == SETTINGS_NOT_FOUND
                               ? nc__ts_decide_not_found(cl->domain)
                               : nc__ts_decide_domain(cl->entries, cl->n);
        s[i] =
            (nc__ts_sighting){(const unsigned char *)cl->cert, strlen(cl->cert), cl->domain, i, v};
    }
    size_t n = nc__ts_decide_all(s, ncerts, out);
    int bad = 0;
    if (n != nexpects) {
        fprintf(stderr, "%s (%s): %zu certificates decided, %zu expected\n", name, order, n,
                nexpects);
        bad++;
    }
    for (size_t i = 0; i < nexpects; i++) {
        const expect_line *x = &expects[i];
        size_t j = 0;
        while (j < n && !(s[out[j].sighting].len == strlen(x->cert) &&
                          memcmp(s[out[j].sighting].der, x->cert, strlen(x->cert)) == 0))
            j++;
        if (j == n) {
            fprintf(stderr, "%s (%s): %s was not decided\n", name, order, x->cert);
            bad++;
            continue;
        }
        const nc__ts_sighting *by = &s[out[j].sighting];
        if (out[j].verdict != x->verdict || by->domain != x->domain) {
            fprintf(stderr, "%s (%s): %s is %s by %s, expected %s by %s\n", name, order, x->cert,
                    verdict_words[out[j].verdict], domain_words[by->domain],
                    verdict_words[x->verdict], domain_words[x->domain]);
            bad++;
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE CASE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static cert_line certs[MAX_LINES];
    static expect_line expects[MAX_LINES];
    size_t ncerts, nexpects;
    parse_case(f, argv[2], certs, &ncerts, expects, &nexpects);
    fclose(f);
    if (ncerts == 0 || nexpects == 0) {
        fprintf(stderr, "%s: a case needs certificates and expectations\n", argv[2]);
        return 2;
    }
    int bad = run(argv[2], "in file order", certs, ncerts, expects, nexpects, 0);
    bad += run(argv[2], "in reverse order", certs, ncerts, expects, nexpects, 1);
    return bad ? 1 : 0;
}
