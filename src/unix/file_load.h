/* Reading files and directories of certificates (docs/files.md), each file once per load
 * however many names or roles lead to it. Sets the source's status; returns it too. */
#ifndef NC_UNIX_FILE_LOAD_H
#define NC_UNIX_FILE_LOAD_H

#include <stdint.h>
#include <sys/stat.h>

#include "core/collect.h"
#include "unix/fs.h"

typedef struct nc__unix_load {
    nc__collect *c;
    nc__fs *fs;
    uint64_t max_file_size;
    int ignore_d_type; /* tests: take the path of file systems that give no d_type */
    /* Named files already opened (string ids) and their roles: a directory entry with
     * the same path in the same role is the same file, so Debian's bundle inside
     * /etc/ssl/certs is not opened again. In the other role it is read (once, through
     * the file's identity), so that a distrust directory's entry is never skipped. */
    uint32_t named[32];
    nc__role named_role[32];
    size_t nnamed;
    uint32_t repeat_of; /* after NC__READ_REPEAT: the source that read the file first */
    int missing_errno;  /* after NC__READ_MISSING: ENOENT or ENOTDIR */
} nc__unix_load;

/* How a path named by a profile, the environment or an option is treated when absent
 * (it does not resolve: a component is missing or is not a directory, or a link on the
 * way dangles): a profile candidate that is missing is just not there; a path the user
 * named is an error. */
typedef enum nc__absent { NC__ABSENT_OK = 0, NC__ABSENT_ERROR = 1 } nc__absent;

/* Loads one named file (PEM or a DER certificate) into source, in role. */
nativecerts_source_status nc__file_load(nc__unix_load *u, uint32_t source, const char *path,
                                        nc__role role, nc__absent absent);

/* Loads every regular file of a directory (links followed, no recursion, names sorted
 * so that provenance is the same on every machine). */
nativecerts_source_status nc__dir_load(nc__unix_load *u, uint32_t source, const char *path,
                                       nc__role role, nc__absent absent);

/* What nc__file_read did. */
typedef enum nc__read_result {
    NC__READ_DONE = 1,    /* read and parsed */
    NC__READ_REPEAT = 2,  /* a file read earlier in this load: re-applied, not read */
    NC__READ_MISSING = 3, /* does not resolve (ENOENT, ENOTDIR); nothing reported */
    NC__READ_SKIPPED = 4, /* not a regular file, and skip_special was set; nothing reported */
    NC__READ_FAILED = 5   /* an error was reported */
} nc__read_result;

/* Opens one file following links, only once it is known to be a regular file
 * (nc__fs_open_regular: a device, FIFO or socket is never opened for reading), checks
 * the size limit, and reads and parses it unless a file of the same identity was read
 * earlier in this load (then its certificates are re-applied in this role).
 * dir_fd >= 0: `name` is an entry of that directory and `path` its full name. A FIFO,
 * device, socket or directory is reported as an error of kind io, unless skip_special
 * (directory entries), which skips it silently. */
nc__read_result nc__file_read(nc__unix_load *u, uint32_t source, int dir_fd, const char *dir_path,
                              const char *name, const char *path, nc__role role, int skip_special);

/* Whether path was opened as a named file in role earlier in this load. */
int nc__file_was_named(const nc__unix_load *u, const char *path, nc__role role);

#endif
