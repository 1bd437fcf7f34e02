/* Opening and reading one certificate file safely: only regular files, never more
 * than the size limit, never blocking (a FIFO or device named as a bundle is an
 * error, not a hang, and is never opened for reading), close-on-exec, and each
 * (device, inode) read once per load. */
#include "unix/file_load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cert_file.h"

static const char *type_name(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

/* Refuses what is not a regular file or is over the limit, before anything is read.
 * Only the size is a limit: a FIFO or a directory is not "too large". */
static int check_kind_and_size(nc__unix_load *u, uint32_t source, const char *path,
                               const struct stat *st)
{
    if (!S_ISREG(st->st_mode)) {
        nc__collect_error(u->c, source, NATIVECERTS_ERROR_IO, path, 0,
                          S_ISDIR(st->st_mode) ? EISDIR : 0, "is %s, not a regular file",
                          type_name(st->st_mode));
        return -1;
    }
    if ((uint64_t)st->st_size > u->max_file_size) {
        nc__collect_error(u->c, source, NATIVECERTS_ERROR_LIMIT, path, 0, 0,
                          "file of %llu bytes is over the limit of %llu bytes",
                          (unsigned long long)st->st_size, (unsigned long long)u->max_file_size);
        return -1;
    }
    return 0;
}

/* Reads fd to its end into the load's read buffer, up to the limit. A read may return
 * less than asked before the end (Linux returns at most about 2 GiB per call), so the
 * end is where read returns 0, or where the total reaches the size fstat reported
 * (asking for size + 1 bytes: a file grown since then fills the buffer and is read
 * on). Files that report no size (procfs) are read until 0. */
static int read_all(nc__unix_load *u, uint32_t source, const char *path, int fd, size_t hint,
                    uint8_t **out, size_t *out_len)
{
    size_t cap = hint + 1 < 4096 ? 4096 : hint + 1, n = 0;
    uint8_t *buf = nc__collect_scratch(u->c, cap);
    for (;;) {
        if (!buf) {
            /* Not an error of this file alone: a file left unread could be the one
             * that distrusts a root, so the whole load fails with ENOMEM. */
            nc__collect_exhausted(u->c, ENOMEM);
            return -1;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            nc__collect_error(u->c, source, NATIVECERTS_ERROR_IO, path, 0, errno, "read failed");
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n < cap) {
            if (hint > 0 && n == hint) break; /* the known end: skip the read returning 0 */
            continue;
        }
        /* Still more: grow, keeping what was read, up to the limit. */
        buf = nc__collect_read_more(u->c, source, path, u->max_file_size, &cap);
        if (!buf) return -1;
    }
    *out = buf;
    *out_len = n;
    return 0;
}

nc__read_result nc__file_read(nc__unix_load *u, uint32_t source, int dir_fd, const char *dir_path,
                              const char *name, const char *path, nc__role role, int skip_special)
{
    nc__collect *c = u->c;
    struct stat st;
    int fd = nc__fs_open_regular(u->fs, dir_fd, dir_path, dir_fd >= 0 ? name : path, &st);
    if (fd == -ENOENT || fd == -ENOTDIR) { /* does not resolve: not there */
        u->missing_errno = -fd;
        return NC__READ_MISSING;
    }
    if (fd == NC__FS_NOT_REGULAR && skip_special) return NC__READ_SKIPPED;
    if (fd < 0 && fd != NC__FS_NOT_REGULAR) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, -fd, "cannot open");
        return NC__READ_FAILED;
    }
    /* A file that is not regular is refused below, once however many names lead to it. */
    uint32_t file;
    int once = nc__collect_file_once(c, (uint64_t)st.st_dev, (uint64_t)st.st_ino, source, path,
                                     role, &u->repeat_of, &file);
    if (once != 0) {
        if (fd >= 0) close(fd);
        return once > 0 ? NC__READ_REPEAT : NC__READ_FAILED;
    }
    uint8_t *buf;
    size_t n;
    int r = check_kind_and_size(u, source, path, &st) ||
            read_all(u, source, path, fd, (size_t)st.st_size, &buf, &n);
    if (fd >= 0) close(fd);
    if (r) {
        nc__collect_file_damaged(c, file);
        return NC__READ_FAILED;
    }
    nc__cert_file_parse_read(c, file, source, path, buf, n, role);
    return NC__READ_DONE;
}

nativecerts_source_status nc__file_load(nc__unix_load *u, uint32_t source, const char *path,
                                        nc__role role, nc__absent absent)
{
    nativecerts_source_status status;
    nc__read_result r = nc__file_read(u, source, -1, NULL, NULL, path, role, 0);
    if (r != NC__READ_MISSING && u->nnamed < sizeof u->named / sizeof u->named[0]) {
        uint32_t id = nc__collect_str(u->c, path);
        if (id != NC__NONE) {
            u->named[u->nnamed] = id;
            u->named_role[u->nnamed++] = role;
        }
    }
    switch (r) {
    case NC__READ_DONE:
        status = NATIVECERTS_STATUS_USED;
        break;
    case NC__READ_REPEAT: /* the same file as an earlier source: point at it */
        nc__collect_same_as(u->c, source, u->repeat_of);
        return NATIVECERTS_STATUS_SAME_AS_OTHER;
    case NC__READ_MISSING:
        if (absent == NC__ABSENT_ERROR)
            nc__collect_error(u->c, source, NATIVECERTS_ERROR_IO, path, 0, u->missing_errno,
                              "cannot open");
        status = NATIVECERTS_STATUS_MISSING;
        break;
    default:
        status = NATIVECERTS_STATUS_FAILED;
        break;
    }
    nc__collect_status(u->c, source, status);
    return status;
}

int nc__file_was_named(const nc__unix_load *u, const char *path, nc__role role)
{
    for (size_t i = 0; i < u->nnamed; i++)
        if (u->named_role[i] == role && strcmp(nc__collect_get_str(u->c, u->named[i]), path) == 0)
            return 1;
    return 0;
}
