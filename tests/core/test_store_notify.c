/* nativecerts_store with the kernel's change notification (Linux inotify): every
 * change to what the last load read is seen by the next get, without waiting for the
 * maximum age and without stamping at each get; where notification cannot be had, the
 * store stamps, and says so. Each case builds a tree under a generated root directory.
 *
 * Files written just before a load count as changed during it (the store cannot tell
 * the two apart from their change times), so cases that need a result to be reused
 * wait for the written files to be older than that: settle().
 *   test_store_notify CASE */
#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_support.h"

static char root[4096];

static void path_of(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s%s", root, rel);
}

static void put(const char *fixture, const char *rel)
{
    char path[4300];
    path_of(path, sizeof path, rel);
    nct_put_fixture(fixture, path);
}

static void link_at(const char *target, const char *rel)
{
    char path[4300];
    path_of(path, sizeof path, rel);
    nct_mkparents(path);
    nct_symlink(target, path);
}

/* Appends a PEM fixture to a file, in place (same inode, directory untouched). */
static void append(const char *fixture, const char *rel)
{
    char path[4300];
    path_of(path, sizeof path, rel);
    struct stat before, after;
    CHECK(stat(path, &before) == 0);
    size_t len;
    unsigned char *pem = nct_fixture(fixture, &len);
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    CHECK(fd >= 0 && write(fd, pem, len) == (ssize_t)len);
    close(fd);
    free(pem);
    CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
}

/* Replaces rel by rename, the new file carrying the old one's modification time (as
 * rsync -a, cp -p, install -p and tar x leave it). */
static void replace_keeping_mtime(const char *fixture, const char *rel)
{
    char path[4300], tmp[4400];
    path_of(path, sizeof path, rel);
    snprintf(tmp, sizeof tmp, "%s.new", path);
    struct stat old;
    CHECK(stat(path, &old) == 0);
    nct_put_fixture(fixture, tmp);
    struct timespec t[2] = {old.st_atim, old.st_mtim};
    CHECK(utimensat(AT_FDCWD, tmp, t, 0) == 0);
    CHECK(rename(tmp, path) == 0);
}

static int age_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    struct timespec old[2] = {{1577836800, 0}, {1577836800, 0}}; /* 2020-01-01 */
    CHECK(utimensat(AT_FDCWD, path, old, AT_SYMLINK_NOFOLLOW) == 0);
    return 0;
}

/* Gives everything written so far an old modification time (which a store comparing
 * only those would take as settled), then waits until it is older than what the store
 * counts as changed during a load, by its change time: a tenth of a second on file
 * systems with fine times, two seconds on those with whole seconds. */
static void settle(void)
{
    CHECK(nftw(root, age_one, 16, FTW_PHYS) == 0);
    struct stat st;
    CHECK(stat(root, &st) == 0);
    struct timespec t =
        st.st_ctim.tv_nsec ? (struct timespec){0, 110000000} : (struct timespec){2, 100000000};
    nanosleep(&t, NULL);
}

/* Debian-like: the bundle with root-a, and B.pem (root-b) beside it in /etc/ssl/certs. */
static void make_debian(void)
{
    put("root-a.pem", "/etc/ssl/certs/ca-certificates.crt");
    put("root-b.pem", "/etc/ssl/certs/B.pem");
}

/* FreeBSD: root-a in the bundle, root-c in certs/, root-b in untrusted/. */
static void make_freebsd(void)
{
    put("root-a.pem", "/etc/ssl/cert.pem");
    put("root-c.pem", "/etc/ssl/certs/c.pem");
    put("root-b.pem", "/etc/ssl/untrusted/b.pem");
}

static nativecerts_store *new_store(const char *profile)
{
    nativecerts_options *o = nct_layout_options(root, profile);
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    nativecerts_options_free(o);
    return s;
}

static nativecerts_result *get(nativecerts_store *s)
{
    nativecerts_result *r = NULL;
    CHECK(nativecerts_store_get(s, &r) == NATIVECERTS_OK && r);
    return r;
}

