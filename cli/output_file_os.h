/* What output_file.c asks of the platform: output_file_unix.c, output_file_win.c. The
 * functions that say why on stderr return -1; the others return an errno value. */
#ifndef NC_CLI_OUTPUT_FILE_OS_H
#define NC_CLI_OUTPUT_FILE_OS_H

#include <stdio.h>

#include "output_file.h"

/* Creates o->temp in dir, exclusively, as a new file of the user running the command,
 * and opens it as o->stream. Returns 0, or -1 after saying why (o->temp is then NULL). */
int output_stage_new(output_file *o, const char *dir);

/* Flushes the file of f to disk. Returns 0 or an errno value. */
int output_sync_file(FILE *f);

/* Puts temp in the place of dest in one step. Returns 0 or an errno value. */
int output_replace(const char *temp, const char *dest);

/* Flushes the entries of directory dir to disk, where the system can. Returns 0, or -1
 * after saying why, naming `shown`. */
int output_sync_dir(const char *dir, const char *shown);

/* In output_file.c: the directory holding path ("a/b" -> "a", "b" -> ".", "/b" -> "/";
 * on Windows also "\b" -> "\", "C:\b" -> "C:\", "C:b" -> "C:"), and dir/name. NULL when
 * out of memory. */
char *output_dir_of(const char *path);
char *output_join(const char *dir, const char *name);

#endif
