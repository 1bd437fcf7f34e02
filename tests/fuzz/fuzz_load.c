/* The whole load, against a hostile tree: the input becomes a small tree under a fresh
 * root directory (hostile_tree.h: fixture, damaged, mutated and raw files; relative,
 * absolute, escaping and hash-named links; directories, hard links, FIFOs, device
 * nodes; at the paths the profiles read), and the tree is loaded with that root under
 * every profile. Checks, on every load:
 *
 *  1. the trusted and the excluded lists are each sorted by DER bytes and unique;
 *  2. every certificate returned or excluded is read by OpenSSL's d2i_X509 to its end;
 *  3. no certificate is both trusted and excluded;
 *  4. a canary certificate kept beside the root, reachable only by a link that leaves
 *     it, never appears (its serial is random per process, so no input can hold it);
 *  5. a fixture held by a file in a distrust place (an untrusted directory, Android's
 *     cacerts-removed) is never trusted: well-formed, or with bytes after the
 *     certificate, which a distrust role still recognises. Distrust wins over every
 *     other source; where Android's user store or Termux bundle holds anything, the
 *     check stands aside, since the removed list governs system roots only;
 *  6. the load returns NATIVECERTS_OK, or NATIVECERTS_ERESOURCE when the input lowered
 *     the descriptor limit;
 *  7. no descriptor is left open;
 *  8. a well-formed fixture file that the profile reads (in one of its directories, or
 *     its bundle: the first candidate that exists) is in the result, trusted or
 *     excluded; in a distrust place that is complete, one with bytes after the
 *     certificate is excluded. Only where the path is made of real directories, so
 *     that no link has to be resolved to know it: a candidate under a regular file
 *     does not exist;
 *  9. on request of the input, the other resolver of the root gives the same result;
 * 10. an untrusted directory whose status is "incomplete" leaves nothing trusted.
 *
 * The temporary directory is TMPDIR (or /tmp)/nc-fuzz-load.PID: the canaries, and the
 * root, remade for every input. NC_FUZZ_LOAD_VERBOSE=1 prints every tree and result. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/x509.h>

#include "core/options.h" /* resolve_by_hand, ignore_d_type */
#include "core/profile.h"
#include "fuzz_target.h"
#include "hostile_tree.h"
#include "nativecerts.h"

#ifndef NC_TEST_DATA
#error "NC_TEST_DATA: the directory tests/data (fixture certificates)"
#endif

static ht_tree tree;
static uint8_t canary_sha[32];

/* ------------------------------------------------------------------------------------ */
/* The temporary directory: BASE holds the canaries and the root, BASE/root is remade   */
/* for every input.                                                                      */

static char base[128], root[HT_PATH]; /* base: short enough for every path under it */

static void remove_base(void)
{
    if (!base[0]) return;
    ht_remove(AT_FDCWD, base);
}

/* Leftovers of runs that died (a crash, a timeout) under our own name. */
static void remove_stale(const char *tmp)
{
    DIR *d = opendir(tmp);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        char end;
        if (sscanf(e->d_name, "nc-fuzz-load.%ld%c", &pid, &end) != 1) continue;
        if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        ht_remove(dirfd(d), e->d_name);
    }
    closedir(d);
}

/* The sanitizers' hook, when linked with one: the tree goes even after a crash. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* ------------------------------------------------------------------------------------ */
/* What a profile must find and must not trust, from the model.                         */

typedef struct expect {
    unsigned found;      /* fixture certificates the result must hold, trusted or excluded */
    unsigned lenient;    /* the same, read with bytes after them in a distrust place */
    unsigned distrusted; /* fixture certificates it must not trust */
} expect;

static void expect_dir(const char *dir, int distrust, expect *e)
{
    const ht_node *d;
    if (ht_classify(&tree, dir, &d) != HT_DIR) return;
    for (size_t i = 0; i < tree.nnodes; i++) {
        if (tree.node[i].type != HT_FILE || !ht_is_child(tree.node[i].path, dir)) continue;
        const ht_content *c = &tree.content[tree.node[i].content];
        if (c->wellformed) e->found |= c->certs;
        if (distrust && c->recognisable) {
            e->lenient |= c->certs;
            e->distrusted |= c->certs;
        }
    }
}

