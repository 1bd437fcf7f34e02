/* Hostile file systems (docs/files.md, SECURITY.md). Each case must finish within its
 * bound of time and of peak memory, never crash or hang, trust only what it should, and
 * every error it produces must name its path (rel_check_errors).
 *
 *   test_hostile_fs dir-100k          ctest hostile_dir_100k_entries: a directory of
 *                                     100,000 entries (files, hard links, symlinks)
 *   test_hostile_fs bundle-50k        ctest hostile_bundle_50k_certs: one bundle of
 *                                     50,000 distinct certificates
 *   test_hostile_fs bundle-50k-alike  ctest hostile_bundle_50k_alike_certs: the same
 *                                     with certificates alike in their first 100 and
 *                                     last 100 bytes (a worst case for hashing)
 *   test_hostile_fs bundle-100k-scoped ctest hostile_bundle_100k_scoped_unknown:
 *                                     100,000 distinct certificates as Android's Termux
 *                                     bundle, with cacerts-removed incomplete (it
 *                                     governs the system roots only: which roots it
 *                                     covers is found in one pass, not one per root)
 *   test_hostile_fs growing           ctest hostile_file_growing: a bundle appended to,
 *                                     truncated and rewritten while being read
 *   test_hostile_fs replaced          ctest hostile_file_replaced: a bundle renamed over
 *                                     by other files, a FIFO and a directory meanwhile
 *   test_hostile_fs symlinks          ctest hostile_symlink_chains_and_loops: chains of
 *                                     40 and 41 links, loops, self-references, paths
 *                                     that grow at each link; with and without a root,
 *                                     by the kernel and by hand
 *   test_hostile_fs names             ctest hostile_unsafe_names: names with newlines,
 *                                     escape sequences, invalid UTF-8, printf
 *                                     directives, 255 bytes
 *   test_hostile_fs fds               ctest no_descriptor_survives: /proc/self/fd counted
 *                                     around 100 rounds of loads that succeed and fail
 *   test_hostile_fs errors            ctest errors_name_path_and_line: one error of every
 *                                     kind, each with its path (and line), and nothing
 *                                     printed by the library
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand */
#include "tree_builder.h"
#include "result_checks.h"
#include "test_support.h"

/* AddressSanitizer keeps freed memory in quarantine (256 MiB by default), which would
 * count as peak memory here; a small quarantine keeps the memory bounds meaningful in
 * sanitizer builds. (A hook of the sanitizer runtime; unused elsewhere.) */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=4";
}

static char tmp[4096];

#define FIXTURES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Options loading only `path` (a file, or a directory when is_dir) inside root. */
static nativecerts_options *only(const char *root, const char *path, int is_dir, int by_hand)
{
    nativecerts_options *o = nct_layout_options(root, "linux");
    nativecerts_options_set_skip_platform(o, 1);
    if (is_dir)
        nativecerts_options_add_dir(o, path);
    else
        nativecerts_options_add_file(o, path);
    o->resolve_by_hand = by_hand;
    return o;
}

/* Checks the bounds of one case: seconds of wall time and MiB of peak growth. */
static void check_bounds(const char *what, double t0, long rss0, double max_s, long max_mib)
{
    double took = rel_now() - t0;
    long grew = (rel_peak_rss_kib() - rss0) / 1024;
    printf("%s: %.2f s (bound %.0f s), peak memory +%ld MiB (bound %ld MiB)\n", what, took, max_s,
           grew, max_mib);
    if (took > max_s) {
        fprintf(stderr, "%s: took %.2f s, over the bound of %.0f s\n", what, took, max_s);
        nct_failures++;
    }
    if (grew > max_mib) {
        fprintf(stderr, "%s: peak memory grew by %ld MiB, over %ld MiB\n", what, grew, max_mib);
        nct_failures++;
    }
}

