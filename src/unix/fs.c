/* Path resolution with an optional root. With a root, absolute symbolic links and ".."
 * must stay inside it: the kernel does this with openat2(RESOLVE_IN_ROOT) (Linux 5.6+);
 * elsewhere we walk the path one component at a time, reading each link ourselves. */
#include "unix/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/syscall.h>
#endif

#if defined(__linux__) && defined(SYS_openat2)
#define NC__HAVE_OPENAT2 1
/* Declared here so the build does not depend on <linux/openat2.h> being installed. */
struct nc__open_how {
    unsigned long long flags, mode, resolve;
};
#define NC__RESOLVE_NO_MAGICLINKS 0x02
#define NC__RESOLVE_IN_ROOT 0x10
#endif

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

#define NC__MAX_LINKS 40 /* as Linux's MAXSYMLINKS */

int nc__fs_init(nc__fs *fs, const char *root)
{
    fs->root_fd = -1;
    fs->use_openat2 = 0;
    if (!root) return 0;
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -errno;
    fs->root_fd = fd;
#ifdef NC__HAVE_OPENAT2
    struct nc__open_how how = {O_PATH | O_CLOEXEC, 0, NC__RESOLVE_IN_ROOT};
    int probe = (int)syscall(SYS_openat2, fd, ".", &how, sizeof how);
    if (probe >= 0) {
        close(probe);
        fs->use_openat2 = 1;
    }
#endif
    return 0;
}

void nc__fs_close(nc__fs *fs)
{
    if (fs->root_fd >= 0) close(fs->root_fd);
    fs->root_fd = -1;
}

void nc__fs_force_fallback(nc__fs *fs)
{
    fs->use_openat2 = 0;
}

/* Appends component comp[0..n) to out (a path relative to the root, "" for the root). */
static int push_component(char *out, size_t *len, const char *comp, size_t n)
{
    if (*len + (*len ? 1 : 0) + n + 1 > PATH_MAX) return -ENAMETOOLONG;
    if (*len) out[(*len)++] = '/';
    memcpy(out + *len, comp, n);
    *len += n;
    out[*len] = '\0';
    return 0;
}

static void pop_component(char *out, size_t *len)
{
    while (*len > 0 && out[*len - 1] != '/')
        (*len)--;
    if (*len > 0) (*len)--; /* the separator */
    out[*len] = '\0';
}

/* Resolves path inside the root by hand into out, relative to root_fd, with every
 * symbolic link expanded, so that the result names no link and does not leave the
 * root. Work is bounded: at most NC__MAX_LINKS links, PATH_MAX bytes pending. The
 * caller opens out with O_NOFOLLOW. */
static int resolve_by_hand(int root_fd, const char *path, char *out)
{
    char pending[2 * PATH_MAX + 2]; /* what is left to walk, link text prepended */
    size_t plen = strlen(path);
    if (plen == 0) return -ENOENT; /* as open(""); not the root itself */
    if (plen >= sizeof pending) return -ENAMETOOLONG;
    memcpy(pending, path, plen + 1);
    size_t pos = 0, len = 0;
    int links = 0;
    out[0] = '\0';
    while (pos < plen) {
        while (pos < plen && pending[pos] == '/')
            pos++;
        size_t start = pos;
        while (pos < plen && pending[pos] != '/')
            pos++;
        size_t n = pos - start;
        if (n == 0 || (n == 1 && pending[start] == '.')) continue;
        if (n == 2 && pending[start] == '.' && pending[start + 1] == '.') {
            pop_component(out, &len); /* ".." at the root stays at the root */
            continue;
        }
        size_t saved = len;
        int r = push_component(out, &len, pending + start, n);
        if (r) return r;
        struct stat st;
        if (fstatat(root_fd, out, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            /* A missing last component is the caller's ENOENT; so is a missing middle. */
            return -errno;
        }
        if (!S_ISLNK(st.st_mode)) continue;
        if (++links > NC__MAX_LINKS) return -ELOOP;
        char target[PATH_MAX];
        ssize_t t = readlinkat(root_fd, out, target, sizeof target);
        if (t < 0) return -errno;
        if ((size_t)t >= sizeof target) return -ENAMETOOLONG;
        len = saved;
        out[len] = '\0';
        if (target[0] == '/') len = 0, out[0] = '\0'; /* absolute: from the root */
        /* Replace what was walked of pending by the link text, keep the rest. */
        size_t rest = plen - pos;
        if ((size_t)t + 1 + rest + 1 > sizeof pending) return -ENAMETOOLONG;
        memmove(pending + t + 1, pending + pos, rest + 1);
        memcpy(pending, target, (size_t)t);
        pending[t] = '/';
        plen = (size_t)t + 1 + rest;
        pos = 0;
    }
    if (len == 0) strcpy(out, ".");
    return 0;
}

static int rooted_open(const nc__fs *fs, const char *path, int flags)
{
    /* openat2 refuses O_PATH with other flags than these; open ignores them. */
    flags |= (flags & O_PATH) == O_PATH ? O_CLOEXEC : O_CLOEXEC | O_NOCTTY;
#ifdef NC__HAVE_OPENAT2
    if (fs->use_openat2) {
        struct nc__open_how how = {(unsigned long long)flags, 0,
                                   NC__RESOLVE_IN_ROOT | NC__RESOLVE_NO_MAGICLINKS};
        int fd;
        do
            fd = (int)syscall(SYS_openat2, fs->root_fd, path, &how, sizeof how);
        while (fd < 0 && errno == EAGAIN); /* a concurrent rename inside the root */
        return fd < 0 ? -errno : fd;
    }
#endif
    char rel[PATH_MAX];
    int r = resolve_by_hand(fs->root_fd, path, rel);
    if (r) return r;
    int fd = openat(fs->root_fd, rel, flags | O_NOFOLLOW);
    return fd < 0 ? -errno : fd;
}

int nc__fs_open(const nc__fs *fs, const char *path, int flags)
{
    if (fs->root_fd >= 0) return rooted_open(fs, path, flags);
    int fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
    return fd < 0 ? -errno : fd;
}

int nc__fs_stat(const nc__fs *fs, const char *path, struct stat *st)
{
    if (fs->root_fd < 0) return stat(path, st) == 0 ? 0 : -errno;
    if (!fs->use_openat2) {
        char rel[PATH_MAX];
        int r = resolve_by_hand(fs->root_fd, path, rel);
        if (r) return r;
        return fstatat(fs->root_fd, rel, st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
    }
    int fd = rooted_open(fs, path, O_PATH);
    if (fd < 0) return fd;
    int r = fstat(fd, st) == 0 ? 0 : -errno;
    close(fd);
    return r;
}

static int entry_path(char *buf, size_t n, const char *dir_path, const char *name)
{
    int w = snprintf(buf, n, "%s/%s", dir_path, name);
    return w < 0 || (size_t)w >= n ? -ENAMETOOLONG : 0;
}

int nc__fs_stat_entry(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      struct stat *st)
{
    if (fs->root_fd < 0) return fstatat(dir_fd, name, st, 0) == 0 ? 0 : -errno;
    char path[PATH_MAX];
    int r = entry_path(path, sizeof path, dir_path, name);
    return r ? r : nc__fs_stat(fs, path, st);
}

int nc__fs_open_entry(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      int flags)
{
    if (fs->root_fd < 0) {
        int fd = openat(dir_fd, name, flags | O_CLOEXEC | O_NOCTTY);
        return fd < 0 ? -errno : fd;
    }
    char path[PATH_MAX];
    int r = entry_path(path, sizeof path, dir_path, name);
    return r ? r : nc__fs_open(fs, path, flags);
}
