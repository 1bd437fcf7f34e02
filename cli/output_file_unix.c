/* The export's files on Unix (see output_file.h). */
#define _XOPEN_SOURCE 700 /* POSIX.1-2008 with XSI: realpath */
#define _DARWIN_C_SOURCE  /* macOS hides O_NOFOLLOW and O_DIRECTORY from _XOPEN_SOURCE alone */
#include "output_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "export.h"
#include "output_file_os.h"

static int out_of_memory(const char *path)
{
    return export_failed("out of memory writing", path, ENOMEM);
}

/* What writing to `path` writes: path itself, or when it is a symbolic link to a regular
 * file, that file under its real name, so that the rename replaces it and the link stays.
 * *st receives the status of what is written (st_mode 0: nothing has the name yet) and
 * *via_link whether path is a link. Returns NULL after saying why. */
static char *resolve(const char *path, struct stat *st, int *via_link)
{
    struct stat link;
    *via_link = 0;
    if (lstat(path, &link) != 0) {
        if (errno != ENOENT) return export_failed("cannot examine", path, errno), NULL;
        memset(st, 0, sizeof *st);
    } else if (!S_ISLNK(link.st_mode)) {
        *st = link;
    } else {
        /* Someone else's link, planted where the user expected a new file (in a shared
         * directory such as /tmp), would send the content wherever its owner chose. */
        if (link.st_uid != geteuid() && link.st_uid != 0)
            return export_refused(path, "a symbolic link that belongs to another user"), NULL;
        *via_link = 1;
        if (stat(path, st) != 0) return export_failed("cannot follow the link", path, errno), NULL;
        if (S_ISREG(st->st_mode)) {
            char *real = realpath(path, NULL);
            struct stat found;
            /* The name must still lead to the same file: /proc/self/fd/N gives a deleted
             * file's name as "NAME (deleted)". */
            if (real && lstat(real, &found) == 0 && found.st_dev == st->st_dev &&
                found.st_ino == st->st_ino)
                return real;
            free(real);
            return export_refused(path, "the link leads to a file without a name"), NULL;
        }
    }
    char *copy = strdup(path);
    if (!copy) out_of_memory(path);
    return copy;
}

/* 0666 less the umask: the mode fopen gives a new file. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Gives the file fd the mode and owner of keep, or those of a new file. Returns 0 or an
 * errno value. */
static int take_mode(int fd, const struct stat *keep)
{
    if (!keep) return fchmod(fd, new_file_mode()) == 0 ? 0 : errno;
    struct stat now;
    if (fstat(fd, &now) != 0) return errno;
    /* The owner first: changing it clears the set-user-ID and set-group-ID bits. */
    if ((now.st_uid != keep->st_uid || now.st_gid != keep->st_gid) &&
        fchown(fd, keep->st_uid, keep->st_gid) != 0)
        return errno;
    return fchmod(fd, keep->st_mode & 07777) == 0 ? 0 : errno;
}

/* Creates the temporary file in dir that output_commit renames over o->dest. mkstemp
 * opens with O_CREAT|O_EXCL, which never follows a link (a name that exists, link or
 * not, makes it pick another), under a name nobody can guess, mode 0600 until the final
 * mode is set. keep is the file being replaced, or NULL. */
static int stage(output_file *o, const char *dir, const struct stat *keep)
{
    o->temp = output_join(dir, ".nativecerts-XXXXXX");
    if (!o->temp) return out_of_memory(o->shown);
    int fd = mkstemp(o->temp);
    if (fd < 0) {
        int err = errno;
        free(o->temp);
        o->temp = NULL;
        return export_failed("cannot create a temporary file beside", o->shown, err);
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    int err = take_mode(fd, keep);
    const char *what = err ? "cannot keep the mode and owner of" : "cannot write";
    if (!err && !(o->stream = fdopen(fd, "wb"))) err = errno;
    if (!err) return 0;
    close(fd);
    unlink(o->temp);
    free(o->temp);
    o->temp = NULL;
    return export_failed(what, o->shown, err);
}

int output_stage_new(output_file *o, const char *dir)
{
    return stage(o, dir, NULL);
}

/* An existing FIFO or character device is written into: renaming over it would replace a
 * pipe that a reader waits on, or a device node, with a regular file. */
static int open_in_place(output_file *o, const char *path, const struct stat *st, int via_link)
{
    /* O_NONBLOCK: a FIFO nobody reads fails with ENXIO instead of blocking forever.
     * O_NOFOLLOW unless the user named a link: the entry must be the one examined. */
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (via_link ? 0 : O_NOFOLLOW));
    if (fd < 0 && errno == ENXIO && S_ISFIFO(st->st_mode))
        return export_refused(path, "no process is reading the FIFO");
    if (fd < 0) return export_failed("cannot open", path, errno);
    struct stat now;
    if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
        close(fd);
        return export_refused(path, "it changed while being opened");
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1 ||
        !(o->stream = fdopen(fd, "wb"))) {
        int err = errno;
        close(fd);
        return export_failed("cannot write", path, err);
    }
    return 0;
}