static int trusted_is(const nativecerts_result *r, const char *const *ders)
{
    size_t n = 0;
    for (; ders[n]; n++) {
        size_t len;
        unsigned char *d = nct_fixture(ders[n], &len);
        long at = nct_find_trusted(r, d, len);
        free(d);
        if (at < 0) return 0;
    }
    return nativecerts_result_count(r) == n;
}

/* --- a directory of 100,000 entries ------------------------------------------------- */

static int dir_100k(void)
{
    nct_tmpdir(tmp, sizeof tmp);
    char dir[4200], p[4400], target[4400];
    snprintf(dir, sizeof dir, "%s/etc/ssl/certs", tmp);
    snprintf(target, sizeof target, "%s/a.pem", tmp);
    nct_put_fixture("root-a.pem", target);
    nct_mkparents(dir);
    nct_mkdir(dir);
    /* 98,000 names of 20,000 small files that hold no certificate (each file opened and
     * read once, every name looked at), 1,000 hard links to root-a (read once), 1,000
     * symbolic links to root-b. Hard links keep the setup within a few seconds. */
    char first[4400];
    for (int i = 0; i < 100000; i++) {
        snprintf(p, sizeof p, "%s/%06d.%s", dir, i, i < 98000 ? "txt" : "pem");
        if (i < 20000) {
            int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (fd < 0 || write(fd, "not a certificate\n", 18) != 18)
                return nct_skip("cannot fill");
            close(fd);
        } else if (i < 98000) {
            snprintf(first, sizeof first, "%s/%06d.txt", dir, i % 20000);
            if (link(first, p) != 0) return nct_skip("no hard links here");
        } else if (i < 99000) {
            if (link(target, p) != 0) return nct_skip("no hard links here");
        } else {
            if (symlink("/b.pem", p) != 0) return nct_skip("no symbolic links here");
        }
    }
    snprintf(p, sizeof p, "%s/b.pem", tmp);
    nct_put_fixture("root-b.pem", p);
    nativecerts_options *o = only(tmp, "/etc/ssl/certs", 1, 0);
    double t0 = rel_now();
    long rss0 = rel_peak_rss_kib();
    nativecerts_result *r = nct_load(o);
    check_bounds("100,000 entries", t0, rss0, 10, 64);
    CHECK(trusted_is(r, FIXTURES("root-a.der", "root-b.der")));
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), 20002);
    CHECK_EQ_SIZE(rel_check_errors(r, "100,000 entries"), 0);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    return nct_done();
}

/* --- a bundle of 50,000 or 100,000 certificates ------------------------------------- */

/* A load still running after this many seconds has failed its bound: end it there, so
 * that a quadratic case costs CI seconds, not minutes. */
#define WATCHDOG_SECONDS 15

static char watched_file[4400]; /* removed by the watchdog (async-signal-safe calls) */

static void watchdog(int sig)
{
    (void)sig;
    unlink(watched_file);
    rmdir(tmp);
    static const char msg[] = "the load is still running after the watchdog's time: over "
                              "its bound\n";
    if (write(2, msg, sizeof msg - 1) < 0) _exit(1);
    _exit(1);
}

/* root-a.der varied at `at` (4 bytes: the certificate's number), which lies in the
 * serial number (distinct) or in the middle of the public key (alike elsewhere).
 * scoped: the bundle is Android's Termux bundle, beside a system root and an incomplete
 * cacerts-removed that could have disabled it. */
