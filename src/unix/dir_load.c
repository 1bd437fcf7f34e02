/* A directory of certificates: every regular file in it, as rustls-native-certs 0.8.2+
 * and Go read them (admins drop *.pem, *.crt and hash-named files there). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unix/file_load.h"

typedef struct name_list {
    char *buf; /* names, NUL-terminated, back to back */
    size_t len, cap;
    size_t *off;
    size_t n, ncap;
} name_list;

static int name_list_add(name_list *l, const char *name)
{
    size_t n = strlen(name) + 1;
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        while (cap < l->len + n)
            cap *= 2;
        char *p = realloc(l->buf, cap);
        if (!p) return -1;
        l->buf = p;
        l->cap = cap;
    }
    if (l->n == l->ncap) {
        size_t cap = l->ncap ? l->ncap * 2 : 256;
        size_t *p = realloc(l->off, cap * sizeof *p);
        if (!p) return -1;
        l->off = p;
        l->ncap = cap;
    }
    memcpy(l->buf + l->len, name, n);
    l->off[l->n++] = l->len;
    l->len += n;
    return 0;
}

/* Byte order (strcmp), never the locale's collation. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void join(char *out, size_t n, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    snprintf(out, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
}

nativecerts_source_status nc__dir_load(nc__unix_load *u, uint32_t source, const char *path,
                                       nc__role role, nc__absent absent)
{
    nc__collect *c = u->c;
    int fd = nc__fs_open(u->fs, path, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
    if (fd < 0) {
        if (fd == -ENOENT && absent == NC__ABSENT_OK) {
            nc__collect_status(c, source, NATIVECERTS_STATUS_MISSING);
            return NATIVECERTS_STATUS_MISSING;
        }
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, -fd, "cannot open directory");
        nativecerts_source_status s =
            fd == -ENOENT ? NATIVECERTS_STATUS_MISSING : NATIVECERTS_STATUS_FAILED;
        nc__collect_status(c, source, s);
        return s;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno, "cannot stat directory");
        close(fd);
        nc__collect_status(c, source, NATIVECERTS_STATUS_FAILED);
        return NATIVECERTS_STATUS_FAILED;
    }
    /* Fedora's /etc/ssl/certs is a link to /etc/pki/tls/certs: read it once. */
    nc__file_seen *seen = nc__collect_find_seen(c, (uint64_t)st.st_dev, (uint64_t)st.st_ino, 1);
    if (seen && (seen->roles & (1u << role))) {
        close(fd);
        nc__collect_same_as(c, source, seen->source);
        return NATIVECERTS_STATUS_SAME_AS_OTHER;
    }
    if (!seen) seen = nc__collect_add_seen(c, (uint64_t)st.st_dev, (uint64_t)st.st_ino, 1, source);
    if (seen) seen->roles |= (uint8_t)(1u << role);

    DIR *d = fdopendir(fd);
    if (!d) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno, "cannot read directory");
        close(fd);
        nc__collect_status(c, source, NATIVECERTS_STATUS_FAILED);
        return NATIVECERTS_STATUS_FAILED;
    }
    name_list names = {0};
    int failed = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) {
                nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno,
                                  "cannot read directory entries");
                failed = 1;
            }
            break;
        }
        if (e->d_name[0] == '.' &&
            (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
            continue;
        if (name_list_add(&names, e->d_name)) {
            c->oom = 1;
            break;
        }
    }
    /* Sorted names make "the first source that trusted it" the same on every machine. */
    const char **sorted = names.n ? malloc(names.n * sizeof *sorted) : NULL;
    if (names.n && !sorted) c->oom = 1;
    for (size_t i = 0; sorted && i < names.n; i++)
        sorted[i] = names.buf + names.off[i];
    if (sorted) qsort(sorted, names.n, sizeof *sorted, compare_names);

    int dir_fd = dirfd(d);
    for (size_t i = 0; sorted && i < names.n && !c->oom; i++) {
        char full[4096];
        join(full, sizeof full, path, sorted[i]);
        struct stat est;
        int r = nc__fs_stat_entry(u->fs, dir_fd, path, sorted[i], &est);
        if (r == -ENOENT) continue; /* a dangling link: skipped, as every peer does */
        if (r) {
            nc__collect_error(c, source, NATIVECERTS_ERROR_IO, full, 0, -r, "cannot open");
            continue;
        }
        if (!S_ISREG(est.st_mode)) continue; /* subdirectories, FIFOs, sockets, devices */
        nc__file_read(u, source, dir_fd, path, sorted[i], full, &est, role);
    }
    free(sorted);
    free(names.buf);
    free(names.off);
    closedir(d);
    nativecerts_source_status s = failed ? NATIVECERTS_STATUS_FAILED : NATIVECERTS_STATUS_USED;
    nc__collect_status(c, source, s);
    return s;
}