/* Android's removed list disables system roots: when the user store or the Termux
 * bundle (or a directory above it) holds anything at all, a fixture there may be
 * trusted by the user's own choice, so the distrust check stands aside. */
static int android_user_trust_possible(const nc__profile *p)
{
    for (size_t i = 0; i < tree.nnodes; i++) {
        if (tree.node[i].type == HT_DIR) continue;
        if (ht_at_or_under(tree.node[i].path, ht_added_dir)) return 1;
        for (const char *const *b = p->bundles; *b; b++)
            if (ht_at_or_under(*b, tree.node[i].path)) return 1;
    }
    return 0;
}

static expect expect_profile(const nc__profile *p)
{
    expect e = {0, 0, 0};
    const ht_node *x;
    for (const char *const *b = p->bundles; *b; b++) { /* the first that exists */
        int k = ht_classify(&tree, *b, &x);
        if (k == HT_ABSENT) continue;
        if (k == HT_FILE && tree.content[x->content].wellformed)
            e.found |= tree.content[x->content].certs;
        break;
    }
    for (const char *const *d = p->dirs; *d; d++)
        expect_dir(*d, 0, &e);
    for (const char *const *d = p->distrust_dirs; *d; d++)
        expect_dir(*d, 1, &e);
    if (p->android) {
        /* The system roots: the APEX where it is a directory, else the system's. */
        int k = ht_classify(&tree, ht_apex_dir, &x);
        if (k == HT_DIR)
            expect_dir(ht_apex_dir, 0, &e);
        else if (k != HT_UNKNOWN)
            expect_dir(ht_system_dir, 0, &e);
        expect_dir(ht_added_dir, 0, &e);
        expect_dir(ht_removed_dir, 1, &e);
        if (android_user_trust_possible(p)) e.distrusted = e.lenient = 0;
    }
    return e;
}

/* ------------------------------------------------------------------------------------ */
/* Checks.                                                                               */

static const char *check_profile;
static int verbose; /* NC_FUZZ_LOAD_VERBOSE set: the tree and every result, on stderr */
static unsigned check_flags;

static void dump_tree(void)
{
    fprintf(stderr, "tree (profile %s, flags 0x%02x):\n", check_profile ? check_profile : "-",
            check_flags);
    ht_dump(&tree, stderr);
}

static void dump_result(const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        char name[128];
        nativecerts_cert_subject(der, len, name, sizeof name);
        fprintf(stderr, "  trusted  %s  from %s\n", name, nativecerts_result_source(r, i));
    }
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_excluded_der(r, i, &len);
        char name[128];
        nativecerts_cert_subject(der, len, name, sizeof name);
        fprintf(stderr, "  excluded %s  %s by %s\n", name,
                nativecerts_reason_name(nativecerts_result_excluded_reason(r, i)),
                nativecerts_result_excluded_source(r, i));
    }
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "  error    %s\n", nativecerts_result_error_message(r, i));
}

/* FUZZ_CHECK, after the tree, the result and the temporary directory are dealt with. */
#define CHECK(r, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            dump_tree();                                                                           \
            if (r) dump_result(r);                                                                 \
            remove_base();                                                                         \
            FUZZ_CHECK(cond, __VA_ARGS__);                                                         \
        }                                                                                          \
    } while (0)

/* The SHA-256 of certificates d2i_X509 read to their end already: most loads return the
 * same few, and OpenSSL's parse is most of the time of a run. */
#define READ_CACHE 256
static uint8_t read_cache[READ_CACHE][32];
static size_t read_cached, read_next;

static int openssl_read(const uint8_t sha[32])
{
    for (size_t i = 0; i < read_cached; i++)
        if (!memcmp(read_cache[i], sha, 32)) return 1;
    return 0;
}

static void remember_openssl_read(const uint8_t sha[32])
{
    memcpy(read_cache[read_next], sha, 32);
    read_next = (read_next + 1) % READ_CACHE;
    if (read_cached < READ_CACHE) read_cached++;
}

