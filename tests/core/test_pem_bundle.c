/* nativecerts_result_pem: the bytes `nativecerts export --format pem` writes for the same
 * selection, which OpenSSL reads back as exactly the result's certificates, in order;
 * written as snprintf writes.
 *
 *   test_pem_bundle CASE NATIVECERTS
 *     pem_bundle_matches_export_machine    this machine's store, environment ignored
 *                                          (skipped when it has no root)
 *     pem_bundle_matches_export_generated  generated roots: a Debian bundle of every
 *                                          fixture, a FreeBSD tree with a distrusted root,
 *                                          the bundle with expired roots left out, and a
 *                                          root with nothing (an empty text)
 *     pem_blocks_match_openssl             one block for every DER length from 0 to 700
 *                                          against PEM_write_bio's, whole and cut
 *
 * NATIVECERTS is the command, run with the same selection as the library's options. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/pem_bundle.h"
#include "test_support.h"

static const char *cli;

/* The command's standard output, and its exit status in *status. */
static char *run_cli(char *const args[], size_t *len, int *status)
{
    int fds[2];
    if (pipe(fds) != 0) exit(99);
    pid_t pid = fork();
    if (pid < 0) exit(99);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        nct_execv(cli, args);
        _exit(127);
    }
    close(fds[1]);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    ssize_t got;
    while (out != NULL && (got = read(fds[0], out + n, cap - n)) > 0) {
        n += (size_t)got;
        if (n == cap) out = realloc(out, cap *= 2);
    }
    close(fds[0]);
    if (out == NULL || waitpid(pid, status, 0) != pid) exit(99);
    *status = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
    *len = n;
    return out;
}

/* Ours, through the public call: the length asked first, then an exact buffer. */
static char *our_pem(const nativecerts_result *r, size_t *len)
{
    *len = nativecerts_result_pem(r, NULL, 0);
    char *text = malloc(*len + 1);
    if (text == NULL) exit(99);
    memset(text, 'X', *len + 1);
    CHECK_EQ_SIZE(nativecerts_result_pem(r, text, *len + 1), *len);
    CHECK(text[*len] == '\0' && strlen(text) == *len);
    return text;
}

/* The text OpenSSL's PEM_write_bio writes for the result's certificates, one after the
 * other: the same bytes, whoever writes the command's export. */
static void same_as_openssl_writes(const nativecerts_result *r, const char *text, size_t len)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) exit(99);
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t n;
        const unsigned char *der = nativecerts_result_der(r, i, &n);
        if (PEM_write_bio(bio, "CERTIFICATE", "", der, (long)n) <= 0) exit(99);
    }
    char *theirs;
    long n = BIO_get_mem_data(bio, &theirs);
    if ((size_t)n != len || (len > 0 && memcmp(text, theirs, len) != 0)) {
        fprintf(stderr, "%zu bytes, PEM_write_bio's %ld: not the same\n", len, n);
        nct_failures++;
    }
    BIO_free(bio);
}

/* OpenSSL reads the text back as the result's certificates, in order, and nothing else. */
static void read_back(const nativecerts_result *r, const char *text, size_t len)
{
    BIO *bio = BIO_new_mem_buf(text, (int)len);
    if (bio == NULL) exit(99);
    size_t i = 0;
    X509 *x;
    while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
        unsigned char *der = NULL;
        int n = i2d_X509(x, &der);
        size_t want;
        const unsigned char *ours = nativecerts_result_der(r, i, &want);
        if (ours == NULL || n < 0 || (size_t)n != want || memcmp(der, ours, want) != 0) {
            fprintf(stderr, "certificate %zu read back is not the result's\n", i);
            nct_failures++;
        }
        OPENSSL_free(der);
        X509_free(x);
        i++;
    }
    BIO_free(bio);
    CHECK_EQ_SIZE(i, nativecerts_result_count(r));
}

/* snprintf's convention at buffer size n: the return value, the prefix, the NUL, and
 * nothing written past n. */
