/* Win32 codes that mean the system ran out of memory, handles or resources fail the whole
 * load, whether a file call (kind io, mapped to an errno) or a store call (kind os, the
 * Win32 code) met them: what the call would have read is unknown, and may have been a
 * distrust. Other codes are errors of their source. One line per code, as Windows or
 * crypt32 (in HRESULT form) gives it; the file case is also run for real under Wine with
 * its descriptors exhausted (test_files out-of-descriptors). */
#include <errno.h>
#include <stdio.h>

#include "core/finish.h"
#include "win/oserror.h"
#include "win_support.h"

typedef struct code_case {
    const char *what;
    DWORD code;
    int exhausted; /* the errno the load fails with, or 0 */
} code_case;

static const code_case CASES[] = {
    {"ERROR_TOO_MANY_OPEN_FILES", ERROR_TOO_MANY_OPEN_FILES, EMFILE},
    {"ERROR_NO_SYSTEM_RESOURCES", ERROR_NO_SYSTEM_RESOURCES, ENOBUFS},
    {"ERROR_NOT_ENOUGH_MEMORY", ERROR_NOT_ENOUGH_MEMORY, ENOMEM},
    {"ERROR_OUTOFMEMORY", ERROR_OUTOFMEMORY, ENOMEM},
    {"E_OUTOFMEMORY", (DWORD)E_OUTOFMEMORY, ENOMEM},
    {"HRESULT of ERROR_TOO_MANY_OPEN_FILES", (DWORD)HRESULT_FROM_WIN32(ERROR_TOO_MANY_OPEN_FILES),
     EMFILE},
    {"ERROR_ACCESS_DENIED", ERROR_ACCESS_DENIED, 0},
    {"ERROR_FILE_NOT_FOUND", ERROR_FILE_NOT_FOUND, 0},
    {"CRYPT_E_NOT_FOUND", (DWORD)CRYPT_E_NOT_FOUND, 0},
    {"CRYPT_E_ASN1_BADTAG", (DWORD)CRYPT_E_ASN1_BADTAG, 0},
    {"ERROR_INVALID_DATA", ERROR_INVALID_DATA, 0},
};

/* Reports code through one of the two error paths into a new load with one source (a
 * distrust place, as Disallowed is), and checks how the load ends. */
static void run(const code_case *k, int store)
{
    nc__collect c;
    nc__collect_init(&c);
    uint32_t s = nc__collect_source(&c, NATIVECERTS_SOURCE_STORE, "store", "place", NULL);
    nc__collect_distrust_place(&c, s, NC__NONE);
    if (store)
        nc__win_os_error(&c, s, "place", "cannot enumerate the store", k->code);
    else
        nc__win_io_error(&c, s, "C:\\certs\\a.pem", "read failed", k->code);
    nativecerts_result *r = nc__finish(&c, 0, 0);
    int failed = r == NULL;
    int resource = c.resource_err;
    nc__collect_free(&c);
    const char *path = store ? "store" : "file";
    if (failed != (k->exhausted != 0) || resource != (k->exhausted == ENOMEM ? 0 : k->exhausted)) {
        fprintf(stderr, "%s (%s call): load %s, resource error %d; expected %s, %d\n", k->what,
                path, failed ? "failed" : "went on", resource,
                k->exhausted ? "to fail" : "to go on", k->exhausted == ENOMEM ? 0 : k->exhausted);
        nct_failures++;
    }
    /* A load that goes on holds the error, against its source, which is incomplete. */
    if (r && (nativecerts_result_error_count(r) != 1 ||
              nativecerts_result_source_status(r, 0) != NATIVECERTS_STATUS_INCOMPLETE)) {
        fprintf(stderr, "%s (%s call): not one error with its place incomplete\n", k->what, path);
        nct_failures++;
    }
    nativecerts_result_free(r);
}

int main(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        if (nc__win_exhaustion(CASES[i].code) != CASES[i].exhausted) {
            fprintf(stderr, "%s: nc__win_exhaustion gives %d, expected %d\n", CASES[i].what,
                    nc__win_exhaustion(CASES[i].code), CASES[i].exhausted);
            nct_failures++;
        }
        run(&CASES[i], 0);
        run(&CASES[i], 1);
    }
    return nct_done();
}
