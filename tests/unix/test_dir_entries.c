/* docs/files.md: a directory contributes every regular file in it (symbolic links
 * followed, no recursion, any name). Subdirectories, FIFOs, sockets and devices are
 * skipped; a dangling link is skipped silently; a link loop or a permission error is an
 * error for that entry, and loading goes on.
 *
 * Each case runs three ways: the directory named by its host path (no root), and inside
 * a root directory resolved by the kernel (openat2) and by hand (the fallback). The
 * directory is given as an option with skip_platform, so nothing else is loaded.
 *
 *   test_dir_entries symlink-loop       ctest dir_symlink_loop
 *   test_dir_entries dangling-link      ctest dir_dangling_link_skipped
 *   test_dir_entries non-regular        ctest dir_skips_non_regular
 *   test_dir_entries permission-denied  ctest dir_permission_denied
 *   test_dir_entries any-file-name      ctest dir_any_file_name
 */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand: the test hook of the fallback resolver */
#include "test_support.h"

typedef enum run_mode { RUN_HOST, RUN_ROOT_KERNEL, RUN_ROOT_BY_HAND, RUN_MODES } run_mode;
static const char *const run_mode_name[] = {"host paths", "root (kernel)", "root (by hand)"};

static char root[4096]; /* the layout: root/certs is the directory under test */

/* A path of the layout as the load names it in mode m: "/certs/x" inside the root,
 * "<root>/certs/x" on the host. */
static const char *as_named(run_mode m, const char *rel, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", m == RUN_HOST ? root : "", rel);
    return buf;
}

/* The host path of a layout path, for building it. */
static const char *host(const char *rel)
{
    static char buf[4][4300];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, sizeof buf[0], "%s%s", root, rel);
    return b;
}

static nativecerts_result *load_dir(run_mode m, const char *rel_dir)
{
    nativecerts_options *o;
    char dir[4300];
    if (m == RUN_HOST) {
        if (nativecerts_options_new(&o) || nativecerts_options_set_ignore_env(o, 1)) exit(99);
    } else {
        o = nct_layout_options(root, "linux");
        if (m == RUN_ROOT_BY_HAND) o->resolve_by_hand = 1;
    }
    if (nativecerts_options_set_skip_platform(o, 1) ||
        nativecerts_options_add_dir(o, as_named(m, rel_dir, dir, sizeof dir)))
        exit(99);
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    return r;
}

/* Expected trusted certificates: fixture DER names and the path (in the layout) of the
 * file the result must name as their source; NULL ends. */
typedef struct exp_cert {
    const char *der;
    const char *source;
} exp_cert;

typedef struct exp_error {
    long err;
    const char *path; /* in the layout */
} exp_error;

/* r holds exactly the expected certificates, with the expected sources, and exactly the
 * expected io errors, each belonging to the directory's source. */
static void check(const nativecerts_result *r, run_mode m, const char *what, const exp_cert *certs,
                  const exp_error *errors, size_t nerrors, size_t files_read)
{
    int before = nct_failures;
    size_t n = 0;
    for (; certs[n].der; n++) {
        size_t len;
        unsigned char *der = nct_fixture(certs[n].der, &len);
        long i = nct_find_trusted(r, der, len);
        free(der);
        CHECK(i >= 0);
        char want[4300];
        if (i >= 0)
            CHECK_STR(nativecerts_result_source(r, (size_t)i),
                      as_named(m, certs[n].source, want, sizeof want));
    }
    CHECK_EQ_SIZE(nativecerts_result_count(r), n);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), files_read);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), nerrors);
    for (size_t i = 0; i < nerrors && i < nativecerts_result_error_count(r); i++) {
        char want[4300];
        as_named(m, errors[i].path, want, sizeof want);
        CHECK(nativecerts_result_error_kind(r, i) == NATIVECERTS_ERROR_IO);
        CHECK(nativecerts_result_error_errno(r, i) == errors[i].err);
        CHECK_STR(nativecerts_result_error_path(r, i), want);
        const char *msg = nativecerts_result_error_message(r, i);
        CHECK(msg && strncmp(msg, want, strlen(want)) == 0);
        size_t s = nativecerts_result_error_source(r, i);
        CHECK(s < nativecerts_result_source_count(r) &&
              nativecerts_result_source_kind(r, s) == NATIVECERTS_SOURCE_DIRECTORY);
    }
    if (nct_failures != before) {
        fprintf(stderr, "^^ %s [%s]\n", what, run_mode_name[m]);
        nct_dump(r);
    }
}

