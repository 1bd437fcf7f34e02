/* A device node is never opened for reading: opening one runs its driver's open (a
 * watchdog arms, a tape rewinds on close), so its type is known before any open that
 * could read, and a device named as a file is refused as "is a character device"
 * (kind io) without that open. Seen from the kernel by device_nodes_strace.sh.
 *
 *   test_device_nodes make ROOT        (as root: mknod) builds the layout below under
 *                                      ROOT and prints the host paths of its device
 *                                      nodes, one a line
 *   test_device_nodes load ROOT MODE   loads it between two marker calls,
 *                                      access("/nativecerts-load-begin") and "-end";
 *                                      MODE: kernel, by-hand, no-d-type (root resolved
 *                                      by openat2, by hand, or every entry of unknown
 *                                      type), host (no root: the same files named as
 *                                      host paths by options); prints what it found and
 *                                      exits 1 when that is not the expected result
 *
 * The layout, with profile linux (device numbers of /dev/null, /dev/zero, /dev/tty):
 *   /etc/ssl/certs/ca-certificates.crt   a character device (1, 3): the bundle
 *   /etc/ssl/certs/tty                   a character device (5, 0): a directory entry
 *                                        (of unknown type in no-d-type mode)
 *   /dev/zero                            a character device (1, 5)
 *   /etc/ssl/certs/zero.pem -> /dev/zero a link to a device
 *   /etc/ssl/certs/a.pem                 root-a: the rest still loads
 *   /named-tty -> /etc/ssl/certs/tty     named by an option: a link to a device
 *   /etc/os-release -> ssl/certs/tty     what nativecerts_read_os_release() reads for
 *                                        the command's advice (root modes): not found
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand, ignore_d_type */
#include "test_support.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static const struct {
    const char *path;
    unsigned major, minor;
} nodes[] = {{BUNDLE, 1, 3}, {"/etc/ssl/certs/tty", 5, 0}, {"/dev/zero", 1, 5}};

static const char *const links[][2] = {{"/etc/ssl/certs/zero.pem", "/dev/zero"},
                                       {"/named-tty", "etc/ssl/certs/tty"},
                                       {"/etc/os-release", "ssl/certs/tty"}};

static int make(const char *root)
{
    char p[4200];
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        snprintf(p, sizeof p, "%s%s", root, nodes[i].path);
        nct_mkparents(p);
        if (mknod(p, S_IFCHR | 0666, makedev(nodes[i].major, nodes[i].minor)) != 0) {
            fprintf(stderr, "mknod %s: %s\n", p, strerror(errno));
            return errno == EPERM ? 77 : 99;
        }
        printf("%s\n", p);
    }
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(p, sizeof p, "%s%s", root, links[i][0]);
        nct_symlink(links[i][1], p);
    }
    snprintf(p, sizeof p, "%s/etc/ssl/certs/a.pem", root);
    nct_put_fixture("root-a.pem", p);
    return 0;
}

/* The options of MODE; the paths named are those of the root, or their host names. */
static nativecerts_options *options(const char *root, const char *mode, char *bundle, size_t n)
{
    char named[4200], dir[4200];
    nativecerts_options *o;
    if (!strcmp(mode, "host")) {
        snprintf(bundle, n, "%s" BUNDLE, root);
        snprintf(named, sizeof named, "%s/named-tty", root);
        snprintf(dir, sizeof dir, "%s/etc/ssl/certs", root);
        if (nativecerts_options_new(&o) || nativecerts_options_set_ignore_env(o, 1) ||
            nativecerts_options_set_skip_platform(o, 1) ||
            nativecerts_options_add_file(o, bundle) || nativecerts_options_add_dir(o, dir))
            exit(99);
    } else {
        snprintf(bundle, n, "%s", BUNDLE);
        snprintf(named, sizeof named, "/named-tty");
        o = nct_layout_options(root, "linux");
        o->resolve_by_hand = !strcmp(mode, "by-hand");
        o->ignore_d_type = !strcmp(mode, "no-d-type");
    }
    if (nativecerts_options_add_file(o, named)) exit(99);
    return o;
}

/* Expected: root-a alone, and two errors, of kind io, "is a character device": the
 * bundle, and the option's link to the tty node. The entries are skipped silently. */
static int load(const char *root, const char *mode)
{
    char bundle[4200];
    nativecerts_options *o = options(root, mode, bundle, sizeof bundle);
    int host = !strcmp(mode, "host");
    char os[64];
    access("/nativecerts-load-begin", F_OK);
    nativecerts_result *r = nct_load(o);
    int os_rc = host ? NATIVECERTS_ENOTFOUND : nativecerts_read_os_release(o, os, sizeof os, NULL);
    access("/nativecerts-load-end", F_OK);
    nativecerts_options_free(o);
    CHECK(os_rc == NATIVECERTS_ENOTFOUND);
    size_t len;
    unsigned char *a = nct_fixture("root-a.der", &len);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nct_find_trusted(r, a, len) >= 0);
    free(a);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 2);
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        const char *msg = nativecerts_result_error_message(r, i);
        CHECK_STR(nativecerts_error_kind_name(nativecerts_result_error_kind(r, i)), "io");
        CHECK(msg && strstr(msg, "is a character device"));
        printf("%s\n", msg);
    }
    if (nativecerts_result_error_count(r) >= 1)
        CHECK_STR(nativecerts_result_error_path(r, 0), bundle);
    printf("trusted=%zu errors=%zu\n", nativecerts_result_count(r),
           nativecerts_result_error_count(r));
    if (nct_failures) nct_dump(r);
    nativecerts_result_free(r);
    int status = nct_done();
    /* Without procfs (the script's no-proc mode), LeakSanitizer's check at exit cannot
     * run and fails the process: leave without it. The same load is checked for leaks
     * in the other modes, untraced. */
    if (access("/proc/self/exe", F_OK) != 0) {
        fflush(stdout);
        _exit(status);
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "make")) return make(argv[2]);
    if (argc == 4 && !strcmp(argv[1], "load")) return load(argv[2], argv[3]);
    fprintf(stderr, "usage: test_device_nodes make ROOT | load ROOT MODE\n");
    return 2;
}