static void check_list(const nativecerts_result *r, int excluded)
{
    const char *list = excluded ? "excluded" : "trusted";
    size_t n = fuzz_list_count(r, excluded), bad = fuzz_list_unsorted(r, excluded);
    CHECK(r, bad == n, "%s %zu: not sorted or not unique", list, bad);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = fuzz_list_der(r, excluded, i, &len);
        uint8_t sha[32];
        nativecerts_sha256(der, len, sha);
        if (!openssl_read(sha)) {
            const unsigned char *p = der;
            X509 *x = d2i_X509(NULL, &p, (long)len);
            CHECK(r, x && p == der + len, "%s %zu: d2i_X509 reads %s of %zu bytes", list, i,
                  x ? "a part" : "nothing", len);
            X509_free(x);
            remember_openssl_read(sha);
        }
        CHECK(r, memcmp(sha, canary_sha, sizeof sha) != 0,
              "%s %zu is the canary from outside the root (source %s)", list, i,
              fuzz_list_source(r, excluded, i));
    }
}

static int holds(const nativecerts_result *r, int excluded, const ht_blob *b)
{
    for (size_t i = 0; i < fuzz_list_count(r, excluded); i++) {
        size_t len;
        const unsigned char *der = fuzz_list_der(r, excluded, i, &len);
        if (!fuzz_der_compare(der, len, b->p, b->n)) return 1;
    }
    return 0;
}

static int distrust_incomplete(const nativecerts_result *r)
{
    for (size_t k = 0; k < nativecerts_result_source_count(r); k++)
        if (nativecerts_result_source_kind(r, k) == NATIVECERTS_SOURCE_DISTRUST_DIR &&
            nativecerts_result_source_status(r, k) == NATIVECERTS_STATUS_INCOMPLETE)
            return 1;
    return 0;
}

static void check_result(const nativecerts_result *r, const nc__profile *p, expect e)
{
    check_list(r, 0);
    check_list(r, 1);
    /* Both lists are sorted: one merge finds a certificate in both. */
    size_t i = 0, j = 0, n = nativecerts_result_count(r), m = nativecerts_result_excluded_count(r);
    while (i < n && j < m) {
        size_t a, b;
        const unsigned char *x = nativecerts_result_der(r, i, &a);
        const unsigned char *y = nativecerts_result_excluded_der(r, j, &b);
        int c = fuzz_der_compare(x, a, y, b);
        CHECK(r, c != 0, "trusted %zu is also excluded %zu", i, j);
        if (c < 0)
            i++;
        else
            j++;
    }
    for (unsigned k = 0; k < HT_NCERTS; k++) {
        if (e.distrusted >> k & 1)
            CHECK(r, !holds(r, 0, &ht_cert[k]), "%s is in a distrust place, and trusted",
                  ht_cert_name[k]);
        if (e.found >> k & 1)
            CHECK(r, holds(r, 0, &ht_cert[k]) || holds(r, 1, &ht_cert[k]),
                  "%s is in a place the profile reads, and not in the result", ht_cert_name[k]);
        /* A distrust role reads a certificate with bytes after it, as d2i_X509 does:
         * unless the file was read first in a trust role, strictly, which leaves its
         * distrust place incomplete instead. */
        if (e.lenient >> k & 1 && !distrust_incomplete(r))
            CHECK(r, holds(r, 1, &ht_cert[k]),
                  "%s, with bytes after it in a distrust place, is not excluded", ht_cert_name[k]);
    }
    /* An untrusted directory could distrust any root: when it was not read completely,
     * nothing is trusted. (Android's removed list governs the system roots only.) */
    if (!p->android && distrust_incomplete(r))
        CHECK(r, n == 0, "an untrusted directory is incomplete, and %zu roots are trusted", n);
}

/* 9. The two resolvers of the root (openat2's RESOLVE_IN_ROOT, the walk by hand) find
 * the same certificates, decided the same way by the same sources. */