static void run_all(const char *what, const char *rel_dir, const exp_cert *certs,
                    const exp_error *errors, size_t nerrors, size_t files_read)
{
    for (int m = 0; m < RUN_MODES; m++) {
        nativecerts_result *r = load_dir((run_mode)m, rel_dir);
        check(r, (run_mode)m, what, certs, errors, nerrors, files_read);
        nativecerts_result_free(r);
    }
}

/* A link that points to itself: ELOOP for that entry only; the files around it load. */
static void test_symlink_loop(void)
{
    nct_put_fixture("root-a.pem", host("/certs/a.pem"));
    nct_symlink("loop", host("/certs/loop"));
    nct_put_fixture("root-b.pem", host("/certs/z.pem"));
    static const exp_cert certs[] = {
        {"root-a.der", "/certs/a.pem"}, {"root-b.der", "/certs/z.pem"}, {NULL, NULL}};
    static const exp_error errors[] = {{ELOOP, "/certs/loop"}};
    run_all("link loop", "/certs", certs, errors, 1, 2);
}

/* Links to nothing (relative, absolute, through a missing directory): skipped, no error. */
static void test_dangling_link(void)
{
    nct_put_fixture("root-a.pem", host("/certs/a.pem"));
    nct_symlink("does-not-exist.pem", host("/certs/dangling"));
    nct_symlink("/nct-does-not-exist/x.pem", host("/certs/dangling-absolute"));
    nct_symlink("../gone/x.pem", host("/certs/dangling-dir"));
    nct_put_fixture("root-b.pem", host("/certs/z.pem"));
    static const exp_cert certs[] = {
        {"root-a.der", "/certs/a.pem"}, {"root-b.der", "/certs/z.pem"}, {NULL, NULL}};
    run_all("dangling links", "/certs", certs, NULL, 0, 2);
}

static void make_socket(const char *path)
{
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof a.sun_path) {
        fprintf(stderr, "socket path too long: %s\n", path);
        exit(99);
    }
    strcpy(a.sun_path, path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("socket");
        exit(99);
    }
    close(s); /* the socket file stays */
}

/* Subdirectories (with a certificate inside: no recursion), a FIFO without a writer, a
 * socket, links to each of them and to a device: all skipped silently, nothing blocks
 * (alarm), only the one regular file is read. */
static void test_non_regular(void)
{
    nct_put_fixture("root-a.pem", host("/certs/a.pem"));
    nct_put_fixture("root-c.pem", host("/certs/sub/c.pem"));
    nct_put_fixture("root-b.pem", host("/certs/sub/deeper/b.pem"));
    if (mkfifo(host("/certs/fifo"), 0644) != 0) perror("mkfifo"), exit(99);
    make_socket(host("/certs/sock"));
    nct_symlink("sub", host("/certs/link-to-sub"));
    nct_symlink("fifo", host("/certs/link-to-fifo"));
    nct_symlink("sock", host("/certs/link-to-sock"));
    nct_symlink("/dev/zero", host("/certs/link-to-dev-zero")); /* inside a root: dangling */
    nct_symlink(".", host("/certs/link-to-self"));
    static const exp_cert certs[] = {{"root-a.der", "/certs/a.pem"}, {NULL, NULL}};
    run_all("non-regular entries", "/certs", certs, NULL, 0, 1);
}

/* As an unprivileged user, a 0600 root-owned file is an EACCES error for that entry;
 * the readable file next to it loads. A directory named by the user that cannot be
 * opened is an error for it; an unreadable subdirectory inside is just skipped. The
 * checks run in a child that dropped to uid/gid 65534 and report by exit status. */
