/* The Unix backend: environment, root directory, and the walk over a profile's row
 * (docs/unix-stores.md). The rows themselves are in profiles.c. */
#include "core/backend.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/auxv.h>
#endif

#if defined(__APPLE__)
#include "macos/keychain.h"
#endif
#include "unix/android.h"
#include "unix/file_load.h"
#include "unix/fs.h"

struct nc__backend {
    nc__unix_load u;
    nc__fs fs;
    int root_ok;
    int rooted; /* a root directory was given: the image's store, not this machine's */
};

int nc__env_get(const char *name, char **value, int *ignored)
{
    const char *plain = getenv(name);
    *value = NULL;
    *ignored = 0;
    if (!plain) return 0;
        /* Whether this process runs set-user-ID or set-group-ID (docs/environment.md), asked
         * the way its C library answers best. This is per C library and kernel, not per
         * profile: a profile says where an image keeps its roots and can be chosen on any
         * build, while this asks about the running process. A new profile needs no line
         * here: the last branch (real and effective ids differ) works on any POSIX system;
         * a line for a system's own call only makes the answer finer. */
#if defined(__linux__) && !defined(__ANDROID__)
    const char *v = secure_getenv(name); /* glibc 2.17+, musl */
#elif defined(__ANDROID__)
    const char *v = getauxval(AT_SECURE) ? NULL : plain;
#elif defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__) ||                       \
    defined(__DragonFly__) || defined(__APPLE__) || defined(__sun)
    const char *v = issetugid() ? NULL : plain;
#else
    const char *v = getuid() != geteuid() || getgid() != getegid() ? NULL : plain;
#endif
    if (!v) {
        *ignored = 1;
        return 0;
    }
    size_t n = strlen(v) + 1;
    if (!(*value = malloc(n))) return -1;
    memcpy(*value, v, n);
    return 0;
}

char nc__env_dir_separator(void)
{
    return ':';
}

nc__backend *nc__backend_open(nc__collect *c, const nativecerts_options *opts)
{
    nc__backend *b = calloc(1, sizeof *b);
    if (!b) {
        nc__collect_exhausted(c, ENOMEM);
        return NULL;
    }
    b->u.c = c;
    b->u.fs = &b->fs;
    b->u.max_file_size = opts->max_file_size;
    int r = nc__fs_init(&b->fs, opts->root);
    b->root_ok = r == 0;
    b->rooted = opts->root != NULL;
    if (opts->resolve_by_hand) nc__fs_force_fallback(&b->fs);
    b->u.ignore_d_type = opts->ignore_d_type;
    if (r)
        nc__collect_error(c, NC__NONE, NATIVECERTS_ERROR_IO, opts->root, 0, -r,
                          "cannot open the root directory");
    return b;
}

void nc__backend_close(nc__backend *b)
{
    if (!b) return;
    nc__fs_close(&b->fs);
    free(b);
}

/* A path added (or named by a variable) under a root that cannot be opened is failed, as
 * the profile's places are: nothing was looked at, and the root's one error says why. */
void nc__backend_load_file(nc__backend *b, uint32_t source, const char *path)
{
    if (b->root_ok)
        nc__file_load(&b->u, source, path, NC__ROLE_TRUST, NC__ABSENT_ERROR);
    else
        nc__collect_status(b->u.c, source, NATIVECERTS_STATUS_FAILED);
}

void nc__backend_load_dir(nc__backend *b, uint32_t source, const char *path)
{
    if (b->root_ok)
        nc__dir_load(&b->u, source, path, NC__ROLE_TRUST, NC__ABSENT_ERROR);
    else
        nc__collect_status(b->u.c, source, NATIVECERTS_STATUS_FAILED);
}

static void report_list(nc__collect *c, const char *const *paths, nativecerts_source_kind kind,
                        nativecerts_source_status why)
{
    for (; *paths; paths++)
        nc__collect_status(c, nc__collect_source(c, kind, "profile", *paths, NULL), why);
}

static void report_keychain(nc__collect *c, nativecerts_source_status why)
{
    static const char *const domains[] = {"keychain:user", "keychain:admin", "keychain:system"};
    for (size_t i = 0; i < 3; i++)
        nc__collect_status(
            c, nc__collect_source(c, NATIVECERTS_SOURCE_STORE, "store", domains[i], NULL), why);
}