static int bundle_certs(int alike, int scoped)
{
    nct_tmpdir(tmp, sizeof tmp);
    size_t len;
    unsigned char *der = nct_fixture("root-a.der", &len);
    /* Offsets in root-a.der: the 8-byte serial starts at 15; the EC point of the key
     * (65 bytes) at about 170, well away from both ends of the 386 bytes. */
    size_t at = alike ? len / 2 : 17;
    char path[4400];
    snprintf(path, sizeof path, "%s%s", tmp,
             scoped ? "/data/data/com.termux/files/usr/etc/tls/cert.pem" : "/bundle.pem");
    nct_mkparents(path);
    FILE *f = fopen(path, "w");
    if (!f) return nct_skip("cannot write the bundle");
    unsigned n = scoped ? 100000 : 50000;
    for (unsigned i = 0; i < n; i++) {
        der[at] = (unsigned char)(i >> 24);
        der[at + 1] = (unsigned char)(i >> 16);
        der[at + 2] = (unsigned char)(i >> 8);
        der[at + 3] = (unsigned char)i;
        nct_put_pem(f, der, len, "CERTIFICATE", 64, "\n");
    }
    fclose(f);
    free(der);
    nativecerts_options *o = only(tmp, "/bundle.pem", 0, 0);
    if (scoped) {
        nativecerts_options_free(o);
        o = nct_layout_options(tmp, "android");
        rel_put(tmp, "/system/etc/security/cacerts/0b0b0b0b.0", FIXTURES("root-b.pem"));
        rel_link(tmp, "0c.0", "/data/misc/user/0/cacerts-removed/0c.0");
    }
    double t0 = rel_now();
    long rss0 = rel_peak_rss_kib();
    snprintf(watched_file, sizeof watched_file, "%s", path);
    signal(SIGALRM, watchdog);
    alarm(WATCHDOG_SECONDS);
    nativecerts_result *r = nct_load(o);
    alarm(0);
    const char *what = scoped  ? "100,000 certificates, scoped distrust-unknown"
                       : alike ? "50,000 alike certificates"
                               : "50,000 certificates";
    check_bounds(what, t0, rss0, 10, 160);
    CHECK_EQ_SIZE(nativecerts_result_count(r), n);
    CHECK_EQ_SIZE(rel_check_errors(r, what), scoped);
    if (scoped) CHECK(nct_excluded_reason(r, "root-b.der") == NATIVECERTS_REASON_DISTRUST_UNKNOWN);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    return nct_done();
}

/* --- files that change while being read ---------------------------------------------- */

static atomic_int stop;
static char bundle_path[4400];
static const char *const written[] = {"root-a.pem", "root-b.pem", "root-c.pem", "expired.pem"};

static void *grow_and_truncate(void *arg)
{
    (void)arg;
    unsigned char *pem[4];
    size_t len[4];
    for (int i = 0; i < 4; i++)
        pem[i] = nct_fixture(written[i], &len[i]);
    int fd = open(bundle_path, O_WRONLY | O_APPEND | O_CLOEXEC);
    for (unsigned i = 0; fd >= 0 && !atomic_load(&stop); i++) {
        if (i % 400 == 399 && ftruncate(fd, 0) != 0) break; /* and start again */
        /* Half blocks too, so that a reader sees blocks cut anywhere. */
        size_t n = i % 3 == 2 ? len[i % 4] / 2 : len[i % 4];
        if (write(fd, pem[i % 4], n) < 0) break;
    }
    if (fd >= 0) close(fd);
    for (int i = 0; i < 4; i++)
        free(pem[i]);
    return NULL;
}

static void *replace(void *arg)
{
    (void)arg;
    char next[4500];
    snprintf(next, sizeof next, "%s.next", bundle_path);
    for (unsigned i = 0; !atomic_load(&stop); i++) {
        unlink(next);
        rmdir(next);
        switch (i % 4) {
        case 0:
        case 1:
            nct_put_fixture(written[i % 2], next);
            break;
        case 2:
            if (mkfifo(next, 0644) != 0) continue;
            break;
        case 3:
            if (mkdir(next, 0755) != 0) continue;
            break;
        }
        if (i % 4 == 3) {
            /* A directory cannot be renamed over a file: move the file away first. */
            unlink(bundle_path);
        }
        rename(next, bundle_path);
        if (i % 4 == 3) rmdir(bundle_path);
    }
    return NULL;
}

/* Loads over and over while `fn` changes the bundle: only certificates that were ever
 * written come back, every error is well-formed, every load ends in time. */
