/* docs/files.md: a file is opened without following it into something that can block or
 * never end. A path named by SSL_CERT_FILE, an option or a profile that is a FIFO, a
 * device or a directory is one error of kind "io" for that path, at once; a file over
 * the size limit is one error of kind "limit" (only the size is a limit); and the rest
 * of the load still happens. Descriptors are never leaked.
 *
 * Every case runs under alarm(5) (30 for the 800 loads of the descriptor case, 60 for
 * the 2.3 GB read, 110 under an emulator): a hang kills the test (a failure), it never
 * blocks.
 *
 *   test_safe_open fifo                 ctest safe_open_fifo
 *   test_safe_open dev-zero             ctest safe_open_dev_zero
 *   test_safe_open directory            ctest safe_open_directory
 *   test_safe_open sparse-over-limit    ctest safe_open_sparse_over_limit
 *   test_safe_open over-2gib            ctest safe_open_reads_past_2gib (heavy: reads
 *                                       2.3 GB of a sparse file, a few seconds)
 *   test_safe_open no-fd-leak           ctest safe_open_no_fd_leak
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/options.h" /* env_in_root */
#include "test_support.h"

#define MiB (1024u * 1024u)
#define TLS_BUNDLE "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"

static char tmp[4096];  /* the layout; also used as a root directory */
static char good[4200]; /* a directory holding root-b.pem */
static unsigned char *der_b;
static size_t der_b_len, pem_b_len;

static void setup(void)
{
    char p[4300];
    nct_tmpdir(tmp, sizeof tmp);
    snprintf(good, sizeof good, "%s/good", tmp);
    snprintf(p, sizeof p, "%s/b.pem", good);
    nct_put_fixture("root-b.pem", p);
    free(nct_fixture("root-b.pem", &pem_b_len));
    der_b = nct_fixture("root-b.der", &der_b_len);
}

/* The process's peak resident size, in KiB. */
static long peak_rss_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* "Not an allocation of that size": a file refused by its type or size is not read into
 * memory first. Reading /dev/zero or the sparse file up to the 64 MiB limit would raise
 * the peak resident size by about 64 MiB; allow a quarter of that for noise. */
static void check_not_read_into_memory(const char *what, long rss_before)
{
    long grown = peak_rss_kib() - rss_before;
    if (grown >= 16 * 1024) {
        fprintf(stderr, "%s: peak RSS grew by %ld KiB: the file was read into memory\n", what,
                grown);
        nct_failures++;
    }
}

/* The variables' values; NULL unsets. */
static void set_env(const char *file, const char *dir)
{
    if (file)
        setenv("SSL_CERT_FILE", file, 1);
    else
        unsetenv("SSL_CERT_FILE");
    if (dir)
        setenv("SSL_CERT_DIR", dir, 1);
    else
        unsetenv("SSL_CERT_DIR");
}

#define IO NATIVECERTS_ERROR_IO
#define LIMIT NATIVECERTS_ERROR_LIMIT

/* r holds exactly root-b, read from the good directory (and nothing else was read), and
 * exactly one error: of kind, for path, naming it first in its message; err >= 0 is the
 * errno it must carry. */
static void check_one_error(const nativecerts_result *r, const char *what, const char *path,
                            nativecerts_error_kind kind, long err)
{
    int before = nct_failures;
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nct_find_trusted(r, der_b, der_b_len) >= 0);
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), 1);
    CHECK(nativecerts_result_bytes_read(r) == pem_b_len);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    if (nativecerts_result_error_count(r) >= 1) {
        CHECK_STR(nativecerts_error_kind_name(nativecerts_result_error_kind(r, 0)),
                  nativecerts_error_kind_name(kind));
        CHECK_STR(nativecerts_result_error_path(r, 0), path);
        if (err >= 0) CHECK(nativecerts_result_error_errno(r, 0) == err);
        const char *msg = nativecerts_result_error_message(r, 0);
        CHECK(msg && strncmp(msg, path, strlen(path)) == 0);
        size_t s = nativecerts_result_error_source(r, 0);
        CHECK(s < nativecerts_result_source_count(r));
        if (s < nativecerts_result_source_count(r)) {
            CHECK_STR(nativecerts_result_source_name(r, s), path);
            CHECK(nativecerts_result_source_status(r, s) == NATIVECERTS_STATUS_FAILED);
        }
    }
    if (nct_failures != before) {
        fprintf(stderr, "^^ %s: %s\n", what, path);
        nct_dump(r);
    }
}

