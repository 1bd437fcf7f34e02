/* Reading files and directories of certificates (contract §4), each file once per load
 * however many names or roles lead to it. Sets the source's status; returns it too. */
#ifndef NC_UNIX_FILE_LOAD_H
#define NC_UNIX_FILE_LOAD_H

#include <stdint.h>
#include <sys/stat.h>

#include "core/collect.h"
#include "unix/fs.h"

typedef struct nc__unix_load {
    nc__collect *c;
    const nc__fs *fs;
    uint64_t max_file_size;
} nc__unix_load;

/* How a path named by a profile, the environment or an option is treated when absent:
 * a profile candidate that is missing is just not there; a path the user named is an
 * error. */
typedef enum nc__absent { NC__ABSENT_OK = 0, NC__ABSENT_ERROR = 1 } nc__absent;

/* Loads one named file (PEM or a DER certificate) into source, in role. */
nativecerts_source_status nc__file_load(nc__unix_load *u, uint32_t source, const char *path,
                                        nc__role role, nc__absent absent);

/* Loads every regular file of a directory (links followed, no recursion, names sorted
 * so that provenance is the same on every machine). */
nativecerts_source_status nc__dir_load(nc__unix_load *u, uint32_t source, const char *path,
                                       nc__role role, nc__absent absent);

/* Reads and parses one regular file whose stat is known, unless a file of the same
 * identity was read earlier in this load (then its certificates are re-applied in this
 * role). dir_fd >= 0: `name` is an entry of that directory, `path` its full name.
 * Returns 1 when read, 0 when it was a repeat, -1 on an error (reported). */
int nc__file_read(nc__unix_load *u, uint32_t source, int dir_fd, const char *dir_path,
                  const char *name, const char *path, const struct stat *st, nc__role role);

#endif
