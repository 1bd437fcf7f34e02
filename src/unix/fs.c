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
#include <sys/vfs.h>
#define NC__PROC_SUPER_MAGIC 0x9fa0 /* <linux/magic.h> */
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
    fs->proc_fd = -2;
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
    if (fs->proc_fd >= 0) close(fs->proc_fd);
    fs->root_fd = -1;
    fs->proc_fd = -2;
}

void nc__fs_force_fallback(nc__fs *fs)
{
    fs->use_openat2 = 0;
}

#if defined(O_PATH) && O_PATH != O_RDONLY
#define NC__DIR_WALK O_PATH /* Linux: no read permission needed to pass through */
#elif defined(O_SEARCH)
#define NC__DIR_WALK O_SEARCH
#else
#define NC__DIR_WALK O_RDONLY
#endif

#define NC__MAX_DEPTH 256

/* Resolves path inside the root by hand, one component at a time, holding a descriptor
 * for each directory walked: a directory is opened with O_NOFOLLOW and the last
 * component is opened by the caller with O_NOFOLLOW, so a component swapped for a link
 * meanwhile fails (ELOOP, ENOTDIR) instead of leading out of the root. Links are read
 * and their text walked in turn: absolute ones from the root, ".." never above it.
 * On success *dir_fd is the directory that holds the last component (root_fd itself,
 * or a descriptor the caller closes) and name is that component, or "." when the path
 * names a directory walked to. Work is bounded: NC__MAX_LINKS links, PATH_MAX bytes
 * pending, NC__MAX_DEPTH directories deep. */
