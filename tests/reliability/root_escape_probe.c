/* The root-directory option against links that try to leave the root
 * (docs/files.md, "The root directory").
 *
 *   root_escape_probe make ROOT OUTSIDE   builds the hostile layout: ROOT holds root-a
 *                                         and links that lead, by every known way, to
 *                                         OUTSIDE, which holds the canary (root-c)
 *   root_escape_probe load ROOT [by-hand] loads ROOT (profile linux, plus the links as
 *                                         option paths) between two marker calls,
 *                                         access("/nativecerts-load-begin") and "-end",
 *                                         for root_escape.sh to find in strace's log;
 *                                         prints "trusted=N canary=0|1 errors=N"; exit 1
 *                                         when the canary was loaded
 *   root_escape_probe race ROOT OUTSIDE kernel|by-hand
 *                                         loads ROOT for 2 s while a thread swaps ROOT's
 *                                         /etc between a directory and a link to OUTSIDE
 *                                         (renameat2 RENAME_EXCHANGE); exit 1 when any
 *                                         load returned the canary
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand */
#include "result_checks.h"
#include "test_support.h"
#include "unix/fs.h" /* whether the kernel resolves roots here */

/* Each link's name in ROOT and its target; %s is OUTSIDE (a host path). */
static const char *const links[][2] = {
    {"/etc/ssl/certs/ca-certificates.crt", "../../../../../../../../../..%s/canary.pem"},
    {"/etc/ssl/certs/absolute.pem", "%s/canary.pem"},
    {"/etc/ssl/certs/proc-root.pem", "/proc/self/root%s/canary.pem"},
    {"/etc/ssl/certs/proc-cwd.pem", "/proc/self/cwd/canary.pem"},
    {"/etc/ssl/certs/proc-fd.pem", "/proc/self/fd/3/canary.pem"},
    {"/etc/ssl/certs/thread-self.pem", "/proc/thread-self/root%s/canary.pem"},
    {"/etc/pki/tls/certs", "../../../../../../../..%s/dir"},
    {"/etc/security/certificates", "/proc/self/root%s/dir"},
    {"/etc/ssl/cert.pem", "/etc/ssl/../../../../..%s/canary.pem"},
    {"/opt/dotdot", "/../../../../..%s"},
    {"/opt/absdir", "%s"},
};

/* tmpl with its "%s" replaced by outside. */
static void target_of(char *out, size_t n, const char *tmpl, const char *outside)
{
    const char *at = strstr(tmpl, "%s");
    if (!at) {
        snprintf(out, n, "%s", tmpl);
        return;
    }
    snprintf(out, n, "%.*s%s%s", (int)(at - tmpl), tmpl, outside, at + 2);
}

static void make(const char *root, const char *outside)
{
    char p[4400], t[4400];
    snprintf(p, sizeof p, "%s/etc/ssl/certs/a.pem", root);
    nct_put_fixture("root-a.pem", p);
    snprintf(p, sizeof p, "%s/canary.pem", outside);
    nct_put_fixture("root-c.pem", p);
    snprintf(p, sizeof p, "%s/dir/canary.pem", outside);
    nct_put_fixture("root-c.pem", p);
    snprintf(p, sizeof p, "%s/proc", root);
    nct_mkdir(p); /* where root_escape.sh mounts a real procfs */
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        snprintf(p, sizeof p, "%s%s", root, links[i][0]);
        target_of(t, sizeof t, links[i][1], outside);
        nct_symlink(t, p);
    }
}

static nativecerts_options *options(const char *root, int by_hand)
{
    nativecerts_options *o = nct_layout_options(root, "linux");
    o->resolve_by_hand = by_hand;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        char p[4400];
        snprintf(p, sizeof p, "%s", links[i][0]);
        nativecerts_options_add_file(o, p);
    }
    nativecerts_options_add_file(o, "/opt/dotdot/canary.pem");
    nativecerts_options_add_file(o, "/opt/absdir/canary.pem");
    nativecerts_options_add_dir(o, "/opt/dotdot/dir");
    nativecerts_options_add_dir(o, "/opt/absdir/dir");
    return o;
}

static unsigned char *canary;
static size_t canary_len;