static int changing(void *(*fn)(void *), const char *what, uint64_t limit)
{
    nct_tmpdir(tmp, sizeof tmp);
    snprintf(bundle_path, sizeof bundle_path, "%s/bundle.pem", tmp);
    nct_put_fixture("root-a.pem", bundle_path);
    nativecerts_options *o = only(tmp, "/bundle.pem", 0, 0);
    if (limit) nativecerts_options_set_max_file_size(o, limit);
    unsigned char *ders[4];
    size_t lens[4];
    for (int i = 0; i < 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "%.*s.der", (int)(strlen(written[i]) - 4), written[i]);
        ders[i] = nct_fixture(name, &lens[i]);
    }
    atomic_store(&stop, 0);
    pthread_t t;
    if (pthread_create(&t, NULL, fn, NULL) != 0) return 99;
    double t0 = rel_now(), slowest = 0;
    long rss0 = rel_peak_rss_kib();
    int loads = 0, with_errors = 0, certs = 0;
    while (rel_now() - t0 < 2.0) {
        double l0 = rel_now();
        nativecerts_result *r = nct_load(o);
        if (rel_now() - l0 > slowest) slowest = rel_now() - l0;
        loads++;
        with_errors += nativecerts_result_error_count(r) > 0;
        rel_check_errors(r, what);
        for (size_t i = 0; i < nativecerts_result_count(r); i++, certs++) {
            size_t len;
            const unsigned char *d = nativecerts_result_der(r, i, &len);
            int known = 0;
            for (int k = 0; k < 4; k++)
                known |= len == lens[k] && memcmp(d, ders[k], len) == 0;
            if (!known) {
                fprintf(stderr, "%s: a certificate never written\n", what);
                nct_failures++;
            }
        }
        nativecerts_result_free(r);
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    printf("%s: %d loads (%d with errors, %d certificates), slowest %.3f s\n", what, loads,
           with_errors, certs, slowest);
    check_bounds(what, t0, rss0, 10, 64);
    if (slowest > 1.0) {
        fprintf(stderr, "%s: one load took %.2f s\n", what, slowest);
        nct_failures++;
    }
    CHECK(loads > 10);
    for (int i = 0; i < 4; i++)
        free(ders[i]);
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    return nct_done();
}

/* --- symbolic links ------------------------------------------------------------------ */

typedef struct link_case {
    const char *name;
    const char *path; /* what is loaded (a file) */
    int expect_certs; /* 1: root-a comes back; 0: an error of kind io */
    int expect_errno; /* for 0: ELOOP, ENOENT, ENAMETOOLONG (0: any) */
} link_case;

static void make_links(const char *root)
{
    char p[4400], t[64];
    nct_put_fixture("root-a.pem", (snprintf(p, sizeof p, "%s/a.pem", root), p));
    /* chain40/0 -> a.pem, chain40/k -> k-1: 40 links in a row (Linux's limit). */
    for (int k = 0; k < 41; k++) {
        snprintf(p, sizeof p, "%s/chain/%d", root, k);
        if (k == 0)
            snprintf(t, sizeof t, "../a.pem");
        else
            snprintf(t, sizeof t, "%d", k - 1);
        nct_symlink(t, p);
    }
    nct_symlink("loop-b", (snprintf(p, sizeof p, "%s/loop-a", root), p));
    nct_symlink("loop-a", (snprintf(p, sizeof p, "%s/loop-b", root), p));
    nct_symlink("self", (snprintf(p, sizeof p, "%s/self", root), p));
    nct_symlink("grow/x", (snprintf(p, sizeof p, "%s/grow", root), p));
    nct_symlink("./dot/../dot", (snprintf(p, sizeof p, "%s/dot", root), p));
    /* Doubling: d0 -> a.pem's directory, dk -> d(k-1)/../d(k-1)... */
    nct_symlink(".", (snprintf(p, sizeof p, "%s/d0", root), p));
    for (int k = 1; k < 24; k++) {
        snprintf(p, sizeof p, "%s/d%d", root, k);
        char target[64];
        snprintf(target, sizeof target, "d%d/d%d", k - 1, k - 1);
        nct_symlink(target, p);
    }
}

