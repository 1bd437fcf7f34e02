/* nativecerts_store on Windows: the watched files are stamped through Win32 (volume
 * serial, file index, size, write and change times), so an unchanged file reuses the
 * last result and a replaced one is loaded again. A file whose change time is close to
 * a load's start counts as changed during it (and is loaded again on principle): the
 * case waits until the file it wrote is older than that. */
#include <stdio.h>
#include <stdlib.h>

#include "win/wide.h"
#include "win_support.h"

static void age(const char *path)
{
    wchar_t *w = nc__win_wide(path);
    HANDLE h = w ? CreateFileW(w, FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                               OPEN_EXISTING, 0, NULL)
                 : INVALID_HANDLE_VALUE;
    free(w);
    FILETIME old = {0x69050000u, 0x01D5C036u}; /* 2020-01-01T00:00:00Z */
    CHECK(h != INVALID_HANDLE_VALUE && SetFileTime(h, NULL, NULL, &old));
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
}

static int has(const nativecerts_result *r, const char *fixture)
{
    size_t len;
    unsigned char *der = wt_fixture(fixture, &len);
    long i = wt_trusted(r, der, len);
    free(der);
    return i >= 0;
}

int main(void)
{
    char tmp[1024], file[1100];
    wt_clear_ssl_env();
    wt_tmpdir(tmp, sizeof tmp, "reload");
    snprintf(file, sizeof file, "%s\\bundle.pem", tmp);
    wt_put_fixture("root-a.pem", file);
    age(file);
    Sleep(150); /* past the store's recent-change window (a tenth of a second) */

    nativecerts_options *o = wt_options();
    nativecerts_options_set_skip_platform(o, 1);
    nativecerts_options_add_file(o, file);
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == NATIVECERTS_OK);
    nativecerts_options_free(o);
    nativecerts_result *r1 = NULL, *r2 = NULL, *r3 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == NATIVECERTS_OK);
    CHECK(nativecerts_store_get(s, &r2) == NATIVECERTS_OK);
    CHECK(r1 && r1 == r2); /* unchanged: the same result */
    CHECK(r1 && has(r1, "root-a.der"));

    /* Replaced by another file (another index), given the same old time. */
    char next[1100];
    snprintf(next, sizeof next, "%s\\next.pem", tmp);
    wt_put_fixture("root-b.pem", next);
    wchar_t *wf = nc__win_wide(file), *wn = nc__win_wide(next);
    CHECK(wf && wn && MoveFileExW(wn, wf, MOVEFILE_REPLACE_EXISTING));
    free(wf);
    free(wn);
    age(file);
    CHECK(nativecerts_store_get(s, &r3) == NATIVECERTS_OK);
    CHECK(r3 && r3 != r1);
    CHECK(r3 && has(r3, "root-b.der") && !has(r3, "root-a.der"));

    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_store_free(s);
    wt_rmtree(tmp);
    return nct_done();
}
