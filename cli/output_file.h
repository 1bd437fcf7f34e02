/* The files `nativecerts export` writes. A file is replaced whole or not at all: the new
 * content goes to a temporary file created exclusively (never through a link, under a
 * name nobody can guess) in the same directory, is flushed to disk, then renamed over the
 * final name. An existing FIFO or character device (a pipe, /dev/stdout, /dev/null) is
 * written into instead, never renamed over. One implementation per platform:
 * output_file_unix.c, output_file_win.c. Every function says what failed, with the path,
 * on stderr before it returns -1. */
#ifndef NC_CLI_OUTPUT_FILE_H
#define NC_CLI_OUTPUT_FILE_H

#include <stdio.h>

/* Flushes f, standard output or standard error, and checks that every write to it went
 * through. Returns 0, or -1 after saying on stderr "nativecerts: cannot write to SHOWN:
 * REASON". */
int output_flush(FILE *f, const char *shown);

typedef struct output_file {
    FILE *stream;      /* where the caller writes */
    char *temp;        /* renamed over dest by output_commit; NULL when written in place */
    char *dest;        /* the name written */
    const char *shown; /* the name the user gave, for messages */
    int in_dir;        /* a file of an output_dir, whose directory output_dir_close flushes */
} output_file;

/* Opens `path` for writing. When path is a symbolic link, what it leads to is written,
 * provided the link belongs to the user running the command or to root (a link someone
 * else planted in a shared directory is refused), and it is not dangling. An existing
 * regular file is replaced keeping its mode and owner (refused when the owner cannot be
 * kept, or is another user and the directory is sticky, as /tmp); a new one gets mode 0666
 * less the umask. A FIFO with no reader is refused at
 * once rather than waited for; directories, block devices and sockets are refused. */
int output_open(output_file *o, const char *path);

/* Flushes what was written to disk and puts it in place, or on any failure removes the
 * temporary file, leaving the old file as it was. Frees o whatever the result. */
int output_commit(output_file *o);

typedef struct output_dir {
    char *path;
    const char *shown;
} output_dir;

/* Opens directory `path` for writing files into, creating it (mode 0755 less the umask)
 * when missing; a symbolic link is followed as output_open says. */
int output_dir_open(output_dir *d, const char *path);

/* Opens the file `name` of d for writing, to be committed with output_commit. Whatever
 * has that name is replaced, never written through: the file is the export's own, new,
 * owned by the user running the command, mode 0666 less the umask. */
int output_dir_file(output_dir *d, const char *name, output_file *o);

/* Writes data[0..len) as the file `name` of d, as output_dir_file and output_commit do. */
int output_dir_write(output_dir *d, const char *name, const void *data, size_t len);

/* Makes `name` of d lead to `target`, a file of d that holds data[0..len): on Unix a
 * symbolic link to target (a relative one, as openssl rehash makes), created in a private
 * directory of the user and renamed over name; on Windows, where making links takes a
 * privilege, a copy of data written as output_dir_write does. Whatever has that name is
 * replaced, never followed; a directory there is a failure. */
int output_dir_link(output_dir *d, const char *name, const char *target, const void *data,
                    size_t len);

/* Removes every entry of d, directories aside, for which is_stale(name, ctx) is true. */
int output_dir_remove(output_dir *d, int (*is_stale)(const char *name, void *ctx), void *ctx);

/* Flushes the directory's entries to disk (renames and removals) and frees d. */
int output_dir_close(output_dir *d);

#endif