static void test_permission_denied(void)
{
    if (geteuid() != 0) {
        nct_rmtree(root);
        exit(nct_skip("needs root, to create root-owned files and drop to another user"));
    }
    nct_put_fixture("root-a.pem", host("/certs/a.pem"));
    nct_put_fixture("root-b.pem", host("/certs/secret.pem"));
    nct_put_fixture("root-c.pem", host("/certs/z.pem"));
    nct_put_fixture("root-c.pem", host("/certs/closed-sub/c.pem"));
    nct_put_fixture("root-c.pem", host("/closed/c.pem"));
    if (chmod(host("/certs/secret.pem"), 0600) || chmod(host("/certs/closed-sub"), 0700) ||
        chmod(host("/closed"), 0700) || chown(host("/certs/secret.pem"), 0, 0))
        perror("chmod"), exit(99);

    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) perror("fork"), exit(99);
    if (pid == 0) {
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0) {
            perror("dropping privileges");
            _exit(99);
        }
        if (access(host("/certs/a.pem"), R_OK) != 0) {
            fprintf(stderr, "uid 65534 cannot reach %s (TMPDIR not traversable?)\n", root);
            _exit(77);
        }
        if (access(host("/certs/secret.pem"), R_OK) == 0) {
            fprintf(stderr, "uid 65534 can still read a 0600 root file (capabilities?)\n");
            _exit(77);
        }
        static const exp_cert certs[] = {
            {"root-a.der", "/certs/a.pem"}, {"root-c.der", "/certs/z.pem"}, {NULL, NULL}};
        static const exp_error errors[] = {{EACCES, "/certs/secret.pem"}};
        run_all("unreadable entry", "/certs", certs, errors, 1, 2);

        static const exp_cert none[] = {{NULL, NULL}};
        static const exp_error closed[] = {{EACCES, "/closed"}};
        for (int m = 0; m < RUN_MODES; m++) {
            nativecerts_result *r = load_dir((run_mode)m, "/closed");
            check(r, (run_mode)m, "unreadable directory", none, closed, 1, 0);
            nativecerts_result_free(r);
        }
        /* _exit: no atexit handlers (a leak checker's ptrace would be refused here). */
        _exit(nct_failures ? 1 : 0);
    }
    int st;
    if (waitpid(pid, &st, 0) != pid) perror("waitpid"), exit(99);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 77) {
        nct_rmtree(root);
        exit(nct_skip("privileges could not be dropped meaningfully"));
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "unprivileged child failed (status %#x)\n", st);
        nct_failures++;
    }
}

/* Any name: hidden, *.crt, *.pem, hash names, spaces, no extension (a DER file: told by
 * content, not name). A README with no certificate contributes nothing and is not an
 * error, but it is read. Sources are the files' own paths, and the first name in byte
 * order wins for a certificate found twice (".hidden" < "z-dup.pem"). */
static void test_any_file_name(void)
{
    nct_put_fixture("root-a.pem", host("/certs/.hidden"));
    nct_put_fixture("root-b.pem", host("/certs/x.crt"));
    nct_put_fixture("expired.pem", host("/certs/5ed36f99.0"));
    nct_put_fixture("not-yet-valid.pem", host("/certs/name with spaces.pem"));
    nct_put_fixture("root-c.der", host("/certs/der-no-extension"));
    nct_put_fixture("root-a.pem", host("/certs/z-dup.pem"));
    nct_write_str(host("/certs/README"),
                  "This directory holds trusted CA certificates, one per file.\n"
                  "Run update-ca-certificates after changing it.\n");
    static const exp_cert certs[] = {{"root-a.der", "/certs/.hidden"},
                                     {"root-b.der", "/certs/x.crt"},
                                     {"expired.der", "/certs/5ed36f99.0"},
                                     {"not-yet-valid.der", "/certs/name with spaces.pem"},
                                     {"root-c.der", "/certs/der-no-extension"},
                                     {NULL, NULL}};
    run_all("any file name", "/certs", certs, NULL, 0, 7);
    /* The directory's count holds every certificate parsed, the duplicate included. */
    for (int m = 0; m < RUN_MODES; m++) {
        char name[4300];
        nativecerts_result *r = load_dir((run_mode)m, "/certs");
        long s = nct_find_source(r, as_named((run_mode)m, "/certs", name, sizeof name));
        CHECK(s >= 0);
        if (s >= 0) {
            CHECK(nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_USED);
            CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, (size_t)s), 6);
            CHECK_EQ_SIZE(nativecerts_result_source_error_count(r, (size_t)s), 0);
        }
        nativecerts_result_free(r);
    }
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "";
    alarm(10); /* a FIFO or device that is opened blocks or never ends: fail, not hang */
    nct_tmpdir(root, sizeof root);
    nct_mkdir(host("/certs"));
    if (strcmp(which, "symlink-loop") == 0)
        test_symlink_loop();
    else if (strcmp(which, "dangling-link") == 0)
        test_dangling_link();
    else if (strcmp(which, "non-regular") == 0)
        test_non_regular();
    else if (strcmp(which, "permission-denied") == 0)
        test_permission_denied();
    else if (strcmp(which, "any-file-name") == 0)
        test_any_file_name();
    else {
        fprintf(stderr, "unknown case '%s'\n", which);
        return 2;
    }
    nct_rmtree(root);
    return nct_done();
}
