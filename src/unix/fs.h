/* The file system as the load sees it: the real one, or a directory treated as "/"
 * (the root option). Every path is resolved here, so nothing else knows about roots.
 * Functions return a descriptor or 0 on success, or a negative errno. */
#ifndef NC_UNIX_FS_H
#define NC_UNIX_FS_H

#include <sys/stat.h>

typedef struct nc__fs {
    int root_fd;     /* -1: no root, paths are the host's */
    int use_openat2; /* root resolution by the kernel (RESOLVE_IN_ROOT); else by hand */
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

/* open(2) of an entry `name` of a directory opened as dir_fd from dir_path: a plain
 * openat() without a root, a resolution of "dir_path/name" inside one. */
int nc__fs_open_entry(const nc__fs *fs, int dir_fd, const char *dir_path, const char *name,
                      int flags);

#endif