static void check_cut(const nativecerts_result *r, const char *full, size_t len, size_t n)
{
    char *buf = malloc(len + 2);
    if (buf == NULL) exit(99);
    memset(buf, 'X', len + 2);
    size_t got = nativecerts_result_pem(r, n ? buf : NULL, n);
    size_t keep = n == 0 ? 0 : n - 1 < len ? n - 1 : len;
    if (got != len || (n > 0 && (memcmp(buf, full, keep) != 0 || buf[keep] != '\0')) ||
        (n <= len && buf[n] != 'X')) {
        fprintf(stderr, "a buffer of %zu bytes: returns %zu of %zu, or writes wrong\n", n, got,
                len);
        nct_failures++;
    }
    free(buf);
}

/* The library's text for o against the command's for args; returns the certificates. */
static size_t compare_with_export(const nativecerts_options *o, char *const args[])
{
    nativecerts_result *r = nct_load(o);
    size_t len, cli_len;
    int status;
    char *ours = our_pem(r, &len);
    char *theirs = run_cli(args, &cli_len, &status);
    size_t count = nativecerts_result_count(r);
    CHECK(status == (count > 0 ? 0 : 2));
    if (cli_len != len || memcmp(ours, theirs, len) != 0) {
        fprintf(stderr, "%s %s ...: the command wrote %zu bytes, the library %zu, not the same\n",
                args[1], args[2], cli_len, len);
        nct_failures++;
    }
    same_as_openssl_writes(r, ours, len);
    read_back(r, ours, len);
    if (len < 20000) {
        for (size_t n = 0; n <= len + 1; n++)
            check_cut(r, ours, len, n);
    } else {
        size_t sizes[] = {0, 1, 2, 28, 29, 30, 93, len / 2, len - 1, len, len + 1};
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            check_cut(r, ours, len, sizes[k]);
    }
    free(theirs);
    free(ours);
    nativecerts_result_free(r);
    return count;
}

static void pem_bundle_matches_export_machine(void)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) exit(99);
    nativecerts_options_set_ignore_env(o, 1);
    nativecerts_result *r = nct_load(o);
    size_t count = nativecerts_result_count(r);
    nativecerts_result_free(r);
    if (count == 0) {
        nativecerts_options_free(o);
        exit(nct_skip("this machine's store has no root"));
    }
    char *args[] = {"nativecerts", "export", "--format", "pem", "--no-env", NULL};
    CHECK(compare_with_export(o, args) == count);
    nativecerts_options_free(o);
}

/* Every fixture PEM (roots, TRUSTED CERTIFICATE forms, unusual names) into one file. */
static void write_fixture_bundle(const char *path)
{
    static const char *const dirs[] = {NC_TEST_DATA "/certs", NC_TEST_DATA "/names"};
    FILE *f = fopen(path, "wb");
    if (f == NULL) exit(99);
    for (size_t d = 0; d < 2; d++) {
        struct dirent **names;
        int n = scandir(dirs[d], &names, NULL, alphasort);
        if (n < 0) exit(99);
        for (int i = 0; i < n; i++) {
            const char *name = names[i]->d_name;
            size_t l = strlen(name), len;
            char file[4096];
            snprintf(file, sizeof file, "%s/%s", dirs[d], name);
            unsigned char *bytes =
                l > 4 && !strcmp(name + l - 4, ".pem") ? nct_read_file(file, &len) : NULL;
            if (bytes != NULL && fwrite(bytes, 1, len, f) != len) exit(99);
            free(bytes);
            free(names[i]);
        }
        free(names);
    }
    if (fclose(f) != 0) exit(99);
}