static void check_same(const nativecerts_result *a, const nativecerts_result *b)
{
    for (int excluded = 0; excluded < 2; excluded++) {
        const char *list = excluded ? "excluded" : "trusted";
        size_t n = fuzz_list_count(a, excluded), m = fuzz_list_count(b, excluded);
        CHECK(a, n == m, "%zu %s by one resolver, %zu by the other", n, list, m);
        for (size_t i = 0; i < n; i++) {
            size_t x, y;
            const unsigned char *p = fuzz_list_der(a, excluded, i, &x);
            const unsigned char *q = fuzz_list_der(b, excluded, i, &y);
            const char *s = fuzz_list_source(a, excluded, i), *t = fuzz_list_source(b, excluded, i);
            CHECK(a, !fuzz_der_compare(p, x, q, y), "the resolvers differ at %s %zu", list, i);
            CHECK(a, !strcmp(s, t), "%s %zu: source %s by one resolver, %s by the other", list, i,
                  s, t);
            CHECK(a,
                  !excluded || nativecerts_result_excluded_reason(a, i) ==
                                   nativecerts_result_excluded_reason(b, i),
                  "excluded %zu: another reason by the other resolver", i);
        }
    }
}

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    FUZZ_CHECK(d != NULL, "cannot list /proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* The flags byte of the input: bit 0 the resolver walked by hand (else openat2), bit 1
 * directory entries of unknown type, bit 2 the validity filter; bits 3 and 7 together a
 * descriptor limit just above those open, bits 4-6 how far above; without a limit,
 * bit 4 loads again with the other resolver, which must give the same result. */
static int limited(unsigned flags)
{
    return (flags & 0x88) == 0x88;
}

/* One load of the root under profile, as flags say. */
static int load(const char *profile, unsigned flags, nativecerts_result **out)
{
    nativecerts_options *o = NULL;
    FUZZ_CHECK(nativecerts_options_new(&o) == NATIVECERTS_OK, "options");
    FUZZ_CHECK(nativecerts_options_set_root(o, root) == NATIVECERTS_OK &&
                   nativecerts_options_set_ignore_env(o, 1) == NATIVECERTS_OK &&
                   nativecerts_options_set_profile(o, profile) == NATIVECERTS_OK &&
                   nativecerts_options_set_time(o, 1700000000) == NATIVECERTS_OK &&
                   nativecerts_options_set_skip_expired(o, flags >> 2 & 1) == NATIVECERTS_OK,
               "options for %s", profile);
    o->resolve_by_hand = flags & 1;
    o->ignore_d_type = flags >> 1 & 1;
    struct rlimit old;
    int lowered = 0;
    if (limited(flags)) {
        /* Room for 1 to 8 more descriptors: the limit bounds their numbers, and those
         * open above it (the sanitizers' own) stay open. */
        int lowest = fcntl(0, F_DUPFD_CLOEXEC, 0);
        FUZZ_CHECK(lowest >= 0 && getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit");
        close(lowest);
        struct rlimit low = {(rlim_t)lowest + 1 + (flags >> 4 & 7), old.rlim_max};
        /* Refused under valgrind, which keeps descriptors of its own: no limit then. */
        lowered = setrlimit(RLIMIT_NOFILE, &low) == 0;
    }
    int rc = nativecerts_load(o, out);
    if (lowered) FUZZ_CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0, "setrlimit");
    nativecerts_options_free(o);
    CHECK(NULL, rc == NATIVECERTS_OK || (lowered && rc == NATIVECERTS_ERESOURCE),
          "nativecerts_load returned %d", rc);
    CHECK(NULL, (rc == NATIVECERTS_OK) == (*out != NULL), "rc %d with result %p", rc, (void *)*out);
    if (verbose && rc) fprintf(stderr, "%s: out of descriptors (%d)\n", profile, rc);
    return rc;
}

/* ------------------------------------------------------------------------------------ */
/* Set-up, once per process.                                                             */

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    FUZZ_CHECK(fd >= 0, "cannot create %s", path);
    FUZZ_CHECK(write(fd, p, n) == (ssize_t)n, "cannot write %s", path);
    close(fd);
}

static size_t der_header(const uint8_t *p, size_t n, size_t *content_len)
{
    if (n < 2) return 0;
    if (p[1] < 0x80) {
        *content_len = p[1];
        return 2;
    }
    size_t k = p[1] & 0x7F, v = 0;
    if (k == 0 || k > 2 || n < 2 + k) return 0;
    for (size_t i = 0; i < k; i++)
        v = v << 8 | p[2 + i];
    *content_len = v;
    return 2 + k;
}