static int resolve_by_hand(int root_fd, const char *path, int *dir_fd, char name[NAME_MAX + 1])
{
    char pending[2 * PATH_MAX + 2]; /* what is left to walk, link text prepended */
    size_t plen = strlen(path);
    if (plen == 0) return -ENOENT; /* as open(""); not the root itself */
    if (plen >= sizeof pending) return -ENAMETOOLONG;
    memcpy(pending, path, plen + 1);
    int stack[NC__MAX_DEPTH]; /* stack[0] is the root; the others are ours */
    int depth = 0, links = 0, r = 0;
    stack[0] = root_fd;
    name[0] = '\0';
    size_t pos = 0;
    while (pos < plen) {
        while (pos < plen && pending[pos] == '/')
            pos++;
        size_t start = pos;
        while (pos < plen && pending[pos] != '/')
            pos++;
        size_t n = pos - start;
        if (n == 0 || (n == 1 && pending[start] == '.')) continue;
        if (n == 2 && pending[start] == '.' && pending[start + 1] == '.') {
            if (depth > 0) close(stack[depth--]); /* ".." at the root stays at the root */
            continue;
        }
        if (n > NAME_MAX) {
            r = -ENAMETOOLONG;
            break;
        }
        char comp[NAME_MAX + 1];
        memcpy(comp, pending + start, n);
        comp[n] = '\0';
        size_t after = pos;
        while (after < plen && pending[after] == '/')
            after++;
        int last = after == plen;
        struct stat st;
        if (fstatat(stack[depth], comp, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            r = -errno;
            break;
        }
        if (S_ISLNK(st.st_mode)) {
            char target[PATH_MAX];
            ssize_t t = ++links > NC__MAX_LINKS
                            ? (errno = ELOOP, -1)
                            : readlinkat(stack[depth], comp, target, sizeof target);
            if (t < 0 || (size_t)t >= sizeof target) {
                r = t < 0 ? -errno : -ENAMETOOLONG;
                break;
            }
            if (target[0] == '/') /* absolute: from the root */
                while (depth > 0)
                    close(stack[depth--]);
            /* Replace what was walked of pending by the link text, keep the rest. */
            size_t rest = plen - pos;
            if ((size_t)t + 1 + rest + 1 > sizeof pending) {
                r = -ENAMETOOLONG;
                break;
            }
            memmove(pending + t + 1, pending + pos, rest + 1);
            memcpy(pending, target, (size_t)t);
            pending[t] = '/';
            plen = (size_t)t + 1 + rest;
            pos = 0;
            continue;
        }
        if (last) {
            memcpy(name, comp, n + 1);
            break;
        }
        if (depth + 1 >= NC__MAX_DEPTH) {
            r = -ENAMETOOLONG;
            break;
        }
        int fd = openat(stack[depth], comp, NC__DIR_WALK | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            r = -errno;
            break;
        }
        stack[++depth] = fd;
    }
    if (r == 0) {
        if (!name[0]) strcpy(name, "."); /* the path names a directory walked to */
        *dir_fd = stack[depth];          /* kept open for the caller; the ones above it closed */
        for (int i = 1; i < depth; i++)
            close(stack[i]);
        return 0;
    }
    while (depth > 0)
        close(stack[depth--]);
    return r;
}

/* Runs the by-hand resolution, then opens (or, open_flags < 0, stats) the result. */
static int by_hand(int root_fd, const char *path, int open_flags, struct stat *st)
{
    int dir_fd;
    char name[NAME_MAX + 1];
    int r = resolve_by_hand(root_fd, path, &dir_fd, name);
    if (r) return r;
    if (open_flags >= 0) {
        r = openat(dir_fd, name, open_flags | O_NOFOLLOW);
        if (r < 0) r = -errno;
    } else {
        r = fstatat(dir_fd, name, st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
    }
    if (dir_fd != root_fd) close(dir_fd);
    return r;
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
    return by_hand(fs->root_fd, path, flags, NULL);
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
    if (!fs->use_openat2) return by_hand(fs->root_fd, path, -1, st);
    int fd = rooted_open(fs, path, O_PATH);
    if (fd < 0) return fd;
    int r = fstat(fd, st) == 0 ? 0 : -errno;
    close(fd);
    return r;
}

int nc__fs_dangling_link(const nc__fs *fs, const char *path, char *buf, size_t n)
{
    struct stat st;
    const char *slash = strrchr(path, '/');
    if (n == 0 || !slash || !slash[1] || nc__fs_stat(fs, path, &st) != -ENOENT) return 0;
    char dir[4096];
    size_t dlen = slash == path ? 1 : (size_t)(slash - path);
    if (dlen >= sizeof dir) return 0;
    memcpy(dir, path, dlen);
    dir[dlen] = '\0';
    int dfd = nc__fs_open(fs, dir, O_PATH | O_DIRECTORY);
    if (dfd < 0) return 0;
    ssize_t k = -1;
    if (fstatat(dfd, slash + 1, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        k = readlinkat(dfd, slash + 1, buf, n - 1);
    close(dfd);
    if (k < 0) return 0;
    buf[k] = '\0';
    return 1;
}

static int entry_path(char *buf, size_t n, const char *dir_path, const char *name)
{
    int w = snprintf(buf, n, "%s/%s", dir_path, name);
    return w < 0 || (size_t)w >= n ? -ENAMETOOLONG : 0;
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

/* Opens name (a path, or an entry of dir_fd) with flags. */
static int open_named(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      int flags)
{
    return dir_fd >= 0 ? nc__fs_open_entry(fs, dir_fd, dir_path, name, flags)
                       : nc__fs_open(fs, name, flags);
}

#define NC__READ_FLAGS (O_RDONLY | O_NONBLOCK)

#if defined(__linux__)
#define NC__NO_PROC (INT_MIN + 1)

/* This thread's descriptor directory, /proc/thread-self/fd (Linux 3.17+), opened once
 * per fs. thread-self, not self: a thread that unshared its descriptor table finds its
 * own descriptors there. Returns it, NC__NO_PROC when there is none (procfs not
 * mounted, a chroot, a sandbox; remembered), or -errno when descriptors ran out (an
 * error of this call, tried again next time). A directory there that is not procfs
 * (something mounted or planted at /proc) is not used. */
static int proc_fd_dir(nc__fs *fs)
{
    if (fs->proc_fd >= 0) return fs->proc_fd;
    if (fs->proc_fd == -1) return NC__NO_PROC;
    int fd = open("/proc/thread-self/fd", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS))
        return -errno;
    struct statfs sfs;
    if (fd >= 0 && (fstatfs(fd, &sfs) != 0 || sfs.f_type != NC__PROC_SUPER_MAGIC)) {
        close(fd);
        fd = -1;
    }
    fs->proc_fd = fd;
    return fd >= 0 ? fd : NC__NO_PROC;
}

/* Opens for reading the very file of the O_PATH descriptor pfd, through its procfs
 * link (which leads to that file, not to whatever its path names now). Returns the
 * descriptor, -errno, or NC__NO_PROC. */
static int reopen_through_proc(nc__fs *fs, int pfd)
{
    int dir = proc_fd_dir(fs);
    if (dir < 0) return dir;
    char num[16];
    snprintf(num, sizeof num, "%d", pfd);
    int fd = openat(dir, num, NC__READ_FLAGS | O_CLOEXEC | O_NOCTTY);
    return fd < 0 ? -errno : fd;
}
#else
/* stat(2) of name (a path, or an entry of dir_fd), following links. */
static int stat_named(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      struct stat *st)
{
    if (dir_fd < 0) return nc__fs_stat(fs, name, st);
    if (fs->root_fd < 0) return fstatat(dir_fd, name, st, 0) == 0 ? 0 : -errno;
    char path[PATH_MAX];
    int r = entry_path(path, sizeof path, dir_path, name);
    return r ? r : nc__fs_stat(fs, path, st);
}
#endif

/* Knowing the type before opening for reading.
 *
 * Linux: the name is resolved (by the kernel or by hand inside a root, or plainly) to
 * an O_PATH descriptor, which opens nothing: no driver's open runs, a FIFO does not
 * block. fstat of it gives the type. A regular file is then opened for reading through
 * /proc/thread-self/fd/N, which leads to the very file that was checked, whatever
 * happens to its path meanwhile. (Linux has no other way to upgrade an O_PATH
 * descriptor: open accepts no empty path. The only thing outside a root this touches
 * is the process's own descriptor table, never a file of the host.)
 *
 * Without procfs (not mounted, a chroot, a sandbox), the type comes from that O_PATH
 * descriptor, and on systems without O_PATH from a stat of the same resolution; a
 * regular file is then opened by name again. That leaves a window: a path swapped for
 * a device between the two gets that device opened (O_NONBLOCK, and refused by the
 * fstat that follows; comparing device and inode could not undo that open).
 * Swapping needs write access to a directory on the path and, inside a root, a device
 * node made there; a device that is in place beforehand, as in an image, is never
 * opened. What the second open finds is judged by its own fstat: a regular file is
 * read (what the path names at that moment, as any open finds it), anything else is
 * refused. */
int nc__fs_open_regular(nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                        struct stat *st)
{
    int r;
#if defined(__linux__)
    int pfd = open_named(fs, dir_fd, dir_path, name, O_PATH);
    if (pfd < 0) return pfd;
    r = fstat(pfd, st) != 0 ? -errno : S_ISREG(st->st_mode) ? 0 : NC__FS_NOT_REGULAR;
    if (r == 0) r = reopen_through_proc(fs, pfd);
    close(pfd);
    if (r != NC__NO_PROC) return r;
#else
    r = stat_named(fs, dir_fd, dir_path, name, st);
    if (r) return r;
    if (!S_ISREG(st->st_mode)) return NC__FS_NOT_REGULAR;
#endif
    int fd = open_named(fs, dir_fd, dir_path, name, NC__READ_FLAGS);
    if (fd < 0) return fd;
    if (fstat(fd, st) != 0)
        r = -errno;
    else if (!S_ISREG(st->st_mode))
        r = NC__FS_NOT_REGULAR;
    else
        return fd;
    close(fd);
    return r;
}