/* The special file named three ways: SSL_CERT_FILE (with SSL_CERT_DIR of a good dir),
 * an option (with a good dir option), and, when rooted_name is given, the same file
 * reached inside the root as SSL_CERT_FILE. */
static void check_named(const char *what, const char *host_name, const char *rooted_name,
                        nativecerts_error_kind kind, long err)
{
    set_env(host_name, good);
    nativecerts_result *r = nct_load(NULL);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT);
    check_one_error(r, what, host_name, kind, err);
    nativecerts_result_free(r);

    set_env(NULL, NULL);
    nativecerts_options *o;
    if (nativecerts_options_new(&o) || nativecerts_options_set_skip_platform(o, 1) ||
        nativecerts_options_add_file(o, host_name) || nativecerts_options_add_dir(o, good))
        exit(99);
    r = nct_load(o);
    nativecerts_options_free(o);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_EXPLICIT);
    check_one_error(r, what, host_name, kind, err);
    nativecerts_result_free(r);

    if (!rooted_name) return;
    set_env(rooted_name, "/good");
    o = nct_layout_options(tmp, "linux");
    nativecerts_options_set_ignore_env(o, 0);
    o->env_in_root = 1; /* the variables name files of the generated root */
    r = nct_load(o);
    nativecerts_options_free(o);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT);
    check_one_error(r, what, rooted_name, kind, err);
    nativecerts_result_free(r);
}

/* A platform bundle that is the special file (profile "linux" under the root, its
 * second candidate, outside the profile's directories): an error, no later candidate
 * stands in, and the profile's directory /etc/ssl/certs (root-b) still loads. */
static void check_as_bundle(const char *what, void (*make)(const char *path),
                            nativecerts_error_kind kind)
{
    char root[4300], p[4400];
    snprintf(root, sizeof root, "%s/bundle-root", tmp);
    snprintf(p, sizeof p, "%s/etc/ssl/certs/b.pem", root);
    nct_put_fixture("root-b.pem", p);
    snprintf(p, sizeof p, "%s" TLS_BUNDLE, root);
    make(p);
    snprintf(p, sizeof p, "%s/etc/ssl/cert.pem", root); /* a later candidate, not used */
    nct_put_fixture("root-a.pem", p);
    nativecerts_options *o = nct_layout_options(root, "linux");
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
    check_one_error(r, what, TLS_BUNDLE, kind, -1);
    long s = nct_find_source(r, "/etc/ssl/cert.pem");
    CHECK(s >= 0 && nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_SHADOWED);
    nativecerts_result_free(r);
    nct_rmtree(root);
}

static void make_fifo(const char *path)
{
    nct_mkparents(path);
    if (mkfifo(path, 0644) != 0) {
        perror("mkfifo");
        exit(99);
    }
}

/* A FIFO with no writer: opening it for reading blocks forever; reading it with
 * O_NONBLOCK gives nothing. Neither must happen. */
static void test_fifo(void)
{
    char fifo[4300], link[4300];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmp);
    make_fifo(fifo);
    check_named("FIFO", fifo, "/fifo", IO, -1);
    /* Through a symbolic link: the link is followed, the FIFO is still refused. */
    snprintf(link, sizeof link, "%s/fifo-link", tmp);
    nct_symlink("fifo", link);
    check_named("link to a FIFO", link, "/fifo-link", IO, -1);
    check_as_bundle("FIFO as the bundle", make_fifo, IO);
}

/* /dev/zero never ends: refused by its type, not read up to the limit. */
static void test_dev_zero(void)
{
    struct stat st;
    if (stat("/dev/zero", &st) != 0 || !S_ISCHR(st.st_mode)) {
        nct_rmtree(tmp);
        exit(nct_skip("/dev/zero is not a character device here"));
    }
    long rss = peak_rss_kib();
    char link[4300];
    snprintf(link, sizeof link, "%s/zero-link", tmp);
    nct_symlink("/dev/zero", link);
    check_named("/dev/zero", "/dev/zero", NULL, IO, -1);
    check_named("link to /dev/zero", link, NULL, IO, -1);
    /* Inside a root, a device node of the layout (when this file system allows them). */
    char dev[4300];
    snprintf(dev, sizeof dev, "%s/dev/zero", tmp);
    nct_mkparents(dev);
    if (mknod(dev, S_IFCHR | 0666, makedev(1, 5)) == 0)
        check_named("device node in the root", dev, "/dev/zero", IO, -1);
    else
        fprintf(stderr, "note: mknod %s: %s; rooted device case not run\n", dev, strerror(errno));
    check_not_read_into_memory("/dev/zero", rss);
}