void nc__backend_report_unused(nc__backend *b, const nc__profile *p, nativecerts_source_status why)
{
    nc__collect *c = b->u.c;
    if (p->keychain) report_keychain(c, why);
    if (p->android) nc__android_report_unused(c, p->android, why);
    report_list(c, p->bundles, NATIVECERTS_SOURCE_FILE, why);
    report_list(c, p->dirs, NATIVECERTS_SOURCE_DIRECTORY, why);
    report_list(c, p->distrust_dirs, NATIVECERTS_SOURCE_DISTRUST_DIR, why);
}

void nc__backend_load_store(nc__backend *b, const nc__profile *p)
{
    nc__collect *c = b->u.c;
    if (!b->root_ok) {
        nc__backend_report_unused(b, p, NATIVECERTS_STATUS_FAILED);
        return;
    }
    /* The keychain's trust settings are this machine's, asked of its Security framework:
     * under a root they would pass for the image's, so they are not read there. */
    if (p->keychain && b->rooted) report_keychain(c, NATIVECERTS_STATUS_IGNORED_OPTION);
#if defined(__APPLE__)
    else if (p->keychain)
        nc__keychain_load(c);
#endif
    if (p->android) nc__android_load(&b->u, p->android);
    /* The first bundle that exists is the bundle; if it cannot be read, that is an
     * error and no later candidate stands in for it. A candidate whose path does not
     * resolve (a component missing or not a directory, a dangling link) does not exist:
     * the next one is tried. */
    int found = 0;
    for (const char *const *f = p->bundles; *f; f++) {
        uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, "profile", *f, NULL);
        if (found) {
            /* Looked at (one stat, never opened): a candidate that does not exist is
             * missing, not shadowed, so that the report says what is there. */
            struct stat st;
            nc__collect_status(c, s,
                               nc__fs_stat(&b->fs, *f, &st) == 0 ? NATIVECERTS_STATUS_SHADOWED
                                                                 : NATIVECERTS_STATUS_MISSING);
            continue;
        }
        found = nc__file_load(&b->u, s, *f, NC__ROLE_TRUST, NC__ABSENT_OK) !=
                NATIVECERTS_STATUS_MISSING;
    }
    for (const char *const *d = p->dirs; *d; d++) {
        uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", *d, NULL);
        nc__dir_load(&b->u, s, *d, NC__ROLE_TRUST, NC__ABSENT_OK);
    }
    /* An untrusted directory that exists but cannot be read completely leaves the load
     * unable to know what it distrusts: marked as a distrust place of every certificate
     * first, so that any error read there excludes them all as distrust-unknown. */
    for (const char *const *d = p->distrust_dirs; *d; d++) {
        uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_DISTRUST_DIR, "profile", *d, NULL);
        nc__collect_distrust_place(c, s, NC__NONE);
        nc__dir_load(&b->u, s, *d, NC__ROLE_DISTRUST, NC__ABSENT_OK);
    }
}

static int64_t ns(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int nc__backend_stamp(const nativecerts_options *opts, const char *const *paths, size_t n,
                      nc__stamp *out)
{
    nc__fs fs;
    if (nc__fs_init(&fs, opts->root) != 0) return -1;
    if (opts->resolve_by_hand) nc__fs_force_fallback(&fs);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        nc__stamp *s = &out[i];
        memset(s, 0, sizeof *s);
        if (nc__fs_stat(&fs, paths[i], &st) != 0) continue;
        s->exists = 1;
        s->dev = (uint64_t)st.st_dev;
        s->ino = (uint64_t)st.st_ino;
        s->size = (uint64_t)st.st_size;
#if defined(__APPLE__)
        s->mtime_ns = ns(st.st_mtimespec);
        s->ctime_ns = ns(st.st_ctimespec);
#else
        s->mtime_ns = ns(st.st_mtim);
        s->ctime_ns = ns(st.st_ctim);
#endif
    }
    nc__fs_close(&fs);
    return 0;
}

/* Mixes v into h (splitmix64's finaliser). */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) + 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