static int symlinks(void)
{
    static const link_case cases[] = {
        {"40 links in a row", "/chain/39", 1, 0},
        {"41 links in a row", "/chain/40", 0, ELOOP},
        {"a loop of two", "/loop-a", 0, ELOOP},
        {"a link to itself", "/self", 0, ELOOP},
        {"a link to a path under itself", "/grow", 0, 0},
        {"a link to itself through ..", "/dot/a.pem", 0, 0},
        {"a path that doubles at each link", "/d23/a.pem", 0, 0},
        {"a few doublings, within the limits", "/d3/a.pem", 1, 0},
    };
    nct_tmpdir(tmp, sizeof tmp);
    make_links(tmp);
    double t0 = rel_now();
    long rss0 = rel_peak_rss_kib();
    for (int mode = 0; mode < 3; mode++) { /* no root; root by the kernel; root by hand */
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            const link_case *lc = &cases[i];
            char host[4400];
            snprintf(host, sizeof host, "%s%s", tmp, lc->path);
            nativecerts_options *o;
            if (mode == 0) {
                CHECK(nativecerts_options_new(&o) == 0);
                nativecerts_options_set_skip_platform(o, 1);
                nativecerts_options_add_file(o, host);
            } else {
                o = only(tmp, lc->path, 0, mode == 2);
            }
            double l0 = rel_now();
            nativecerts_result *r = nct_load(o);
            char what[256];
            snprintf(what, sizeof what, "%s (%s)", lc->name,
                     mode == 0   ? "no root"
                     : mode == 1 ? "root, kernel"
                                 : "root, by hand");
            rel_check_errors(r, what);
            if (rel_now() - l0 > 1.0) {
                fprintf(stderr, "%s: took %.2f s\n", what, rel_now() - l0);
                nct_failures++;
            }
            size_t n = nativecerts_result_count(r), errs = nativecerts_result_error_count(r);
            int ok = lc->expect_certs
                         ? n == 1 && errs == 0
                         : n == 0 && errs == 1 &&
                               nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_IO &&
                               (!lc->expect_errno ||
                                nativecerts_result_error_errno(r, 0) == lc->expect_errno);
            if (!ok) {
                fprintf(stderr, "%s: unexpected result\n", what);
                nct_dump(r);
                nct_failures++;
            }
            nativecerts_result_free(r);
            nativecerts_options_free(o);
        }
    }
    check_bounds("symbolic links", t0, rss0, 10, 32);
    nct_rmtree(tmp);
    return nct_done();
}

/* --- names that are not text --------------------------------------------------------- */

static int names(void)
{
    static const char *const bad[] = {
        "new\nline.pem",    "esc\x1b[31mred\x1b[0m.pem", "invalid-\xff\xfe-utf8.pem",
        "carriage\rreturn", "tab\tand\x7f.pem",          "printf-%s%n%x.pem",
        "bell\a.pem"};
    nct_tmpdir(tmp, sizeof tmp);
    char dir[4200], p[4600], longname[256];
    snprintf(dir, sizeof dir, "%s/etc/ssl/certs", tmp);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, bad[i]);
        nct_write_str(p, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    }
    memset(longname, 'n', 255);
    longname[255] = '\0';
    snprintf(p, sizeof p, "%s/%s", dir, longname);
    nct_write_str(p, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    size_t expected = sizeof bad / sizeof *bad + 1;
    for (int by_hand = 0; by_hand <= 1; by_hand++) {
        nativecerts_options *o = only(tmp, "/etc/ssl/certs", 1, by_hand);
        nativecerts_result *r = nct_load(o);
        CHECK_EQ_SIZE(rel_check_errors(r, "unsafe names"), expected);
        /* The path itself is given back exactly, byte for byte, to act on. */
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            snprintf(p, sizeof p, "/etc/ssl/certs/%s", bad[i]);
            int found = 0;
            for (size_t k = 0; k < nativecerts_result_error_count(r); k++)
                found |= strcmp(nativecerts_result_error_path(r, k), p) == 0;
            if (!found) {
                fprintf(stderr, "no error with the exact path of entry %zu\n", i);
                nct_failures++;
            }
        }
        nativecerts_result_free(r);
        nativecerts_options_free(o);
    }
    nct_rmtree(tmp);
    return nct_done();
}