/* The canary: root A with a serial number of this process's own. */
static void make_canary(uint8_t *der, size_t *len)
{
    memcpy(der, ht_cert[0].p, ht_cert[0].n);
    *len = ht_cert[0].n;
    size_t n = 0, at = der_header(der, *len, &n);   /* Certificate */
    size_t h = der_header(der + at, *len - at, &n); /* TBSCertificate */
    at += h;
    if (der[at] == 0xA0) { /* version */
        h = der_header(der + at, *len - at, &n);
        at += h + n;
    }
    h = der_header(der + at, *len - at, &n);
    FUZZ_CHECK(der[at] == 0x02 && h && n >= 4, "root-a.der: no serial number where expected");
    uint8_t serial[32];
    FUZZ_CHECK(getentropy(serial, n) == 0, "getentropy");
    serial[0] = (uint8_t)(1 + serial[0] % 0x7F); /* positive, minimal */
    memcpy(der + at + h, serial, n);
}

static void init(void)
{
    static int done;
    if (done) return;
    done = 1;
    verbose = getenv("NC_FUZZ_LOAD_VERBOSE") != NULL;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !tmp[0]) tmp = "/tmp";
    int w = snprintf(base, sizeof base, "%s/nc-fuzz-load.%ld", tmp, (long)getpid());
    FUZZ_CHECK(w > 0 && (size_t)w < sizeof base, "TMPDIR too long: %s", tmp);
    snprintf(root, sizeof root, "%s/root", base);
    remove_stale(tmp);
    remove_base();
    FUZZ_CHECK(mkdir(base, 0700) == 0, "cannot create %s", base);
    atexit(remove_base);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(remove_base);
    ht_init(NC_TEST_DATA, base);

    /* The canaries, as ht_canary_names says: PEM, DER, and a directory of PEM copies
     * under names a profile would read. */
    uint8_t canary[2048], pem[4096];
    size_t len, pem_len = 0;
    make_canary(canary, &len);
    nativecerts_sha256(canary, len, canary_sha);
    ht_append_pem(pem, &pem_len, sizeof pem, canary, len);
    char path[HT_PATH];
    snprintf(path, sizeof path, "%s/%s", base, ht_canary_names[0]);
    write_file(path, pem, pem_len);
    snprintf(path, sizeof path, "%s/%s", base, ht_canary_names[1]);
    write_file(path, canary, len);
    snprintf(path, sizeof path, "%s/%s", base, ht_canary_names[2]);
    FUZZ_CHECK(mkdir(path, 0755) == 0, "cannot create %s", path);
    static const char *const in_dir[] = {"canary.pem", "5ad8a5d6.0", "ca-certificates.crt"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s/%s", base, ht_canary_names[2], in_dir[i]);
        write_file(path, pem, pem_len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    int fds = count_fds();
    ht_remove(AT_FDCWD, root);
    FUZZ_CHECK(mkdir(root, 0755) == 0, "cannot create %s", root);
    int root_fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    FUZZ_CHECK(root_fd >= 0, "cannot open %s", root);
    unsigned flags = ht_build(&tree, root_fd, data, size);
    close(root_fd);

    check_flags = flags;
    if (verbose) dump_tree();
    for (size_t i = 0; nativecerts_profile_name(i); i++) {
        const char *name = nativecerts_profile_name(i);
        const nc__profile *p = nc__profile_find(name);
        if (!p || p->keychain) continue; /* macOS: the keychain, not files */
        check_profile = name;
        nativecerts_result *r = NULL, *other = NULL;
        if (load(name, flags, &r) == NATIVECERTS_OK) {
            expect e = expect_profile(p);
            if (verbose) {
                fprintf(stderr, "%s: must hold 0x%x, must not trust 0x%x\n", name, e.found,
                        e.distrusted);
                dump_result(r);
            }
            check_result(r, p, e);
            if (!limited(flags) && flags & 0x10 && load(name, flags ^ 1, &other) == NATIVECERTS_OK)
                check_same(r, other);
        }
        nativecerts_result_free(r);
        nativecerts_result_free(other);
    }
    check_profile = NULL;
    ht_remove(AT_FDCWD, root);
    int after = count_fds();
    CHECK(NULL, after == fds, "%d descriptors open before, %d after", fds, after);
    return 0;
}