static void pem_bundle_matches_export_generated(void)
{
    char root[4096], path[8192];
    nct_tmpdir(root, sizeof root);

    /* Debian: one bundle of every fixture. */
    snprintf(path, sizeof path, "%s/debian/etc/ssl/certs/ca-certificates.crt", root);
    nct_mkparents(path);
    write_fixture_bundle(path);
    snprintf(path, sizeof path, "%s/debian", root);
    nativecerts_options *o = nct_layout_options(path, "linux");
    char *debian[] = {"nativecerts", "export", "--format", "pem", "--root",
                      path,          "--os",   "linux",    NULL};
    size_t all = compare_with_export(o, debian);
    CHECK(all > 3);

    /* The same with the validity filter at a fixed time: the expired roots left out. */
    nativecerts_options_set_skip_expired(o, 1);
    nativecerts_options_set_time(o, 1700000000); /* 2023-11-14T22:13:20Z */
    char *valid[] = {"nativecerts",
                     "export",
                     "--format",
                     "pem",
                     "--root",
                     path,
                     "--os",
                     "linux",
                     "--skip-expired",
                     "--at",
                     "2023-11-14T22:13:20Z",
                     NULL};
    size_t unexpired = compare_with_export(o, valid);
    CHECK(unexpired > 0 && unexpired < all);
    nativecerts_options_free(o);

    /* FreeBSD: a directory of roots, one of them distrusted by certctl's directory. */
    static const char *const roots[] = {"root-a.pem", "root-b.pem", "root-c.pem", "gen-2050.pem"};
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
        snprintf(path, sizeof path, "%s/freebsd/etc/ssl/certs/%s", root, roots[i]);
        nct_mkparents(path);
        nct_put_fixture(roots[i], path);
    }
    snprintf(path, sizeof path, "%s/freebsd/etc/ssl/untrusted/root-b.pem", root);
    nct_mkparents(path);
    nct_put_fixture("root-b.pem", path);
    snprintf(path, sizeof path, "%s/freebsd", root);
    o = nct_layout_options(path, "freebsd");
    char *freebsd[] = {"nativecerts", "export", "--format", "pem", "--root",
                       path,          "--os",   "freebsd",  NULL};
    CHECK(compare_with_export(o, freebsd) == 3);
    nativecerts_options_free(o);

    /* Nothing at all: an empty text. */
    snprintf(path, sizeof path, "%s/empty", root);
    nct_mkdir(path);
    o = nct_layout_options(path, "linux");
    char *empty[] = {"nativecerts", "export", "--format", "pem", "--root",
                     path,          "--os",   "linux",    NULL};
    CHECK(compare_with_export(o, empty) == 0);
    nativecerts_options_free(o);
    char one = 'X';
    CHECK(nativecerts_result_pem(NULL, &one, 1) == 0 && one == '\0');
    nct_rmtree(root);
}

static void pem_blocks_match_openssl(void)
{
    static unsigned char data[700];
    static char ours[1100];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7919 >> 3);
    for (size_t len = 0; len <= sizeof data; len++) {
        BIO *bio = BIO_new(BIO_s_mem());
        /* It returns the base64 characters written: 0 for no data. */
        if (bio == NULL || (PEM_write_bio(bio, "CERTIFICATE", "", data, (long)len) <= 0 && len))
            exit(99);
        char *theirs;
        long n = BIO_get_mem_data(bio, &theirs);
        size_t total = nc__pem_certificate(data, len, NULL, 0);
        size_t wrote = nc__pem_certificate(data, len, ours, sizeof ours);
        if (total != (size_t)n || wrote != total || memcmp(ours, theirs, total) != 0) {
            fprintf(stderr, "DER of %zu bytes: a block of %zu bytes, PEM_write_bio's %ld\n", len,
                    total, n);
            nct_failures++;
        }
        /* Cut anywhere: the first bytes of the same block, nothing past them. */
        for (size_t cut = 0; cut < total; cut += 1 + cut / 16) {
            memset(ours, 'X', sizeof ours);
            if (nc__pem_certificate(data, len, ours, cut) != total ||
                memcmp(ours, theirs, cut) != 0 || ours[cut] != 'X') {
                fprintf(stderr, "DER of %zu bytes cut to %zu: wrong\n", len, cut);
                nct_failures++;
                break;
            }
        }
        BIO_free(bio);
    }
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"pem_bundle_matches_export_machine", pem_bundle_matches_export_machine},
        {"pem_bundle_matches_export_generated", pem_bundle_matches_export_generated},
        {"pem_blocks_match_openssl", pem_blocks_match_openssl},
    };
    if (argc == 3) cli = argv[2];
    return nct_main(cli ? 2 : argc, argv, cases, sizeof cases / sizeof *cases);
}