/* --- descriptors --------------------------------------------------------------------- */

static int fds(void)
{
    int before = rel_fd_count();
    if (before < 0) return nct_skip("no /proc/self/fd");
    nct_tmpdir(tmp, sizeof tmp);
    rel_make_mixed_layout(tmp);
    make_links(tmp);
    char p[4400];
    snprintf(p, sizeof p, "%s/fifo", tmp);
    if (mkfifo(p, 0644) != 0) return nct_skip("no FIFOs here");
    static const char *const files[] = {
        "/fifo",      "/chain/40", "/loop-a",  "/missing", "/etc/ssl",
        "/d23/a.pem", "/self",     "/a.pem/x", "/a.pem",   "/etc/ssl/certs/broken.pem"};
    int loads = 0;
    for (int round = 0; round < 100; round++) {
        for (int by_hand = 0; by_hand <= 1; by_hand++) {
            nativecerts_options *o = nct_layout_options(tmp, "freebsd");
            o->resolve_by_hand = by_hand;
            for (size_t i = 0; i < sizeof files / sizeof *files; i++)
                nativecerts_options_add_file(o, files[i]);
            nativecerts_options_add_dir(o, "/fifo");
            nativecerts_options_add_dir(o, "/loop-a");
            nativecerts_options_add_dir(o, "/a.pem");
            nativecerts_result_free(nct_load(o));
            nativecerts_options_free(o);
            loads++;
        }
        /* A root that is not there, and one that is a file. */
        nativecerts_options *o = nct_layout_options("/nonexistent-root", "linux");
        nativecerts_result_free(nct_load(o));
        nativecerts_options_free(o);
        o = nct_layout_options("/etc/hostname", "linux");
        nativecerts_result_free(nct_load(o));
        nativecerts_options_free(o);
        nativecerts_result_free(nct_load(NULL)); /* this machine's store */
        loads += 3;
        if (round % 10 == 0) {
            nativecerts_store *s;
            nativecerts_result *r;
            CHECK(nativecerts_store_new(NULL, &s) == 0);
            CHECK(nativecerts_store_get(s, &r) == 0);
            nativecerts_result_free(r);
            nativecerts_store_free(s);
            loads++;
        }
    }
    int after = rel_fd_count();
    printf("descriptors: %d open before %d loads, %d after\n", before, loads, after);
    CHECK(after == before);
    nct_rmtree(tmp);
    return nct_done();
}

/* --- errors that help ---------------------------------------------------------------- */

