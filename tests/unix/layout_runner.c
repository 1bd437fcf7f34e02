/* Runs one layout file (tests/unix/layouts/NAME.layout): builds the file tree it
 * describes in a temporary directory, loads it through the root-directory option with
 * the profile it names, and checks the result exactly against its `expect` lines.
 * Every layout runs three times, which must agree: with the kernel's RESOLVE_IN_ROOT,
 * with the by-hand resolver, and as on a file system that gives no entry types
 * (d_type DT_UNKNOWN: every entry is opened and checked, no link is taken for an
 * alias).
 *
 * Layout lines (paths are inside the layout; '#' starts a comment):
 *   profile NAME                 the profile to load with
 *   limit BYTES                  the per-file size limit
 *   file PATH FIXTURE...         PATH holds the fixtures concatenated (tests/data/certs)
 *   text PATH TEXT               PATH holds TEXT, with \n \r \t escapes
 *   link PATH TARGET             PATH is a symbolic link to TARGET (as written)
 *   dir PATH                     an empty directory
 *   fifo PATH                    a FIFO
 *   expect trusted CERT SOURCE   CERT (fixture CERT.der) is returned, from SOURCE
 *   expect excluded CERT REASON SOURCE
 *   expect source NAME STATUS [CERTS]   the source report's entry for NAME
 *   expect error KIND PATH [LINE]       an error (each expected error once, in order)
 * Trusted, excluded and error lists must match exactly: nothing more, nothing less. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/options.h"
#include "test_support.h"

#define MAX_WORDS 16

typedef struct line {
    int no;
    int n;
    char *w[MAX_WORDS];
} line;

static int split(char *s, line *l)
{
    l->n = 0;
    for (char *p = strtok(s, " \t\r\n"); p && l->n < MAX_WORDS; p = strtok(NULL, " \t\r\n")) {
        if (*p == '#') break;
        l->w[l->n++] = p;
    }
    return l->n;
}

static void join(char *out, size_t n, const char *root, const char *path)
{
    snprintf(out, n, "%s%s", root, path);
}

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s == 't' ? '\t' : *s == 's' ? ' ' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static void build(const char *root, line *l, const char *file)
{
    char path[4096];
    join(path, sizeof path, root, l->w[1]);
    if (!strcmp(l->w[0], "file")) {
        nct_write(path, "", 0);
        FILE *f = fopen(path, "wb");
        for (int i = 2; f && i < l->n; i++) {
            size_t len;
            unsigned char *d = nct_fixture(l->w[i], &len);
            fwrite(d, 1, len, f);
            free(d);
        }
        if (f) fclose(f);
    } else if (!strcmp(l->w[0], "text")) {
        char text[4096] = "";
        for (int i = 2; i < l->n; i++) {
            if (i > 2) strcat(text, " ");
            strncat(text, l->w[i], sizeof text - strlen(text) - 2);
        }
        unescape(text);
        nct_write_str(path, text);
    } else if (!strcmp(l->w[0], "link")) {
        nct_symlink(l->w[2], path);
    } else if (!strcmp(l->w[0], "dir")) {
        nct_mkparents(path);
        nct_mkdir(path);
    } else if (!strcmp(l->w[0], "fifo")) {
        nct_mkparents(path);
        if (mkfifo(path, 0644) != 0) perror(path), exit(99);
    } else {
        fprintf(stderr, "%s:%d: unknown directive %s\n", file, l->no, l->w[0]);
        exit(99);
    }
}

static int same_der(const unsigned char *a, size_t al, const char *cert)
{
    char name[256];
    snprintf(name, sizeof name, "%s.der", cert);
    return nct_is_fixture(a, al, name);
}

/* Checks r against the expect lines; returns the number of mismatches. */
static int check(const nativecerts_result *r, line *lines, int nlines, const char *file)
{
    int bad = 0;
    size_t want_trusted = 0, want_excluded = 0, want_errors = 0;
    for (int i = 0; i < nlines; i++) {
        line *l = &lines[i];
        if (l->n < 3 || strcmp(l->w[0], "expect")) continue;
        const char *what = l->w[1];
        if (!strcmp(what, "trusted") && l->n == 4) {
            want_trusted++;
            int found = 0;
            for (size_t j = 0; j < nativecerts_result_count(r); j++) {
                size_t len;
                const unsigned char *d = nativecerts_result_der(r, j, &len);
                if (same_der(d, len, l->w[2])) {
                    found = 1;
                    if (strcmp(nativecerts_result_source(r, j), l->w[3])) {
                        fprintf(stderr, "%s:%d: %s from %s, expected from %s\n", file, l->no,
                                l->w[2], nativecerts_result_source(r, j), l->w[3]);
                        bad++;
                    }
                }
            }
            if (!found) fprintf(stderr, "%s:%d: %s not trusted\n", file, l->no, l->w[2]), bad++;
        } else if (!strcmp(what, "excluded") && l->n == 5) {
            want_excluded++;
            int found = 0;
            for (size_t j = 0; j < nativecerts_result_excluded_count(r); j++) {
                size_t len;
                const unsigned char *d = nativecerts_result_excluded_der(r, j, &len);
                if (!same_der(d, len, l->w[2])) continue;
                found = 1;
                const char *reason =
                    nativecerts_reason_name(nativecerts_result_excluded_reason(r, j));
                if (strcmp(reason, l->w[3]) ||
                    strcmp(nativecerts_result_excluded_source(r, j), l->w[4])) {
                    fprintf(stderr, "%s:%d: %s excluded %s by %s, expected %s by %s\n", file, l->no,
                            l->w[2], reason, nativecerts_result_excluded_source(r, j), l->w[3],
                            l->w[4]);
                    bad++;
                }
            }
            if (!found) fprintf(stderr, "%s:%d: %s not excluded\n", file, l->no, l->w[2]), bad++;
        } else if (!strcmp(what, "source") && l->n >= 4) {
            long s = nct_find_source(r, l->w[2]);
            const char *status = s < 0 ? "(absent)"
                                       : nativecerts_source_status_name(
                                             nativecerts_result_source_status(r, (size_t)s));
            if (s < 0 || strcmp(status, l->w[3]) ||
                (l->n >= 5 && nativecerts_result_source_cert_count(r, (size_t)s) !=
                                  strtoul(l->w[4], NULL, 10))) {
                fprintf(stderr, "%s:%d: source %s is %s with %zu certs\n", file, l->no, l->w[2],
                        status, s < 0 ? 0 : nativecerts_result_source_cert_count(r, (size_t)s));
                bad++;
            }
        } else if (!strcmp(what, "error") && l->n >= 4) {
            size_t k = want_errors++;
            if (k >= nativecerts_result_error_count(r)) continue; /* counted below */
            const char *kind = nativecerts_error_kind_name(nativecerts_result_error_kind(r, k));
            const char *path = nativecerts_result_error_path(r, k);
            unsigned long ln = l->n >= 5 ? strtoul(l->w[4], NULL, 10) : 0;
            if (strcmp(kind, l->w[2]) || !path || strcmp(path, l->w[3]) ||
                nativecerts_result_error_line(r, k) != ln) {
                fprintf(stderr, "%s:%d: error %zu is \"%s\" (%s), expected %s %s %lu\n", file,
                        l->no, k, nativecerts_result_error_message(r, k), kind, l->w[2], l->w[3],
                        ln);
                bad++;
            }
        } else {
            fprintf(stderr, "%s:%d: bad expect line\n", file, l->no);
            exit(99);
        }
    }
    if (nativecerts_result_count(r) != want_trusted) {
        fprintf(stderr, "%s: %zu trusted, expected %zu\n", file, nativecerts_result_count(r),
                want_trusted);
        bad++;
    }
    if (nativecerts_result_excluded_count(r) != want_excluded) {
        fprintf(stderr, "%s: %zu excluded, expected %zu\n", file,
                nativecerts_result_excluded_count(r), want_excluded);
        bad++;
    }
    if (nativecerts_result_error_count(r) != want_errors) {
        fprintf(stderr, "%s: %zu errors, expected %zu\n", file, nativecerts_result_error_count(r),
                want_errors);
        bad++;
    }
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 2) return fprintf(stderr, "usage: layout_runner FILE.layout\n"), 99;
    FILE *f = fopen(argv[1], "r");
    if (!f) return perror(argv[1]), 99;
    static char text[256][1024];
    static line lines[256];
    int n = 0;
    const char *profile = NULL;
    unsigned long long limit = 0;
    while (n < 256 && fgets(text[n], sizeof text[n], f)) {
        lines[n].no = n + 1;
        if (split(text[n], &lines[n]) == 0) {
            n++;
            continue;
        }
        if (!strcmp(lines[n].w[0], "profile") && lines[n].n == 2) profile = lines[n].w[1];
        if (!strcmp(lines[n].w[0], "limit") && lines[n].n == 2)
            limit = strtoull(lines[n].w[1], NULL, 10);
        n++;
    }
    fclose(f);

    char root[4096];
    nct_tmpdir(root, sizeof root);
    for (int i = 0; i < n; i++)
        if (lines[i].n >= 2 && strcmp(lines[i].w[0], "expect") &&
            strcmp(lines[i].w[0], "profile") && strcmp(lines[i].w[0], "limit"))
            build(root, &lines[i], argv[1]);

    static const char *const modes[] = {"kernel resolver", "by-hand resolver", "no d_type"};
    for (int mode = 0; mode < 3; mode++) {
        nativecerts_options *o = nct_layout_options(root, profile);
        o->resolve_by_hand = mode == 1;
        o->ignore_d_type = mode == 2;
        if (limit) nativecerts_options_set_max_file_size(o, limit);
        nativecerts_result *r = NULL;
        CHECK(nativecerts_load(o, &r) == NATIVECERTS_OK);
        if (r && check(r, lines, n, argv[1])) {
            fprintf(stderr, "-- with the %s\n", modes[mode]);
            nct_dump(r);
            nct_failures++;
        }
        nativecerts_result_free(r);
        nativecerts_options_free(o);
    }
    nct_rmtree(root);
    return nct_done();
}