static int has_canary(const nativecerts_result *r)
{
    return nct_find_trusted(r, canary, canary_len) >= 0 ||
           nct_find_excluded(r, canary, canary_len) >= 0;
}

static int load(const char *root, int by_hand)
{
    nativecerts_options *o = options(root, by_hand);
    access("/nativecerts-load-begin", F_OK);
    nativecerts_result *r = nct_load(o);
    access("/nativecerts-load-end", F_OK);
    int found = has_canary(r);
    rel_check_errors(r, "escaping links");
    printf("trusted=%zu canary=%d errors=%zu\n", nativecerts_result_count(r), found,
           nativecerts_result_error_count(r));
    if (found) nct_dump(r);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    return found ? 1 : nct_done();
}

static atomic_int stop;
static char etc[4400], evil[4400];

static void *swap(void *arg)
{
    (void)arg;
#if defined(SYS_renameat2)
    while (!atomic_load(&stop))
        syscall(SYS_renameat2, AT_FDCWD, etc, AT_FDCWD, evil, 2 /* RENAME_EXCHANGE */);
#endif
    return NULL;
}

static int race(const char *root, const char *outside, int by_hand)
{
#if !defined(SYS_renameat2)
    (void)root, (void)outside, (void)by_hand;
    return nct_skip("no renameat2");
#else
    /* OUTSIDE mirrors the layout: its etc/ssl/certs holds the canary. */
    char p[4400];
    snprintf(p, sizeof p, "%s/etc/ssl/certs/ca-certificates.crt", outside);
    nct_put_fixture("root-c.pem", p);
    snprintf(p, sizeof p, "%s/etc/ssl/certs/ca-certificates.crt", root);
    nct_put_fixture("root-a.pem", p);
    snprintf(etc, sizeof etc, "%s/etc", root);
    snprintf(evil, sizeof evil, "%s/etc.evil", root);
    snprintf(p, sizeof p, "%s/etc", outside);
    nct_symlink(p, evil);
    if (syscall(SYS_renameat2, AT_FDCWD, etc, AT_FDCWD, evil, 2) != 0)
        return nct_skip("renameat2(RENAME_EXCHANGE) not supported here");
    syscall(SYS_renameat2, AT_FDCWD, etc, AT_FDCWD, evil, 2);
    if (!by_hand) {
        /* Without openat2 every load resolves by hand: this case would only repeat the
         * other one. */
        nc__fs fs;
        int kernel = nc__fs_init(&fs, root) == 0 && fs.use_openat2;
        nc__fs_close(&fs);
        if (!kernel)
            return nct_skip("openat2(RESOLVE_IN_ROOT) is not available here (Linux before 5.6, "
                            "or qemu-user, which does not implement it)");
    }
    nativecerts_options *o = nct_layout_options(root, "linux");
    o->resolve_by_hand = by_hand;
    pthread_t t;
    if (pthread_create(&t, NULL, swap, NULL) != 0) return 99;
    int loads = 0, escapes = 0, got = 0;
    for (double end = rel_now() + 2.0; rel_now() < end; loads++) {
        nativecerts_result *r = nct_load(o);
        escapes += has_canary(r);
        got += nativecerts_result_count(r) > 0;
        nativecerts_result_free(r);
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    printf("race (%s): %d loads, %d read the layout, %d escaped the root\n",
           by_hand ? "by hand" : "kernel", loads, got, escapes);
    nativecerts_options_free(o);
    return escapes ? 1 : 0;
#endif
}

int main(int argc, char **argv)
{
    canary = nct_fixture("root-c.der", &canary_len);
    if (argc == 4 && !strcmp(argv[1], "make")) {
        make(argv[2], argv[3]);
        return 0;
    }
    if ((argc == 3 || argc == 4) && !strcmp(argv[1], "load"))
        return load(argv[2], argc == 4 && !strcmp(argv[3], "by-hand"));
    if (argc == 5 && !strcmp(argv[1], "race")) {
        int r = race(argv[2], argv[3], !strcmp(argv[4], "by-hand"));
        free(canary);
        return r;
    }
    fprintf(stderr, "usage: see %s\n", __FILE__);
    return 2;
}