/* Mixes the result of a stat (r: 0 or -errno) into h. */
static uint64_t mix_stat(uint64_t h, int r, const struct stat *st, int64_t *newest)
{
    if (r != 0) return mix(h, (uint64_t)(int64_t)r);
#if defined(__APPLE__)
    int64_t m = ns(st->st_mtimespec), c = ns(st->st_ctimespec);
#else
    int64_t m = ns(st->st_mtim), c = ns(st->st_ctim);
#endif
    /* The change time too: a file renamed into place keeps its old mtime. */
    if (m > *newest) *newest = m;
    if (c > *newest) *newest = c;
    h = mix(h, (uint64_t)st->st_dev);
    h = mix(h, (uint64_t)st->st_ino);
    h = mix(h, (uint64_t)st->st_mode);
    h = mix(h, (uint64_t)st->st_size);
    h = mix(h, (uint64_t)m);
    return mix(h, (uint64_t)c);
}

int nc__backend_stamp_entries(const nativecerts_options *opts, const char *path,
                              nc__entries_stamp *out)
{
    out->digest = 0;
    out->newest_ns = 0;
    nc__fs fs;
    if (nc__fs_init(&fs, opts->root) != 0) return -1;
    if (opts->resolve_by_hand) nc__fs_force_fallback(&fs);
    int fd = nc__fs_open(&fs, path, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
    if (fd < 0) {
        /* A place that cannot be opened: the reason is its stamp (it stays the same
         * while the place does), unless the system ran short: then nothing is known. */
        out->digest = mix(0, (uint64_t)(int64_t)fd);
        nc__fs_close(&fs);
        return nc__errno_is_exhaustion(-fd) ? -1 : 0;
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        nc__fs_close(&fs);
        return -1;
    }
    /* Entries are summed, so that the order readdir gives them in does not count. */
    uint64_t sum = 0, count = 0;
    size_t plen = strlen(path);
    char full[4096];
    int r = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) r = -1;
            break;
        }
        const char *name = e->d_name;
        if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
        if (plen + strlen(name) + 2 > sizeof full) {
            r = -1;
            break;
        }
        snprintf(full, sizeof full, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", name);
        uint64_t h = 0;
        for (const char *p = name; *p; p++)
            h = mix(h, (unsigned char)*p);
        struct stat st;
        /* The entry itself (never followed: safe inside a root), then what it leads to. */
        int lr = fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
        h = mix_stat(h, lr, &st, &out->newest_ns);
        int fr = nc__fs_stat(&fs, full, &st);
        if ((lr && nc__errno_is_exhaustion(-lr)) || (fr && nc__errno_is_exhaustion(-fr))) {
            r = -1;
            break;
        }
        h = mix_stat(h, fr, &st, &out->newest_ns);
        sum += h;
        count++;
    }
    closedir(d);
    nc__fs_close(&fs);
    out->digest = mix(sum, count);
    return r;
}

/* ---- Small files that tools read (os-release) --------------------------------------- */

/* Opens path for reading inside the root, never blocking, and only when it is a regular
 * file (a device is never opened for reading); its size in *size. Returns the
 * descriptor, or a negative errno: -EISDIR for a directory, -EINVAL for another file
 * that is not regular. */
static int open_regular_file(nc__fs *fs, const char *path, uint64_t *size)
{
    struct stat st;
    int fd = nc__fs_open_regular(fs, -1, NULL, path, &st);
    if (fd == NC__FS_NOT_REGULAR) return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
    if (fd >= 0) *size = (uint64_t)st.st_size;
    return fd;
}

int nc__backend_dangling_link(const char *root, const char *path, char *buf, size_t n)
{
    nc__fs fs;
    if (nc__fs_init(&fs, root) != 0) return 0;
    int r = nc__fs_dangling_link(&fs, path, buf, n);
    nc__fs_close(&fs);
    return r;
}

int nc__backend_read_small_file(const nativecerts_options *opts, const char *path, char *buf,
                                size_t n, size_t *len)
{
    nc__fs fs;
    int r = nc__fs_init(&fs, opts->root);
    if (r) return r;
    if (opts->resolve_by_hand) nc__fs_force_fallback(&fs);
    uint64_t size = 0;
    int fd = open_regular_file(&fs, path, &size);
    nc__fs_close(&fs);
    if (fd < 0) return fd;
    /* Read to the end, whatever the size said (procfs says 0), never past n - 1 bytes. */
    size_t got = 0;
    r = size >= n ? -EFBIG : 0;
    while (r == 0) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno != EINTR) r = -errno;
        if (k == 0) break;
        if (k > 0 && (got += (size_t)k) >= n) r = -EFBIG; /* no room left for the NUL */
    }
    close(fd);
    if (r) return r;
    buf[got] = '\0';
    if (len) *len = got;
    return 0;
}