/* A directory named as a file: kind io, errno EISDIR. */
static void test_directory(void)
{
    char d[4300];
    snprintf(d, sizeof d, "%s/adir", tmp);
    nct_mkdir(d);
    snprintf(d, sizeof d, "%s/adir/c.pem", tmp); /* not loaded: the directory is refused */
    nct_put_fixture("root-c.pem", d);
    snprintf(d, sizeof d, "%s/adir", tmp);
    check_named("directory", d, "/adir", IO, EISDIR);
}

static void make_sparse(const char *path, off_t size)
{
    nct_mkparents(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ftruncate(fd, size) != 0) {
        perror("sparse file");
        exit(99);
    }
    close(fd);
}

static void make_sparse_65(const char *path)
{
    make_sparse(path, (off_t)65 * MiB);
}

/* 65 MiB (sparse, so the test costs no disk) is over the default 64 MiB limit: an
 * error, and nothing of that size is read or allocated. The limit is inclusive: a file
 * of exactly the limit is read, one byte more is refused. */
static void test_sparse_over_limit(void)
{
    long rss = peak_rss_kib();
    char big[4300];
    snprintf(big, sizeof big, "%s/big.pem", tmp);
    make_sparse_65(big);
    check_named("65 MiB sparse file", big, "/big.pem", LIMIT, -1);
    check_as_bundle("65 MiB bundle", make_sparse_65, LIMIT);
    check_not_read_into_memory("65 MiB sparse file", rss);

    /* The boundary, with a small limit: root-b.pem is exactly pem_b_len bytes. */
    char p[4300];
    snprintf(p, sizeof p, "%s/edge/b.pem", tmp);
    nct_put_fixture("root-b.pem", p);
    for (int over = 0; over <= 1; over++) {
        set_env(NULL, NULL);
        nativecerts_options *o;
        if (nativecerts_options_new(&o) || nativecerts_options_set_skip_platform(o, 1) ||
            nativecerts_options_add_file(o, p) ||
            nativecerts_options_set_max_file_size(o, pem_b_len - (size_t)over))
            exit(99);
        nativecerts_result *r = nct_load(o);
        nativecerts_options_free(o);
        int before = nct_failures;
        if (!over) {
            CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
            CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        } else {
            CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
            CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
            CHECK(nativecerts_result_error_count(r) == 1 &&
                  nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_LIMIT);
            CHECK(nativecerts_result_bytes_read(r) == 0);
        }
        if (nct_failures != before) {
            fprintf(stderr, "^^ limit %zu for a file of %zu bytes\n", pem_b_len - (size_t)over,
                    pem_b_len);
            nct_dump(r);
        }
        nativecerts_result_free(r);
    }
}

/* A file is read to its end, however many reads that takes: Linux returns at most
 * about 2 GiB per read(2), so a file over 2 GiB with a raised limit needs several. A
 * sparse file of 2.3 GB whose one certificate is at its very end, named by an option:
 * the certificate is found, every byte read, no error. */
static void test_over_2gib(void)
{
    const off_t at = (off_t)2300 * 1000 * 1000;
    if (sizeof(size_t) < 8) exit(nct_skip("a 32-bit size_t cannot hold the file"));
    long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0 && (double)pages * (double)page < 4e9)
        exit(nct_skip("less than 4 GB of memory free for a 2.3 GB read"));
    char big[4300];
    snprintf(big, sizeof big, "%s/huge.pem", tmp);
    size_t len;
    unsigned char *pem = nct_fixture("root-b.pem", &len);
    make_sparse(big, at);
    int fd = open(big, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || pwrite(fd, "\n", 1, at - 1) != 1 || pwrite(fd, pem, len, at) != (ssize_t)len)
        exit(nct_skip("cannot write a 2.3 GB sparse file here"));
    close(fd);
    free(pem);
    unsigned long long size = (unsigned long long)at + len;
    set_env(NULL, NULL);
    nativecerts_options *o;
    if (nativecerts_options_new(&o) || nativecerts_options_set_skip_platform(o, 1) ||
        nativecerts_options_add_file(o, big) ||
        nativecerts_options_set_max_file_size(o, (uint64_t)3 * 1000 * 1000 * 1000))
        exit(99);
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nct_find_trusted(r, der_b, der_b_len) >= 0);
    CHECK(nativecerts_result_bytes_read(r) == size);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    if (nct_failures) {
        fprintf(stderr, "^^ a file of %llu bytes\n", size);
        nct_dump(r);
    }
    nativecerts_result_free(r);
}