static int has(const nativecerts_result *r, const char *fixture)
{
    return nct_find_trusted_fixture(r, fixture) >= 0;
}

/* Unchanged, the result is reused, and the store says the kernel watches it all. */
static void unchanged_is_reused_notified(void)
{
    make_debian();
    settle();
    nativecerts_store *s = new_store("linux");
    CHECK(nativecerts_store_get_mode(s) == NATIVECERTS_STORE_NOT_LOADED);
    nativecerts_result *r1 = get(s), *r2 = get(s);
    CHECK(r1 == r2);
    CHECK(nativecerts_store_get_mode(s) == NATIVECERTS_STORE_NOTIFIED);
    CHECK(has(r1, "root-a.der") && has(r1, "root-b.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

/* A store of profile on the layout as it is now (settled): its first result, then
 * change() and the next get, which must be a new load. */
typedef struct before_after {
    nativecerts_store *s;
    nativecerts_result *before, *after;
} before_after;

static before_after across(const char *profile, void (*change)(void))
{
    settle();
    before_after b = {new_store(profile), NULL, NULL};
    b.before = get(b.s);
    CHECK(nativecerts_store_get_mode(b.s) == NATIVECERTS_STORE_NOTIFIED);
    change();
    b.after = get(b.s);
    CHECK(b.after != b.before);
    return b;
}

static void done(before_after *b)
{
    nativecerts_result_free(b->before);
    nativecerts_result_free(b->after);
    nativecerts_store_free(b->s);
}

static void append_c_to_b(void)
{
    append("root-c.pem", "/etc/ssl/certs/B.pem");
}

/* A certificate appended in place to a file of a trust directory: the directory's
 * entries and times do not change, yet the next get has it. */
static void append_in_trust_dir_seen(void)
{
    make_debian();
    before_after b = across("linux", append_c_to_b);
    CHECK(!has(b.before, "root-c.der"));
    CHECK(has(b.after, "root-c.der") && has(b.after, "root-b.der"));
    done(&b);
}

static void rewrite_link_target(void)
{
    put("root-b.pem", "/usr/share/ca/c.crt"); /* truncated and rewritten: same inode */
    put("root-a.pem", "/usr/share/ca/c.crt");
}

/* An entry of a trust directory is a link to a file elsewhere (as Debian's links into
 * /usr/share/ca-certificates); that file is edited in place. */
static void dir_link_target_edited_seen(void)
{
    make_debian();
    put("root-c.pem", "/usr/share/ca/c.crt");
    link_at("/usr/share/ca/c.crt", "/etc/ssl/certs/c.pem");
    before_after b = across("linux", rewrite_link_target);
    CHECK(has(b.before, "root-c.der") && !has(b.after, "root-c.der"));
    done(&b);
}

static void distrust_a(void)
{
    put("root-a.der", "/etc/ssl/untrusted/a.der");
}

/* A file created in a distrust directory excludes its root at the next get. */
static void distrust_file_created_seen(void)
{
    make_freebsd();
    before_after b = across("freebsd", distrust_a);
    CHECK(has(b.before, "root-a.der") && !has(b.after, "root-a.der"));
    CHECK(nct_excluded_reason(b.after, "root-a.der") == NATIVECERTS_REASON_DISTRUSTED);
    done(&b);
}

/* Rewrites the bundle in place, then sets its modification time back. */
static void rewrite_bundle_keeping_mtime(void)
{
    char path[4300];
    path_of(path, sizeof path, "/etc/ssl/certs/ca-certificates.crt");
    struct stat old;
    CHECK(stat(path, &old) == 0);
    put("root-c.pem", "/etc/ssl/certs/ca-certificates.crt");
    struct timespec t[2] = {old.st_atim, old.st_mtim};
    CHECK(utimensat(AT_FDCWD, path, t, 0) == 0);
}

static void bundle_rewritten_in_place_seen(void)
{
    make_debian();
    before_after b = across("linux", rewrite_bundle_keeping_mtime);
    CHECK(has(b.before, "root-a.der"));
    CHECK(has(b.after, "root-c.der") && !has(b.after, "root-a.der"));
    done(&b);
}

/* The bundle is a link; it is retargeted to a file in another directory. Then that
 * file is edited in place (seen: its directory is watched now), and the old target
 * (seen no more: nothing leads to it) is edited. */
static void bundle_link_retargeted_seen(void)
{
    put("root-a.pem", "/usr/share/a/bundle.pem");
    put("root-c.pem", "/usr/share/c/bundle.pem");
    link_at("/usr/share/a/bundle.pem", "/etc/ssl/certs/ca-certificates.crt");
    settle();
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s);
    CHECK(has(r1, "root-a.der"));
    link_at("../../../usr/share/c/bundle.pem", "/etc/ssl/certs/.tmp");
    char from[4300], to[4300];
    path_of(from, sizeof from, "/etc/ssl/certs/.tmp");
    path_of(to, sizeof to, "/etc/ssl/certs/ca-certificates.crt");
    CHECK(rename(from, to) == 0);
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && has(r2, "root-c.der") && !has(r2, "root-a.der"));
    append("root-b.pem", "/usr/share/c/bundle.pem");
    nativecerts_result *r3 = get(s);
    CHECK(r3 != r2 && has(r3, "root-b.der"));
    append("root-b.pem", "/usr/share/a/bundle.pem");
    nativecerts_result *r4 = get(s);
    CHECK(r4 == r3);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_result_free(r4);
    nativecerts_store_free(s);
}

/* The directory removed and made again: its new content is seen, and so is a change
 * inside it afterwards (the new directory is watched, not the old one). */
static void dir_removed_and_recreated_seen(void)
{
    make_debian();
    settle();
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s);
    CHECK(has(r1, "root-b.der"));
    char dir[4300];
    path_of(dir, sizeof dir, "/etc/ssl/certs");
    nct_rmtree(dir);
    put("root-a.pem", "/etc/ssl/certs/ca-certificates.crt");
    put("root-c.pem", "/etc/ssl/certs/C.pem");
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && has(r2, "root-c.der") && !has(r2, "root-b.der"));
    settle();
    nativecerts_result *r3 = get(s); /* r2 was loaded just after the files were written */
    nativecerts_result *r4 = get(s);
    CHECK(r4 == r3);
    append("root-b.pem", "/etc/ssl/certs/C.pem");
    nativecerts_result *r5 = get(s);
    CHECK(r5 != r4 && has(r5, "root-b.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_result_free(r4);
    nativecerts_result_free(r5);
    nativecerts_store_free(s);
}

static void make_second_candidate(void)
{
    put("root-a.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
}

/* No bundle and no /etc/pki at first; then the whole path is made and the second
 * candidate appears in it. */
static void missing_parents_appear_seen(void)
{
    put("root-b.pem", "/etc/ssl/certs/B.pem");
    before_after b = across("linux", make_second_candidate);
    CHECK(!has(b.before, "root-a.der") && has(b.after, "root-a.der"));
    done(&b);
}

/* Outside the root nothing is watched: a link inside the root that names /tmp/x leads
 * to the root's own /tmp/x; the host's /tmp/x changing does not reload, the root's
 * does. Every inode that the store's inotify instance watches is inside the root. */
static void watches_stay_inside_root(void)
{
    char host[200], rel[200];
    snprintf(rel, sizeof rel, "/tmp/nc-store-notify-%ld.pem", (long)getpid());
    snprintf(host, sizeof host, "%s", rel);
    nct_put_fixture("root-b.pem", host);
    put("root-a.pem", rel);
    link_at(rel, "/etc/ssl/certs/ca-certificates.crt");
    settle();
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s);
    CHECK(has(r1, "root-a.der") && !has(r1, "root-b.der"));
    nct_put_fixture("root-c.pem", host);
    nativecerts_result *r2 = get(s);
    CHECK(r2 == r1);
    /* Every watch: the fdinfo of the inotify descriptor lists its inode. */
    DIR *fds = opendir("/proc/self/fd");
    CHECK(fds != NULL);
    struct dirent *e;
    int watches = 0;
    while (fds && (e = readdir(fds))) {
        char link[300], target[256], info[300];
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0) continue;
        target[n] = '\0';
        if (strcmp(target, "anon_inode:inotify") != 0) continue;
        CHECK(fcntl(atoi(e->d_name), F_GETFD) & FD_CLOEXEC);
        snprintf(info, sizeof info, "/proc/self/fdinfo/%s", e->d_name);
        FILE *f = fopen(info, "r");
        char line[512];
        while (f && fgets(line, sizeof line, f)) {
            const char *p = strstr(line, " ino:");
            if (strncmp(line, "inotify", 7) != 0 || !p) continue;
            unsigned long long ino = strtoull(p + 5, NULL, 16);
            /* Is it an inode of the root's tree? */
            char cmd[4600];
            snprintf(cmd, sizeof cmd, "find '%s' -inum %llu | grep -q .", root, ino);
            CHECK(system(cmd) == 0);
            watches++;
        }
        if (f) fclose(f);
    }
    if (fds) closedir(fds);
    CHECK(watches > 0);
    put("root-c.pem", rel);
    nativecerts_result *r3 = get(s);
    CHECK(r3 != r2 && has(r3, "root-c.der"));
    unlink(host);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_store_free(s);
}

