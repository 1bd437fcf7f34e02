/* Win32 error codes as the result reports them. File and directory errors are kind
 * "io" with an errno value, as on Unix (so that "No such file or directory" reads the
 * same everywhere), the Win32 code named in the text; certificate store errors are kind
 * "os" with the Win32 code itself. */
#ifndef NC_WIN_OSERROR_H
#define NC_WIN_OSERROR_H

#include <stddef.h>
#include <windows.h>

#include "core/collect.h"

/* The errno value closest to a Win32 error (EIO when none is). */
int nc__win_errno(DWORD err);

/* An "io" error for a file operation that failed with err: "<path>: <what> (Windows
 * error <err>): <errno text> (errno <n>)". */
void nc__win_io_error(nc__collect *c, uint32_t source, const char *path, const char *what,
                      DWORD err);

/* An "os" error for a store operation that failed with err: "<store>: <what>: <the
 * system's words> (error <err>)". */
void nc__win_os_error(nc__collect *c, uint32_t source, const char *store, const char *what,
                      DWORD err);

#endif
