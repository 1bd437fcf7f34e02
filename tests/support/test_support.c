#include "test_support.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int nct_failures;

int nct_done(void)
{
    if (nct_failures) fprintf(stderr, "%d check(s) failed\n", nct_failures);
    return nct_failures ? 1 : 0;
}

int nct_skip(const char *why)
{
    fprintf(stderr, "skipped: %s\n", why);
    return 77;
}

void nct_execv(const char *path, char *const args[])
{
    const char *emu = getenv("NC_EMULATOR");
    if (emu == NULL || *emu == '\0') {
        execv(path, args);
        return;
    }
    static char words[1024], prog[4096];
    char *argv[64];
    size_t n = 0, nargs = 0;
    while (args[nargs] != NULL)
        nargs++;
    if (strlen(emu) >= sizeof words || strlen(path) >= sizeof prog) return;
    strcpy(words, emu);
    strcpy(prog, path);
    for (char *w = strtok(words, " "); w != NULL && n < 32; w = strtok(NULL, " "))
        argv[n++] = w;
    if (n == 0 || n + nargs + 1 > sizeof argv / sizeof argv[0]) return;
    argv[n++] = prog;
    for (size_t i = 1; i < nargs; i++) /* args[0] is the program's name */
        argv[n++] = args[i];
    argv[n] = NULL;
    execv(argv[0], argv);
}

static void die(const char *what, const char *path)
{
    fprintf(stderr, "test setup failed: %s %s: %s\n", what, path, strerror(errno));
    exit(99);
}

void nct_tmpdir(char *out, size_t n)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, n, "%s/nctest.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(out)) die("mkdtemp", out);
    chmod(out, 0755); /* tests that drop privileges must be able to enter it */
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    if (remove(p) != 0 && errno != ENOENT) chmod(p, 0700), remove(p);
    return 0;
}

void nct_rmtree(const char *path)
{
    nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

void nct_mkdir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die("mkdir", path);
}

void nct_mkparents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        nct_mkdir(buf);
        *p = '/';
    }
}

void nct_append(unsigned char **buf, size_t *len, const void *p, size_t n)
{
    unsigned char *grown = realloc(*buf, *len + n);
    if (!grown) exit(99);
    memcpy(grown + *len, p, n);
    *buf = grown;
    *len += n;
}

void nct_write(const char *path, const void *data, size_t len)
{
    nct_mkparents(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("open", path);
    if (len && write(fd, data, len) != (ssize_t)len) die("write", path);
    close(fd);
}

void nct_write_str(const char *path, const char *text)
{
    nct_write(path, text, strlen(text));
}

void nct_symlink(const char *target, const char *linkpath)
{
    nct_mkparents(linkpath);
    if (symlink(target, linkpath) != 0) die("symlink", linkpath);
}

unsigned char *nct_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *p = realloc(buf, cap *= 2);
            if (!p) free(buf);
            buf = p;
        }
    }
    fclose(f);
    if (len) *len = n;
    return buf;
}

unsigned char *nct_fixture(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/certs/%s", NC_TEST_DATA, name);
    unsigned char *p = nct_read_file(path, len);
    if (!p) die("read fixture", path);
    return p;
}

void nct_put_fixture(const char *name, const char *path)
{
    size_t len;
    unsigned char *p = nct_fixture(name, &len);
    nct_write(path, p, len);
    free(p);
}

static long find_in(size_t n,
                    const unsigned char *(*get)(const nativecerts_result *, size_t, size_t *),
                    const nativecerts_result *r, const unsigned char *der, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        size_t l;
        const unsigned char *d = get(r, i, &l);
        if (l == len && memcmp(d, der, len) == 0) return (long)i;
    }
    return -1;
}

long nct_find_trusted(const nativecerts_result *r, const unsigned char *der, size_t len)
{
    return find_in(nativecerts_result_count(r), nativecerts_result_der, r, der, len);
}

long nct_find_excluded(const nativecerts_result *r, const unsigned char *der, size_t len)
{
    return find_in(nativecerts_result_excluded_count(r), nativecerts_result_excluded_der, r, der,
                   len);
}