/* Without a root directory the host's paths are watched by name: files and a directory
 * given by the options, the directory's file appended to in place. */
static void host_paths_watched_without_root(void)
{
    /* The walk opens "/": under qemu-user's -L, that is the emulator's library directory
     * while /tmp/... is this machine's (its absolute paths fall through). */
    struct stat slash, real;
    int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int remapped = fd >= 0 && fstat(fd, &slash) == 0 && stat("/proc/self/root/", &real) == 0 &&
                   (slash.st_dev != real.st_dev || slash.st_ino != real.st_ino);
    if (fd >= 0) close(fd);
    if (remapped)
        exit(nct_skip("\"/\" is not this process's root directory here (qemu-user -L opens its "
                      "library directory for it): a walk from it cannot reach host paths"));
    char file[4300], dir[4300];
    path_of(file, sizeof file, "/bundle.pem");
    path_of(dir, sizeof dir, "/certs");
    put("root-a.pem", "/bundle.pem");
    put("root-b.pem", "/certs/b.pem");
    settle();
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == 0);
    CHECK(nativecerts_options_set_skip_platform(o, 1) == 0);
    CHECK(nativecerts_options_add_file(o, file) == 0 && nativecerts_options_add_dir(o, dir) == 0);
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    nativecerts_options_free(o);
    /* The first load walks / and /tmp, which other programs change meanwhile: their
     * recent change times may make the store load once more before it settles. */
    nativecerts_result *r1 = get(s), *r2 = get(s);
    if (r2 != r1) {
        nativecerts_result_free(r1);
        r1 = r2;
        r2 = get(s);
    }
    CHECK(r1 == r2 && nativecerts_store_get_mode(s) == NATIVECERTS_STORE_NOTIFIED);
    append("root-c.pem", "/certs/b.pem");
    nativecerts_result *r3 = get(s);
    CHECK(r3 != r2 && has(r3, "root-c.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_store_free(s);
}

/* ---- Changes while a load runs ------------------------------------------------------ */

typedef struct swapper {
    int ifd;
    const char *fixture;
    const char *rel;
} swapper;

/* Waits until the load has read the bundle (it closes it), then replaces the bundle by
 * rename keeping its modification time, while the load goes on through a large
 * directory. */
static void *swap_after_read(void *arg)
{
    swapper *w = arg;
    union {
        struct inotify_event e;
        char b[4096];
    } buf;
    for (int done = 0; !done;) {
        ssize_t n = read(w->ifd, buf.b, sizeof buf.b);
        if (n <= 0) break;
        for (ssize_t off = 0; off < n;) {
            struct inotify_event *e = (struct inotify_event *)(buf.b + off);
            if ((e->mask & IN_CLOSE_NOWRITE) && strcmp(e->name, "tls-ca-bundle.pem") == 0) done = 1;
            off += (ssize_t)(sizeof *e + e->len);
        }
    }
    replace_keeping_mtime(w->fixture, w->rel);
    return NULL;
}

/* The bundle is replaced by rename during the load, with its modification time kept:
 * the next get loads again and has the new bundle. */
static void rename_during_load(nativecerts_store_mode want)
{
    static const char *const bundle = "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem";
    put("root-a.pem", bundle);
    char path[4300];
    for (int i = 0; i < 3000; i++) { /* a directory that takes the load a while */
        snprintf(path, sizeof path, "%s/etc/ssl/certs/f%04d.txt", root, i);
        nct_write_str(path, "not a certificate\n");
    }
    settle();
    char dir[4300];
    path_of(dir, sizeof dir, "/etc/pki/ca-trust/extracted/pem");
    swapper w = {inotify_init1(IN_CLOEXEC), "root-c.pem", bundle};
    CHECK(w.ifd >= 0 && inotify_add_watch(w.ifd, dir, IN_CLOSE_NOWRITE) >= 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, swap_after_read, &w) == 0);
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s);
    pthread_join(t, NULL);
    close(w.ifd);
    CHECK(nativecerts_store_get_mode(s) == want);
    CHECK(has(r1, "root-a.der")); /* read before the swap */
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && has(r2, "root-c.der") && !has(r2, "root-a.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void rename_during_load_notified(void)
{
    rename_during_load(NATIVECERTS_STORE_NOTIFIED);
}

/* ---- Without inotify: limits reached ----------------------------------------------- */

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Runs fn in a child process in a user namespace of its own, whose inotify limits are
 * set to watches and instances (they count per user namespace; the host's are left
 * alone). Skips when user namespaces cannot be had here. */
static void with_inotify_limits(const char *watches, const char *instances, void (*fn)(void))
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (unshare(CLONE_NEWUSER) != 0)
            _exit(nct_skip(errno == EINVAL ? "unshare(CLONE_NEWUSER): EINVAL, as in a process of "
                                             "several threads (qemu-user runs one of its own)"
                                           : "unshare(CLONE_NEWUSER) refused"));
        if (write_file("/proc/self/setgroups", "deny") != 0 ||
            write_file("/proc/self/uid_map", "0 0 1") != 0 ||
            write_file("/proc/self/gid_map", "0 0 1") != 0 ||
            write_file("/proc/sys/user/max_inotify_watches", watches) != 0 ||
            write_file("/proc/sys/user/max_inotify_instances", instances) != 0)
            _exit(77);
        fn();
        _exit(nct_done());
    }
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        nct_rmtree(root);
        exit(nct_skip("no user namespace with its own inotify limits"));
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Stamped: the mode says so, an unchanged result is reused, and a bundle replaced by
 * rename (its modification time kept) is seen by the next get. */
