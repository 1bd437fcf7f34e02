/* nativecerts_read_os_release(): which file, and only what the load itself would read.
 * /etc/os-release when it exists, else /usr/lib/os-release (os-release(5)); a path that
 * does not resolve does not exist; inside the root, links included; never a FIFO, a
 * device or a directory, never a file too large for the buffer, never a hang.
 *
 * The cases are a table: a tree to build under a fresh root, the buffer size, and the
 * answer. Each runs twice, with the kernel's root resolution and with the one by hand.
 * "@" in a tree entry stands for a directory outside the root, which holds "ID=host":
 * an entry "@/os-release=..." is the image's own copy of that path.
 *
 *   test_os_release table           ctest os_release_table
 *   test_os_release arguments       ctest os_release_arguments
 *   test_os_release no-descriptors  ctest os_release_no_descriptors
 *   test_os_release this-machine    ctest os_release_this_machine
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand */
#include "test_support.h"

/* Tree entries: "PATH=CONTENT" a file, "PATH->TARGET" a symbolic link, "PATH/" a
 * directory, "PATH|fifo" a FIFO, "PATH|chr" a character device (1,5: /dev/zero's). */
typedef struct os_case {
    const char *name;
    const char *tree[4];
    size_t n; /* the buffer */
    int rc;
    const char *text; /* on NATIVECERTS_OK */
} os_case;

#define ETC "etc/os-release"
#define LIB "usr/lib/os-release"

static const os_case cases[] = {
    {"neither", {NULL}, 64, NATIVECERTS_ENOTFOUND, NULL},
    {"etc", {ETC "=ID=etc\n"}, 64, NATIVECERTS_OK, "ID=etc\n"},
    {"usr-lib", {LIB "=ID=lib\n"}, 64, NATIVECERTS_OK, "ID=lib\n"},
    {"etc-first", {ETC "=ID=etc\n", LIB "=ID=lib\n"}, 64, NATIVECERTS_OK, "ID=etc\n"},
    {"empty-file", {ETC "="}, 64, NATIVECERTS_OK, ""},
    {"dangling-link-does-not-exist",
     {ETC "->/nowhere", LIB "=ID=lib\n"},
     64,
     NATIVECERTS_OK,
     "ID=lib\n"},
    {"etc-not-a-directory", {"etc=a file", LIB "=ID=lib\n"}, 64, NATIVECERTS_OK, "ID=lib\n"},
    {"relative-link",
     {LIB "=ID=lib\n", ETC "->../usr/lib/os-release"},
     64,
     NATIVECERTS_OK,
     "ID=lib\n"},
    {"absolute-link-resolved-inside",
     {ETC "->@/os-release", "@/os-release=ID=inside\n"},
     64,
     NATIVECERTS_OK,
     "ID=inside\n"},
    {"climbing-link-stays-inside",
     {ETC "->../../../../../../../../..@/os-release", "@/os-release=ID=inside\n"},
     64,
     NATIVECERTS_OK,
     "ID=inside\n"},
    {"link-out-to-nothing-inside", {ETC "->@/os-release"}, 64, NATIVECERTS_ENOTFOUND, NULL},
    /* One that exists is the answer: no fallback when it is refused. */
    {"fifo", {ETC "|fifo", LIB "=ID=lib\n"}, 64, NATIVECERTS_ENOTFOUND, NULL},
    {"directory", {ETC "/", LIB "=ID=lib\n"}, 64, NATIVECERTS_ENOTFOUND, NULL},
    {"device", {"dev/zero|chr", ETC "->/dev/zero"}, 64, NATIVECERTS_ENOTFOUND, NULL},
    {"fits-with-its-nul", {ETC "=ID=fifteen-byt\n"}, 16, NATIVECERTS_OK, "ID=fifteen-byt\n"},
    {"one-byte-too-many",
     {ETC "=ID=sixteen-byte\n", LIB "=ID=lib\n"},
     16,
     NATIVECERTS_ENOTFOUND,
     NULL},
};

static char outside[4200]; /* holds os-release = "ID=host\n", outside every root */

/* path with "@" replaced by the outside directory. */
static void expand(const char *in, char *out, size_t n)
{
    const char *at = strchr(in, '@');
    if (at)
        snprintf(out, n, "%.*s%s%s", (int)(at - in), in, outside, at + 1);
    else
        snprintf(out, n, "%s", in);
}

/* Builds one entry under root; returns 0, or -1 when it needs what this process lacks. */
static int build(const char *root, const char *entry)
{
    char spec[8500], path[8600];
    expand(entry, spec, sizeof spec);
    const char *link = strstr(spec, "->"), *eq = strchr(spec, '='), *bar = strchr(spec, '|');
    size_t len = link  ? (size_t)(link - spec)
                 : eq  ? (size_t)(eq - spec)
                 : bar ? (size_t)(bar - spec)
                       : strlen(spec);
    snprintf(path, sizeof path, "%s/%.*s", root, (int)len, spec);
    nct_mkparents(path);
    if (link) {
        nct_symlink(link + 2, path);
    } else if (eq) {
        nct_write_str(path, eq + 1);
    } else if (bar && strcmp(bar, "|fifo") == 0) {
        CHECK(mkfifo(path, 0600) == 0);
    } else if (bar) {
        if (mknod(path, S_IFCHR | 0600, makedev(1, 5)) != 0) return -1;
    } else {
        nct_mkdir(path);
    }
    return 0;
}

