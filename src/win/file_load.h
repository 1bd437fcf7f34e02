/* Reading files and directories of certificates on Windows: the same rules
 * as on Unix, over Win32 handles. Paths are UTF-8 and go to Windows as UTF-16. Every
 * path here was named by the environment or the options, so a missing one is an error.
 * Each function sets the source's status and returns it. */
#ifndef NC_WIN_FILE_LOAD_H
#define NC_WIN_FILE_LOAD_H

#include <stdint.h>
#include <windows.h>

#include "core/collect.h"

typedef struct nc__win_load {
    nc__collect *c;
    uint64_t max_file_size;
} nc__win_load;

/* Loads one named file (PEM or one DER certificate) into source, in role. Only a
 * regular file is read: a directory, a device (NUL, COM1, \\.\...) or a pipe is an
 * error of kind "io", and a device path is refused before it is opened. A file over the
 * size limit is an error of kind "limit"; one that stays under it is read to its end. */
nativecerts_source_status nc__win_file_load(nc__win_load *w, uint32_t source, const char *path,
                                            nc__role role);

/* Loads every regular file of a directory (links followed, no recursion), in the byte
 * order of the UTF-8 names, so that provenance is the same as on Unix. */
nativecerts_source_status nc__win_dir_load(nc__win_load *w, uint32_t source, const char *path,
                                           nc__role role);

/* Opens path for reading with every sharing mode (another process may be replacing the
 * file) and without following it into a device. Directories open too (to be told
 * apart). Returns INVALID_HANDLE_VALUE and sets *err on failure. */
HANDLE nc__win_open(const char *path, DWORD *err);

/* What h is when it is not a file on a disk ("a pipe", "a device"), else NULL (also
 * when the type cannot be had: the file information asked next fails too, with the
 * reason). Asked first: a pipe or a device has no file information to ask for (through
 * Wine, a Unix FIFO or /dev/zero opens without blocking and is told apart here). */
const char *nc__win_special_kind(HANDLE h);

/* Reads and parses the file open as h (a file on a disk), unless a file of the same identity
 * (volume serial number and file index) was read earlier in this load: then its certificates are
 * re-applied in this role. Returns 1 when read, 0 when it was a repeat (*earlier is the source that
 * read it), -1 on an error (reported). Does not close h. */
int nc__win_file_read(nc__win_load *w, uint32_t source, const char *path, HANDLE h,
                      const BY_HANDLE_FILE_INFORMATION *info, nc__role role, uint32_t *earlier);

#endif
