/* The file system as the load sees it: the real one, or a directory treated as "/"
 * (the root option). Every path is resolved here, so nothing else knows about roots.
 * Functions return a descriptor or 0 on success, or a negative errno. */
#ifndef NC_UNIX_FS_H
#define NC_UNIX_FS_H

#include <limits.h>
#include <stddef.h>
#include <sys/stat.h>

typedef struct nc__fs {
    int root_fd;     /* -1: no root, paths are the host's */
    int use_openat2; /* root resolution by the kernel (RESOLVE_IN_ROOT); else by hand */
    int proc_fd;     /* Linux: this thread's descriptor directory in procfs, opened when
                        first needed (see nc__fs_open_regular); -1 none, -2 not tried */
} nc__fs;

/* Sets up fs for root (NULL: the host). Returns 0 or -errno for an unusable root. */
int nc__fs_init(nc__fs *fs, const char *root);
void nc__fs_close(nc__fs *fs);

/* Test hook: resolve roots by hand even where the kernel offers openat2. */
void nc__fs_force_fallback(nc__fs *fs);

/* stat(2) following symbolic links, inside the root. */
int nc__fs_stat(const nc__fs *fs, const char *path, struct stat *st);
/* open(2) following symbolic links, inside the root; flags get O_CLOEXEC|O_NOCTTY. */
int nc__fs_open(const nc__fs *fs, const char *path, int flags);

/* Whether path is a symbolic link that leads nowhere, inside the root: 1 with its target
 * in buf (NUL-terminated, cut to n - 1 bytes, n > 0), else 0. Its directory is opened
 * O_PATH (following links inside the root), the link itself only read (readlinkat). */
int nc__fs_dangling_link(const nc__fs *fs, const char *path, char *buf, size_t n);

/* open(2) of an entry `name` of a directory opened as dir_fd from dir_path: a plain
 * openat() without a root, a resolution of "dir_path/name" inside one. */
int nc__fs_open_entry(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      int flags);

/* What nc__fs_open_regular returns for a file that exists but is not a regular file. */
#define NC__FS_NOT_REGULAR INT_MIN

/* Opens a file for reading only once it is known to be a regular file: a device is
 * never opened for reading (its driver's open runs on open: a watchdog arms, a tape
 * rewinds on close), nor a FIFO or a socket. dir_fd < 0: name is a path, resolved
 * following links (inside the root, if any); dir_fd >= 0: name is an entry of that
 * directory, opened from dir_path. Returns a descriptor (O_RDONLY|O_NONBLOCK, close-on-
 * exec, no controlling terminal) with *st its file's status; NC__FS_NOT_REGULAR with *st
 * saying what the file is; or -errno (-ENOENT, -ENOTDIR: the path does not resolve). */
int nc__fs_open_regular(nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                        struct stat *st);

#endif