int nct_is_fixture(const unsigned char *der, size_t len, const char *name)
{
    size_t n;
    unsigned char *want = nct_fixture(name, &n);
    int same = n == len && memcmp(want, der, n) == 0;
    free(want);
    return same;
}

/* Index of fixture name among the trusted (or the excluded) certificates of r, or -1. */
static long find_fixture(const nativecerts_result *r, const char *name, int excluded)
{
    size_t len;
    unsigned char *der = nct_fixture(name, &len);
    long i = excluded ? nct_find_excluded(r, der, len) : nct_find_trusted(r, der, len);
    free(der);
    return i;
}

long nct_find_trusted_fixture(const nativecerts_result *r, const char *name)
{
    return find_fixture(r, name, 0);
}

nativecerts_reason nct_excluded_reason(const nativecerts_result *r, const char *name)
{
    long i = find_fixture(r, name, 1);
    return i < 0 ? (nativecerts_reason)0 : nativecerts_result_excluded_reason(r, (size_t)i);
}

long nct_find_source(const nativecerts_result *r, const char *name)
{
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (strcmp(nativecerts_result_source_name(r, i), name) == 0) return (long)i;
    return -1;
}

void nct_dump(const nativecerts_result *r)
{
    fprintf(stderr, "-- result: %zu trusted, %zu excluded, %zu errors, mode %d\n",
            nativecerts_result_count(r), nativecerts_result_excluded_count(r),
            nativecerts_result_error_count(r), (int)nativecerts_result_mode(r));
    for (size_t i = 0; i < nativecerts_result_count(r); i++)
        fprintf(stderr, "   trusted %s\n", nativecerts_result_source(r, i));
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++)
        fprintf(stderr, "   excluded %s %s\n",
                nativecerts_reason_name(nativecerts_result_excluded_reason(r, i)),
                nativecerts_result_excluded_source(r, i));
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "   error %s\n", nativecerts_result_error_message(r, i));
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        fprintf(stderr, "   source %s %s %s certs=%zu errors=%zu\n",
                nativecerts_result_source_origin(r, i), nativecerts_result_source_name(r, i),
                nativecerts_source_status_name(nativecerts_result_source_status(r, i)),
                nativecerts_result_source_cert_count(r, i),
                nativecerts_result_source_error_count(r, i));
}

nativecerts_options *nct_layout_options(const char *root, const char *profile)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o) || nativecerts_options_set_root(o, root) ||
        nativecerts_options_set_ignore_env(o, 1) ||
        (profile && nativecerts_options_set_profile(o, profile))) {
        fprintf(stderr, "cannot make options for %s\n", root);
        exit(99);
    }
    return o;
}

void nct_put_pem(FILE *f, const unsigned char *der, size_t len, const char *label, int width,
                 const char *eol)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    fprintf(f, "-----BEGIN %s-----%s", label, eol);
    int col = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)der[i] << 16 | (i + 1 < len ? (unsigned)der[i + 1] << 8 : 0) |
                     (i + 2 < len ? der[i + 2] : 0);
        char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < len ? b64[v >> 6 & 63] : '=',
                     i + 2 < len ? b64[v & 63] : '='};
        fwrite(q, 1, 4, f);
        if ((col += 4) >= width) fputs(eol, f), col = 0;
    }
    if (col) fputs(eol, f);
    fprintf(f, "-----END %s-----%s", label, eol);
}

int nct_main(int argc, char **argv, const nct_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (argc == 2 && strcmp(argv[1], cases[i].name) == 0) {
            cases[i].fn();
            return nct_done();
        }
    fprintf(stderr, "usage: %s CASE\n", argv[0]);
    return 2;
}

nativecerts_result *nct_load(const nativecerts_options *o)
{
    nativecerts_result *r = NULL;
    int rc = nativecerts_load(o, &r);
    if (rc != NATIVECERTS_OK || !r) {
        fprintf(stderr, "nativecerts_load failed: %d\n", rc);
        exit(1);
    }
    return r;
}
