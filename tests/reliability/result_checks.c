#include "result_checks.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "test_support.h"

static int is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

/* Each maximal run of printable bytes of path appears in msg, in order. */
static int shows_path(const char *msg, const char *path)
{
    const char *at = msg;
    for (const char *p = path; *p;) {
        if (is_control((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t n = 0;
        while (p[n] && !is_control((unsigned char)p[n]))
            n++;
        char run[4096];
        if (n >= sizeof run) n = sizeof run - 1;
        memcpy(run, p, n);
        run[n] = '\0';
        const char *found = strstr(at, run);
        if (!found) return 0;
        at = found + n;
        p += n;
    }
    return 1;
}

static void fail(const char *what, size_t i, const char *msg, const char *why)
{
    fprintf(stderr, "%s: error %zu \"%s\": %s\n", what, i, msg ? msg : "(null)", why);
    nct_failures++;
}

size_t rel_check_errors(const nativecerts_result *r, const char *what)
{
    size_t n = nativecerts_result_error_count(r);
    for (size_t i = 0; i < n; i++) {
        const char *msg = nativecerts_result_error_message(r, i);
        const char *path = nativecerts_result_error_path(r, i);
        nativecerts_error_kind kind = nativecerts_result_error_kind(r, i);
        unsigned long line = nativecerts_result_error_line(r, i);
        if (!msg || !*msg) {
            fail(what, i, msg, "empty message");
            continue;
        }
        for (const char *m = msg; *m; m++)
            if (is_control((unsigned char)*m)) {
                fail(what, i, msg, "a control byte in the message (not one line)");
                break;
            }
        if (!nativecerts_error_kind_name(kind)) fail(what, i, msg, "unknown kind");
        if (kind == NATIVECERTS_ERROR_OS) continue;
        if (!path) {
            fail(what, i, msg, "no path");
            continue;
        }
        if (*path ? !shows_path(msg, path) : !strstr(msg, "''"))
            fail(what, i, msg, "the message does not show the path");
        if (kind == NATIVECERTS_ERROR_PARSE && !strstr(msg, "not a valid DER certificate")) {
            char at[64];
            snprintf(at, sizeof at, ":%lu: ", line);
            if (line == 0)
                fail(what, i, msg, "a parse error of a PEM file without its line");
            else if (!strstr(msg, at))
                fail(what, i, msg, "the message does not show \":LINE: \"");
        }
    }
    return n;
}

uint64_t rel_hash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) exit(99);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        if (!t->p) exit(99);
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static const char *or_null(const char *s)
{
    return s ? s : "(null)";
}

char *rel_fingerprint(const nativecerts_result *r)
{
    text t = {0};
    add(&t, "mode %d profile %s files %zu bytes %llu\n", (int)nativecerts_result_mode(r),
        or_null(nativecerts_result_profile(r)), nativecerts_result_files_read(r),
        (unsigned long long)nativecerts_result_bytes_read(r));
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *d = nativecerts_result_der(r, i, &len);
        add(&t, "T %016llx %zu %s\n", (unsigned long long)rel_hash(d, len), len,
            or_null(nativecerts_result_source(r, i)));
    }
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        size_t len;
        const unsigned char *d = nativecerts_result_excluded_der(r, i, &len);
        add(&t, "X %016llx %zu %s %s\n", (unsigned long long)rel_hash(d, len), len,
            or_null(nativecerts_reason_name(nativecerts_result_excluded_reason(r, i))),
            or_null(nativecerts_result_excluded_source(r, i)));
    }
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        add(&t, "E %d %lu %ld %zu %s\n", (int)nativecerts_result_error_kind(r, i),
            nativecerts_result_error_line(r, i), nativecerts_result_error_errno(r, i),
            nativecerts_result_error_source(r, i), nativecerts_result_error_message(r, i));
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        add(&t, "S %d %s %s %s %zu %zu\n", (int)nativecerts_result_source_kind(r, i),
            nativecerts_result_source_name(r, i), or_null(nativecerts_result_source_origin(r, i)),
            or_null(nativecerts_source_status_name(nativecerts_result_source_status(r, i))),
            nativecerts_result_source_cert_count(r, i),
            nativecerts_result_source_error_count(r, i));
    if (!t.p) add(&t, "%s", "");
    return t.p;
}

int rel_fd_count(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n - 1; /* the one opendir holds */
}

long rel_peak_rss_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

double rel_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