static int read_in(const char *root, int by_hand, char *buf, size_t n, size_t *len)
{
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == NATIVECERTS_OK);
    CHECK(nativecerts_options_set_root(o, root) == NATIVECERTS_OK);
    o->resolve_by_hand = by_hand;
    alarm(5); /* a FIFO or a device that blocks fails the test, never hangs it */
    int rc = nativecerts_read_os_release(o, buf, n, len);
    alarm(0);
    nativecerts_options_free(o);
    return rc;
}

static void table(void)
{
    char tmp[4096], root[4200], host[4300];
    nct_tmpdir(tmp, sizeof tmp);
    snprintf(outside, sizeof outside, "%s/outside", tmp);
    snprintf(host, sizeof host, "%s/os-release", outside);
    nct_mkparents(host);
    nct_write_str(host, "ID=host\n");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const os_case *c = &cases[i];
        snprintf(root, sizeof root, "%s/%s", tmp, c->name);
        nct_mkdir(root);
        int built = 0;
        for (size_t k = 0; k < 4 && c->tree[k] && built == 0; k++)
            built = build(root, c->tree[k]);
        if (built != 0) {
            fprintf(stderr, "note: case %s needs root (mknod): not run\n", c->name);
            continue;
        }
        for (int by_hand = 0; by_hand <= 1; by_hand++) {
            char buf[64];
            size_t len = 99;
            memset(buf, 'x', sizeof buf);
            int rc = read_in(root, by_hand, buf, c->n, &len);
            if (rc != c->rc || (c->text && strcmp(buf, c->text) != 0) ||
                len != (c->text ? strlen(c->text) : 0) || (!c->text && buf[0] != '\0')) {
                fprintf(stderr, "case %s (%s): rc %d, \"%.*s\" (%zu bytes); expected %d, \"%s\"\n",
                        c->name, by_hand ? "by hand" : "kernel", rc, (int)sizeof buf, buf, len,
                        c->rc, c->text ? c->text : "");
                nct_failures++;
            }
            for (size_t k = c->n; k < sizeof buf; k++)
                CHECK(buf[k] == 'x'); /* nothing written past n */
        }
    }
    nct_rmtree(tmp);
}

static void arguments(void)
{
    char buf[8] = "xxxxxxx";
    size_t len = 99;
    CHECK(nativecerts_read_os_release(NULL, NULL, 8, &len) == NATIVECERTS_EINVAL);
    CHECK(len == 0);
    CHECK(nativecerts_read_os_release(NULL, buf, 0, NULL) == NATIVECERTS_EINVAL);
    CHECK(buf[0] == 'x'); /* n == 0: not one byte written */
    /* A root that does not exist: nothing to read. */
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == NATIVECERTS_OK);
    CHECK(nativecerts_options_set_root(o, "/nonexistent/nativecerts-root") == NATIVECERTS_OK);
    CHECK(nativecerts_read_os_release(o, buf, sizeof buf, &len) == NATIVECERTS_ENOTFOUND);
    CHECK(buf[0] == '\0' && len == 0);
    nativecerts_options_free(o);
}

/* Out of descriptors is not "no os-release": the caller may retry. */
static void no_descriptors(void)
{
    char tmp[4096], path[4200], buf[64];
    nct_tmpdir(tmp, sizeof tmp);
    snprintf(path, sizeof path, "%s/etc/os-release", tmp);
    nct_mkparents(path);
    nct_write_str(path, "ID=etc\n");
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == NATIVECERTS_OK);
    CHECK(nativecerts_options_set_root(o, tmp) == NATIVECERTS_OK);
    struct rlimit was, low;
    CHECK(getrlimit(RLIMIT_NOFILE, &was) == 0);
    low = was;
    low.rlim_cur = 64;
    CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0);
    int fds[64], n = 0;
    while (n < 64 && (fds[n] = dup(0)) >= 0)
        n++;
    CHECK(n < 64 && errno == EMFILE); /* the table is full */
    size_t len = 99;
    int rc = nativecerts_read_os_release(o, buf, sizeof buf, &len);
    while (n > 0)
        close(fds[--n]);
    CHECK(setrlimit(RLIMIT_NOFILE, &was) == 0);
    CHECK(rc == NATIVECERTS_ERESOURCE);
    CHECK(len == 0);
    CHECK(nativecerts_read_os_release(o, buf, sizeof buf, &len) == NATIVECERTS_OK);
    CHECK_STR(buf, "ID=etc\n");
    nativecerts_options_free(o);
    nct_rmtree(tmp);
}

/* Without options: this machine's file, as open(2) sees it, when it is a regular one. */
static void this_machine(void)
{
    static char buf[65536];
    const char *path =
        access("/etc/os-release", F_OK) == 0 ? "/etc/os-release" : "/usr/lib/os-release";
    size_t len, n = 0;
    int rc = nativecerts_read_os_release(NULL, buf, sizeof buf, &len);
    unsigned char *bytes = nct_read_file(path, &n);
    if (!bytes) {
        CHECK(rc == NATIVECERTS_ENOTFOUND);
        return;
    }
    CHECK(rc == NATIVECERTS_OK);
    CHECK_EQ_SIZE(len, n);
    CHECK(rc == NATIVECERTS_OK && len == n && memcmp(buf, bytes, n) == 0);
    free(bytes);
}

int main(int argc, char **argv)
{
    static const nct_case all[] = {
        {"table", table},
        {"arguments", arguments},
        {"no-descriptors", no_descriptors},
        {"this-machine", this_machine},
    };
    return nct_main(argc, argv, all, sizeof all / sizeof all[0]);
}
