/* Helpers for the Windows tests: checks (the macros of tests/support), fixtures, the
 * current user's certificate stores edited as an administrator would, and questions
 * about a result. The tests link the static library, so they may use src/ too. */
#ifndef NC_WIN_SUPPORT_H
#define NC_WIN_SUPPORT_H

#include <stddef.h>
#include <string.h>
#include <windows.h>

#include <wincrypt.h>

#include "nativecerts.h"
#include "test_support.h" /* CHECK, CHECK_EQ_SIZE, CHECK_STR, nct_failures, nct_done */

/* A fixture of tests/data/certs, exits on failure. Free the bytes. */
unsigned char *wt_fixture(const char *name, size_t *len);

/* The current user's ROOT or Disallowed store, edited through the registry provider,
 * the one whose deletions persist (through the system store's view, Wine deletes
 * nothing). eku: NULL for no EKU property, else the OIDs the property lists,
 * NULL-terminated ({NULL} sets the empty list). Exits on a failure to add. */
void wt_store_add(const wchar_t *store, const unsigned char *der, size_t len, char *const *eku);
/* Removes the certificate if present (tests call it first too, after a crashed run). */
void wt_store_remove(const wchar_t *store, const unsigned char *der, size_t len);

/* Makes the current user's registry key of a store (HKCU\Software\Microsoft\
 * SystemCertificates\<store>) unreadable (an empty access list: nobody may open it),
 * or readable again (the access list of its parent key). The owner may always change
 * it back. Exits on failure. */
void wt_store_deny(const wchar_t *store, int deny);

/* Sets (value NULL: removes) an environment variable of this process, UTF-8. */
void wt_setenv(const char *name, const char *value);
/* Removes SSL_CERT_FILE and SSL_CERT_DIR, which the host may pass into Wine. */
void wt_clear_ssl_env(void);

/* A new empty directory under the temporary directory, as UTF-8 (name may be non-ASCII);
 * removed with everything in it by wt_rmtree. Exits on failure. */
void wt_tmpdir(char *out, size_t n, const char *name);
void wt_rmtree(const char *path);
void wt_mkdir(const char *path);
void wt_write(const char *path, const void *data, size_t len);
void wt_put_fixture(const char *name, const char *path);
/* A second name for path (a hard link): the same file by identity. */
void wt_hardlink(const char *existing, const char *link);

/* A handle to path that holds a descriptor of this process (Wine opens the Unix file at
 * the first read, which is done here), or INVALID_HANDLE_VALUE with the read's error in
 * *err. */
HANDLE wt_hold_open(const char *path, DWORD *err);

/* Loads with opts (may be NULL); exits on a non-zero return. */
nativecerts_result *wt_load(const nativecerts_options *opts);
/* New options, exits when out of memory. */
nativecerts_options *wt_options(void);

/* Index of der among the trusted (or excluded) certificates of r, or -1. */
long wt_trusted(const nativecerts_result *r, const unsigned char *der, size_t len);
long wt_excluded(const nativecerts_result *r, const unsigned char *der, size_t len);
/* Index of the first source named name, or -1. */
long wt_source(const nativecerts_result *r, const char *name);
/* Number of errors of kind k. */
size_t wt_errors_of(const nativecerts_result *r, nativecerts_error_kind k);
/* Writes r to stderr, for a failing test. */
void wt_dump(const nativecerts_result *r);
/* The end of a case: dumps r when a check failed, then frees r and o (either may be
 * NULL). */
void wt_done(nativecerts_result *r, nativecerts_options *o);

#endif
