/* The export's files: what does not depend on the platform (see output_file.h). */
#include "output_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "output_file_os.h"

#ifdef _WIN32
#define SEPARATOR "\\"
#define DRIVE_LENGTH(path) ((path)[0] && (path)[1] == ':' ? 2 : 0) /* "C:" */
#else
#define SEPARATOR "/"
#define DRIVE_LENGTH(path) 0
#endif

static int is_separator(char c)
{
    return c == SEPARATOR[0] || c == '/';
}

char *output_dir_of(const char *path)
{
    size_t drive = DRIVE_LENGTH(path), n = 0;
    for (size_t i = drive; path[i]; i++)
        if (is_separator(path[i])) n = i == drive ? drive + 1 : i;
    if (!n) n = drive;
    if (!n) {
        path = ".";
        n = 1;
    }
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

char *output_join(const char *dir, const char *name)
{
    size_t len = strlen(dir), n = len + 1 + strlen(name) + 1;
    int ends = len == DRIVE_LENGTH(dir) ? len > 0 : is_separator(dir[len - 1]);
    char *path = malloc(n);
    if (path) snprintf(path, n, "%s%s%s", dir, ends ? "" : SEPARATOR, name);
    return path;
}

int output_flush(FILE *f, const char *shown)
{
    errno = 0;
    if (fflush(f) == 0 && !ferror(f)) return 0;
    return export_failed("cannot write to", shown, errno ? errno : EIO);
}

int output_commit(output_file *o)
{
    int err = 0;
    if (fflush(o->stream) != 0 || ferror(o->stream)) err = errno ? errno : EIO;
    /* On disk before the rename, or a crash could leave the name with no content. */
    else if (o->temp)
        err = output_sync_file(o->stream);
    if (fclose(o->stream) != 0 && !err) err = errno;
    int rc = err ? export_failed("cannot write", o->shown, err) : 0;
    if (o->temp) {
        if (rc == 0 && (err = output_replace(o->temp, o->dest)) != 0)
            rc = export_failed("cannot replace", o->shown, err);
        if (rc != 0) {
            remove(o->temp);
        } else if (!o->in_dir) {
            char *dir = output_dir_of(o->dest);
            rc = dir ? output_sync_dir(dir, o->shown)
                     : export_failed("out of memory writing", o->shown, ENOMEM);
            free(dir);
        }
    }
    free(o->temp);
    free(o->dest);
    return rc;
}

int output_dir_file(output_dir *d, const char *name, output_file *o)
{
    memset(o, 0, sizeof *o);
    o->in_dir = 1;
    o->dest = output_join(d->path, name);
    if (!o->dest) return export_failed("out of memory writing to", d->shown, ENOMEM);
    o->shown = o->dest;
    if (output_stage_new(o, d->path) == 0) return 0;
    free(o->dest);
    return -1;
}

int output_dir_write(output_dir *d, const char *name, const void *data, size_t len)
{
    output_file o;
    if (output_dir_file(d, name, &o) != 0) return -1;
    fwrite(data, 1, len, o.stream); /* a short write sets the error output_commit sees */
    return output_commit(&o);
}

int output_dir_close(output_dir *d)
{
    int rc = output_sync_dir(d->path, d->shown);
    free(d->path);
    return rc;
}