static long count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

/* Loads that succeed and loads that fail in every way this file knows, 50 times each:
 * the process has the same descriptors afterwards. */
static void test_no_fd_leak(void)
{
    if (count_fds() < 0) exit(nct_skip("/proc/self/fd is not available"));
    char fifo[4300], adir[4300], big[4300], loopdir[4300], p[4400], twice[8700];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmp);
    make_fifo(fifo);
    snprintf(adir, sizeof adir, "%s/adir", tmp);
    nct_mkdir(adir);
    snprintf(big, sizeof big, "%s/big.pem", tmp);
    make_sparse_65(big);
    snprintf(loopdir, sizeof loopdir, "%s/loopdir", tmp);
    snprintf(p, sizeof p, "%s/loop", loopdir);
    nct_symlink("loop", p);
    snprintf(p, sizeof p, "%s/a.pem", loopdir);
    nct_put_fixture("root-a.pem", p);
    snprintf(p, sizeof p, "%s/nope", tmp);
    snprintf(twice, sizeof twice, "%s:%s", good, good); /* the second is "same as other" */

    struct {
        const char *file, *dir; /* the variables, or NULL */
        int rooted;             /* root = tmp, paths inside it */
    } loads[] = {
        {NULL, good, 0},
        {fifo, good, 0},
        {"/dev/zero", NULL, 0},
        {adir, NULL, 0},
        {big, good, 0},
        {p, p, 0},
        {fifo, fifo, 0},
        {NULL, loopdir, 0},
        {"", "", 0},
        {NULL, twice, 0},
        {"/good/b.pem", "/good:/good", 1},
        {"/fifo", "/good", 1},
        {"/adir", "/loopdir", 1},
        {NULL, NULL, 1},
        {"/big.pem", "/nope", 1},
    };
    long before = count_fds();
    for (int i = 0; i < 50; i++) {
        for (size_t k = 0; k < sizeof loads / sizeof loads[0]; k++) {
            set_env(loads[k].file, loads[k].dir);
            nativecerts_options *o = NULL;
            if (loads[k].rooted) {
                o = nct_layout_options(tmp, "linux");
                nativecerts_options_set_ignore_env(o, 0);
                o->env_in_root = 1; /* the variables name files of the generated root */
            }
            nativecerts_result *r = nct_load(o);
            nativecerts_options_free(o);
            nativecerts_result_free(r);
        }
        /* A root that does not exist, and one that is a file. */
        nativecerts_options *o = nct_layout_options(tmp, "linux");
        nativecerts_options_set_root(o, p);
        nativecerts_result_free(nct_load(o));
        nativecerts_options_set_root(o, big);
        nativecerts_result_free(nct_load(o));
        nativecerts_options_free(o);
    }
    long after = count_fds();
    if (after != before) fprintf(stderr, "%ld descriptors before, %ld after\n", before, after);
    CHECK(after == before);
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "";
    /* A hang is a failure (SIGALRM ends the process), never a stuck test. The descriptor
     * test makes 800 loads, so it gets longer; so does the 2.3 GB read, longer still on
     * an emulated CPU (a cross build's tests, NC_EMULATOR set), which scans it some ten
     * times slower, within ctest's 120 s. */
    unsigned big = getenv("NC_EMULATOR") ? 110 : 60;
    alarm(strcmp(which, "no-fd-leak") == 0 ? 30 : strcmp(which, "over-2gib") == 0 ? big : 5);
    setup();
    if (strcmp(which, "fifo") == 0)
        test_fifo();
    else if (strcmp(which, "dev-zero") == 0)
        test_dev_zero();
    else if (strcmp(which, "directory") == 0)
        test_directory();
    else if (strcmp(which, "over-2gib") == 0)
        test_over_2gib();
    else if (strcmp(which, "sparse-over-limit") == 0)
        test_sparse_over_limit();
    else if (strcmp(which, "no-fd-leak") == 0)
        test_no_fd_leak();
    else {
        fprintf(stderr, "unknown case '%s'\n", which);
        return 2;
    }
    nct_rmtree(tmp);
    free(der_b);
    return nct_done();
}