static void stamped_notices_rename(void)
{
    make_debian();
    settle();
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s), *r2 = get(s);
    CHECK(nativecerts_store_get_mode(s) == NATIVECERTS_STORE_STAMPED);
    CHECK(r1 == r2 && has(r1, "root-a.der"));
    replace_keeping_mtime("root-c.pem", "/etc/ssl/certs/ca-certificates.crt");
    nativecerts_result *r3 = get(s);
    CHECK(r3 != r2 && has(r3, "root-c.der") && !has(r3, "root-a.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_store_free(s);
}

static void watch_limit_falls_back_to_stamps(void)
{
    with_inotify_limits("2", "10", stamped_notices_rename);
}

static void instance_limit_falls_back_to_stamps(void)
{
    with_inotify_limits("100", "0", stamped_notices_rename);
}

static void rename_during_load_stamped_child(void)
{
    rename_during_load(NATIVECERTS_STORE_STAMPED);
}

static void rename_during_load_stamped(void)
{
    /* One instance: the test's own, made before the store's. */
    with_inotify_limits("100", "1", rename_during_load_stamped_child);
}

/* ---- Lifetime ---------------------------------------------------------------------- */

/* nativecerts_store_set_max_age(INT64_MAX) ("never by age") still honours the mark
 * that makes the next get load again: files written just now may change unseen within
 * their time stamps' resolution. */
static void never_by_age_still_reloads_marked(void)
{
    make_debian(); /* written just now */
    nativecerts_store *s = new_store("linux");
    CHECK(nativecerts_store_set_max_age(s, INT64_MAX) == 0);
    nativecerts_result *r1 = get(s), *r2 = get(s);
    CHECK(r1 != r2);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static int fd_count(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* A child of fork() takes its own notifications: the change it makes is seen by its
 * get, and still by the parent's next get. */
static void forked_child_has_own_queue(void)
{
    make_debian();
    settle();
    nativecerts_store *s = new_store("linux");
    nativecerts_result *r1 = get(s);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        append("root-c.pem", "/etc/ssl/certs/B.pem");
        nativecerts_result *c = get(s);
        CHECK(c != r1 && has(c, "root-c.der"));
        nativecerts_result_free(c);
        nativecerts_result_free(r1); /* the child's copies: valgrind checks its leaks too */
        nativecerts_store_free(s);
        _exit(nct_done());
    }
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && has(r2, "root-c.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static atomic_int stop;

static void *churn(void *arg)
{
    (void)arg;
    for (int i = 0; !stop; i++) {
        replace_keeping_mtime(i % 2 ? "root-a.pem" : "root-c.pem",
                              "/etc/ssl/certs/ca-certificates.crt");
        put(i % 2 ? "root-b.pem" : "root-c.pem", "/etc/ssl/certs/B.pem");
        char path[4300];
        path_of(path, sizeof path, "/etc/ssl/certs/tmp.pem");
        if (i % 2)
            unlink(path);
        else
            nct_put_fixture("root-a.pem", path);
    }
    return NULL;
}

/* Stores made, used and freed while their files keep changing: no descriptor is left
 * open, and (under ThreadSanitizer) no race. */
static void freed_while_changes_arrive(void)
{
    make_debian();
    int before = fd_count();
    pthread_t t;
    CHECK(pthread_create(&t, NULL, churn, NULL) == 0);
    for (int i = 0; i < 60; i++) {
        nativecerts_store *s = new_store("linux");
        nativecerts_result *r1 = get(s), *r2 = get(s);
        nativecerts_store_free(s);
        CHECK(nativecerts_result_count(r1) >= 1 && nativecerts_result_count(r2) >= 1);
        nativecerts_result_free(r1);
        nativecerts_result_free(r2);
    }
    stop = 1;
    pthread_join(t, NULL);
    CHECK(before > 0 && fd_count() == before);
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"unchanged_is_reused_notified", unchanged_is_reused_notified},
        {"append_in_trust_dir_seen", append_in_trust_dir_seen},
        {"dir_link_target_edited_seen", dir_link_target_edited_seen},
        {"distrust_file_created_seen", distrust_file_created_seen},
        {"bundle_rewritten_in_place_seen", bundle_rewritten_in_place_seen},
        {"bundle_link_retargeted_seen", bundle_link_retargeted_seen},
        {"dir_removed_and_recreated_seen", dir_removed_and_recreated_seen},
        {"missing_parents_appear_seen", missing_parents_appear_seen},
        {"watches_stay_inside_root", watches_stay_inside_root},
        {"host_paths_watched_without_root", host_paths_watched_without_root},
        {"rename_during_load_notified", rename_during_load_notified},
        {"rename_during_load_stamped", rename_during_load_stamped},
        {"watch_limit_falls_back_to_stamps", watch_limit_falls_back_to_stamps},
        {"instance_limit_falls_back_to_stamps", instance_limit_falls_back_to_stamps},
        {"never_by_age_still_reloads_marked", never_by_age_still_reloads_marked},
        {"forked_child_has_own_queue", forked_child_has_own_queue},
        {"freed_while_changes_arrive", freed_while_changes_arrive},
    };
    nct_tmpdir(root, sizeof root);
    int rc = nct_main(argc, argv, cases, sizeof cases / sizeof *cases);
    nct_rmtree(root);
    return rc;
}