static int errors(void)
{
    nct_tmpdir(tmp, sizeof tmp);
    make_links(tmp);
    char p[4400];
    snprintf(p, sizeof p, "%s/fifo", tmp);
    if (mkfifo(p, 0644) != 0) return nct_skip("no FIFOs here");
    rel_text(tmp, "/pem/errors.pem",
             "text\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
             "-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CERTIFICATE-----\n"
             "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"
             "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n-----END CERTIFICATE-----\n"
             "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
             "-----BEGIN CERTIFICATE\n"
             "-----BEGIN CERTIFICATE-----\nAAAA\n");
    rel_put(tmp, "/pem/aux.pem", FIXTURES("root-a.trust-server.pem"));
    /* Damage the trust data: the last base64 quantum before END. */
    snprintf(p, sizeof p, "%s/pem/aux.pem", tmp);
    size_t len;
    unsigned char *aux = nct_read_file(p, &len);
    char *end = strstr((char *)aux, "\n-----END");
    if (!end || end - (char *)aux < 8) return 99;
    memcpy(end - 4, "AAAA", 4);
    nct_write(p, aux, len);
    free(aux);
    rel_text(tmp, "/der/bad.der", "\x30\x82\x01\x00\x02\x01");
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rel_text(tmp, "/big.pem", big); /* over the limit set below */
    snprintf(p, sizeof p, "%s/long", tmp);
    char longpath[5000];
    int at = snprintf(longpath, sizeof longpath, "/");
    while (at < 3000) /* under PATH_MAX: a path the system can name */
        at += snprintf(longpath + at, sizeof longpath - (size_t)at, "%s", "component/");

    /* stderr and stdout go to a file while the library works: it must print nothing. */
    char out[4400];
    snprintf(out, sizeof out, "%s/output", tmp);
    fflush(stdout);
    fflush(stderr);
    int saved1 = dup(1), saved2 = dup(2);
    int sink = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (saved1 < 0 || saved2 < 0 || sink < 0) return 99;
    dup2(sink, 1);
    dup2(sink, 2);

    nativecerts_result *results[3];
    for (int by_hand = 0; by_hand <= 1; by_hand++) {
        nativecerts_options *o = only(tmp, "/pem/errors.pem", 0, by_hand);
        static const char *const files[] = {"/pem/aux.pem", "/der/bad.der", "/fifo",    "/chain/40",
                                            "/missing",     "/pem",         "/big.pem", "/a.pem/x"};
        for (size_t i = 0; i < sizeof files / sizeof *files; i++)
            nativecerts_options_add_file(o, files[i]);
        nativecerts_options_add_file(o, longpath);
        nativecerts_options_add_dir(o, "/a.pem");
        nativecerts_options_set_max_file_size(o, 2000);
        results[by_hand] = nct_load(o);
        nativecerts_options_free(o);
    }
    nativecerts_options *o = nct_layout_options("/nonexistent-root", "linux");
    results[2] = nct_load(o);
    nativecerts_options_free(o);

    fflush(stdout);
    fflush(stderr);
    dup2(saved1, 1);
    dup2(saved2, 2);
    close(saved1);
    close(saved2);
    close(sink);
    struct stat st;
    CHECK(stat(out, &st) == 0 && st.st_size == 0);

    for (int i = 0; i < 3; i++) {
        size_t n = rel_check_errors(results[i], i == 2 ? "bad root" : "every error");
        int kinds[6] = {0};
        for (size_t k = 0; k < n; k++) {
            nativecerts_error_kind kind = nativecerts_result_error_kind(results[i], k);
            if (kind >= 1 && kind <= 5) kinds[kind]++;
            printf("  %s\n", nativecerts_result_error_message(results[i], k));
        }
        if (i < 2) {
            CHECK(kinds[NATIVECERTS_ERROR_IO] >= 7);
            CHECK(kinds[NATIVECERTS_ERROR_PARSE] >= 8);
            CHECK(kinds[NATIVECERTS_ERROR_LIMIT] == 1); /* the size alone: not the FIFO */
        } else {
            CHECK(n == 1);
        }
        nativecerts_result_free(results[i]);
    }
    nct_rmtree(tmp);
    return nct_done();
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "dir-100k")) return dir_100k();
    if (!strcmp(c, "bundle-50k")) return bundle_certs(0, 0);
    if (!strcmp(c, "bundle-50k-alike")) return bundle_certs(1, 0);
    if (!strcmp(c, "bundle-100k-scoped")) return bundle_certs(0, 1);
    if (!strcmp(c, "growing")) return changing(grow_and_truncate, "growing file", 0);
    if (!strcmp(c, "growing-limit"))
        return changing(grow_and_truncate, "growing file, 64 KiB limit", 65536);
    if (!strcmp(c, "replaced")) return changing(replace, "replaced file", 0);
    if (!strcmp(c, "symlinks")) return symlinks();
    if (!strcmp(c, "names")) return names();
    if (!strcmp(c, "fds")) return fds();
    if (!strcmp(c, "errors")) return errors();
    fprintf(stderr, "usage: %s CASE (see the top of %s)\n", argv[0], __FILE__);
    return 2;
}