/* A sticky directory, such as /tmp, where anyone may create files. A file another user
 * put there under the name FILE would keep that owner, who could then change the roots;
 * Linux refuses to open such a file for creation (fs.protected_regular) for that reason. */
static int is_shared_dir(const char *dir)
{
    struct stat st;
    return stat(dir, &st) == 0 && (st.st_mode & S_ISVTX);
}

int output_open(output_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->shown = path;
    struct stat st;
    int via_link, rc;
    char *dest = resolve(path, &st, &via_link);
    if (!dest) return -1;
    if (st.st_mode == 0 || S_ISREG(st.st_mode)) {
        char *dir = output_dir_of(dest);
        if (!dir)
            rc = out_of_memory(path);
        else if (S_ISREG(st.st_mode) && st.st_uid != geteuid() && is_shared_dir(dir))
            rc = export_refused(path, "a file of another user in a shared directory");
        else
            rc = stage(o, dir, st.st_mode ? &st : NULL);
        free(dir);
    } else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
        rc = open_in_place(o, path, &st, via_link);
    } else if (S_ISDIR(st.st_mode)) {
        rc = export_failed("cannot write", path, EISDIR);
    } else {
        rc = export_refused(path, "not a regular file, a FIFO or a character device");
    }
    if (rc != 0)
        free(dest);
    else
        o->dest = dest;
    return rc;
}

int output_sync_file(FILE *f)
{
    return fsync(fileno(f)) == 0 ? 0 : errno;
}

int output_replace(const char *temp, const char *dest)
{
    return rename(temp, dest) == 0 ? 0 : errno;
}

/* A rename is on disk once its directory is. A file system that cannot flush a
 * directory says EINVAL: nothing more can be done there. */
int output_sync_dir(const char *dir, const char *shown)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return 0; /* a directory one may write but not read */
    int err = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    close(fd);
    return err ? export_failed("cannot flush to disk", shown, err) : 0;
}

int output_dir_open(output_dir *d, const char *path)
{
    d->shown = path;
    struct stat st;
    int via_link;
    d->path = resolve(path, &st, &via_link);
    if (!d->path) return -1;
    int rc = 0;
    if (st.st_mode == 0 && mkdir(d->path, 0755) != 0)
        rc = export_failed("cannot create directory", path, errno);
    else if (st.st_mode != 0 && !S_ISDIR(st.st_mode))
        rc = export_failed("cannot write into", path, ENOTDIR);
    if (rc != 0) free(d->path);
    return rc;
}

int output_dir_remove(output_dir *d, int (*is_stale)(const char *name, void *ctx), void *ctx)
{
    DIR *dir = opendir(d->path);
    if (!dir) return export_failed("cannot read directory", d->shown, errno);
    int rc = 0;
    struct dirent *e;
    errno = 0;
    while (rc == 0 && (e = readdir(dir))) {
        if (!is_stale(e->d_name, ctx)) continue;
        char *path = output_join(d->path, e->d_name);
        struct stat st;
        if (!path)
            rc = out_of_memory(d->shown);
        else if ((lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) && unlink(path) != 0 &&
                 errno != ENOENT)
            rc = export_failed("cannot remove", path, errno);
        free(path);
        errno = 0;
    }
    if (rc == 0 && errno != 0) rc = export_failed("cannot read directory", d->shown, errno);
    closedir(dir);
    return rc;
}

int output_dir_link(output_dir *d, const char *name, const char *target, const void *data,
                    size_t len)
{
    (void)data;
    (void)len;
    /* symlink() never follows what has the name, but fails when something does: the link
     * is made where nobody else can put anything, a new directory of mode 0700 under a
     * name nobody can guess, then renamed over name, which replaces a link or file there
     * (never what it leads to) and fails on a directory. */
    char *stage = output_join(d->path, ".nativecerts-XXXXXX");
    if (!stage) return out_of_memory(d->shown);
    if (!mkdtemp(stage)) {
        int err = errno;
        free(stage);
        return export_failed("cannot create a temporary directory in", d->shown, err);
    }
    char *temp = output_join(stage, name), *dest = output_join(d->path, name);
    int rc = 0;
    if (!temp || !dest)
        rc = out_of_memory(d->shown);
    else if (symlink(target, temp) != 0)
        rc = export_failed("cannot make the link", dest, errno);
    else if (rename(temp, dest) != 0)
        rc = export_failed("cannot replace", dest, errno);
    if (rc != 0 && temp) unlink(temp);
    if (rmdir(stage) != 0 && rc == 0) rc = export_failed("cannot remove", stage, errno);
    free(temp);
    free(dest);
    free(stage);
    return rc;
}
