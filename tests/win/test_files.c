/* Files and directories on Windows, the rules of the Unix backend over
 * Win32: UTF-8 paths made UTF-16, identity by volume serial number and file index,
 * names read in UTF-8 byte order, only regular files read, devices and pipes refused
 * without a hang. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "win_support.h"

static nativecerts_options *explicit_options(void)
{
    nativecerts_options *o = wt_options();
    nativecerts_options_set_skip_platform(o, 1);
    return o;
}

static const char *trusted_source(const nativecerts_result *r, const char *fixture)
{
    size_t len;
    unsigned char *der = wt_fixture(fixture, &len);
    long i = wt_trusted(r, der, len);
    free(der);
    return i >= 0 ? nativecerts_result_source(r, (size_t)i) : NULL;
}

/* One error, of kind k (and errno e when e != 0), for a source whose status is s. */
static void check_one_error(const nativecerts_result *r, nativecerts_error_kind k, long e,
                            const char *path, nativecerts_source_status s)
{
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    if (nativecerts_result_error_count(r) != 1) return;
    CHECK(nativecerts_result_error_kind(r, 0) == k);
    if (e) CHECK(nativecerts_result_error_errno(r, 0) == e);
    CHECK_STR(nativecerts_result_error_path(r, 0), path);
    long src = wt_source(r, path);
    CHECK(src >= 0);
    if (src >= 0) CHECK(nativecerts_result_source_status(r, (size_t)src) == s);
}

/* A file named directly, by a hard link and through its directory is read once. */
static void read_once(const char *tmp)
{
    char a[1100], link[1100], b[1100];
    snprintf(a, sizeof a, "%s\\a.pem", tmp);
    snprintf(link, sizeof link, "%s\\a-link.pem", tmp);
    snprintf(b, sizeof b, "%s\\b.pem", tmp);
    wt_put_fixture("root-a.pem", a);
    wt_hardlink(a, link);
    wt_put_fixture("root-b.pem", b);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_file(o, a);
    nativecerts_options_add_file(o, link);
    nativecerts_options_add_dir(o, tmp);
    nativecerts_result *r = wt_load(o);
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), 2); /* a.pem and b.pem */
    CHECK_EQ_SIZE(nativecerts_result_count(r), 2);
    CHECK_STR(trusted_source(r, "root-a.der"), a);
    CHECK_STR(trusted_source(r, "root-b.der"), b);
    long first = wt_source(r, a), second = wt_source(r, link);
    CHECK(first >= 0 && second > first);
    if (second > first) {
        CHECK(nativecerts_result_source_status(r, (size_t)second) ==
              NATIVECERTS_STATUS_SAME_AS_OTHER);
        CHECK_EQ_SIZE(nativecerts_result_source_same_as(r, (size_t)second), (size_t)first);
    }
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    wt_done(r, o);
}

/* A directory and a file whose names are not ASCII: found, and reported by the UTF-8
 * names they were given. */
static void non_ascii_names(const char *tmp)
{
    char dir[1100], file[1200];
    snprintf(dir, sizeof dir, "%s\\Z\xC3\xBCrich-\xE8\xA8\xBC\xE6\x98\x8E\xE6\x9B\xB8", tmp);
    snprintf(file, sizeof file, "%s\\r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s-\xF0\x9F\x94\x92.pem", dir);
    wt_mkdir(dir);
    wt_put_fixture("root-c.pem", file);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_dir(o, dir);
    nativecerts_result *r = wt_load(o);
    CHECK_STR(trusted_source(r, "root-c.der"), file);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    wt_done(r, o);
}

/* Entries are read in the byte order of their UTF-8 names, as on Unix: U+FF21 (EF BC A1)
 * comes before U+10000 (F0 90 80 80), although UTF-16 puts U+10000 (D800 DC00) first. So
 * the first name that supplies a certificate is the same on every system. */
static void utf8_order(const char *tmp)
{
    char fullwidth[1100], linear_b[1100];
    snprintf(fullwidth, sizeof fullwidth, "%s\\\xEF\xBC\xA1.pem", tmp);
    snprintf(linear_b, sizeof linear_b, "%s\\\xF0\x90\x80\x80.pem", tmp);
    wt_put_fixture("root-a.pem", linear_b);
    wt_put_fixture("root-a.der", fullwidth);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_dir(o, tmp);
    nativecerts_result *r = wt_load(o);
    CHECK_STR(trusted_source(r, "root-a.der"), fullwidth);
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), 2);
    wt_done(r, o);
}

/* NUL, a named pipe with a server waiting, and a COM port name are refused as devices
 * before anything is opened: an error of kind io (the path names the wrong kind of
 * thing; nothing is too large), never a hang. */
static void devices(void)
{
    char pipe_name[128];
    snprintf(pipe_name, sizeof pipe_name, "\\\\.\\pipe\\nativecerts-test-%lu",
             (unsigned long)GetCurrentProcessId());
    wchar_t wpipe[128];
    MultiByteToWideChar(CP_UTF8, 0, pipe_name, -1, wpipe, 128);
    HANDLE server = CreateNamedPipeW(wpipe, PIPE_ACCESS_OUTBOUND, PIPE_TYPE_BYTE | PIPE_WAIT, 1,
                                     4096, 4096, 0, NULL);
    CHECK(server != INVALID_HANDLE_VALUE);
    static const char *const names[] = {"NUL", "C:\\certs\\NUL", "COM1", NULL};
    for (const char *const *n = names; *n; n++) {
        nativecerts_options *o = explicit_options();
        nativecerts_options_add_file(o, *n);
        nativecerts_result *r = wt_load(o);
        check_one_error(r, NATIVECERTS_ERROR_IO, 0, *n, NATIVECERTS_STATUS_FAILED);
        wt_done(r, o);
    }
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_file(o, pipe_name);
    nativecerts_result *r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, 0, pipe_name, NATIVECERTS_STATUS_FAILED);
    wt_done(r, o);
    if (server != INVALID_HANDLE_VALUE) CloseHandle(server);
}

/* Through Wine, a Unix FIFO (made by wine_fifo.sh in fifo_dir, beside a.pem) opens
 * without blocking: named, it is an error; in a directory, it is skipped like any
 * special file, and the directory's certificate is still read. */
static void wine_fifo(const char *fifo_dir)
{
    char fifo[1100], cert[1100];
    snprintf(fifo, sizeof fifo, "%s\\fifo", fifo_dir);
    snprintf(cert, sizeof cert, "%s\\a.pem", fifo_dir);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_file(o, fifo);
    nativecerts_options_add_dir(o, fifo_dir);
    nativecerts_result *r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, 0, fifo, NATIVECERTS_STATUS_FAILED);
    CHECK_STR(trusted_source(r, "root-a.der"), cert);
    long d = wt_source(r, fifo_dir);
    if (d >= 0) CHECK(nativecerts_result_source_status(r, (size_t)d) == NATIVECERTS_STATUS_USED);
    wt_done(r, o);
}

/* A directory named as a file, and a file named as a directory: errors of kind io. */
static void wrong_kind(const char *tmp)
{
    char file[1100];
    snprintf(file, sizeof file, "%s\\a.pem", tmp);
    wt_put_fixture("root-a.pem", file);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_file(o, tmp);
    nativecerts_result *r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, EISDIR, tmp, NATIVECERTS_STATUS_FAILED);
    nativecerts_result_free(r);
    nativecerts_options_free(o);

    o = explicit_options();
    nativecerts_options_add_dir(o, file);
    r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, ENOTDIR, file, NATIVECERTS_STATUS_FAILED);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

/* Over the size limit: an error of kind "limit", nothing read. */
static void over_limit(const char *tmp)
{
    char file[1100];
    snprintf(file, sizeof file, "%s\\big.pem", tmp);
    wt_put_fixture("root-a.pem", file);
    nativecerts_options *o = explicit_options();
    nativecerts_options_set_max_file_size(o, 100);
    nativecerts_options_add_file(o, file);
    nativecerts_result *r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_LIMIT, 0, file, NATIVECERTS_STATUS_FAILED);
    CHECK_EQ_SIZE(nativecerts_result_bytes_read(r), 0);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

/* A file larger than one ReadFile call reads (1 GiB), with its certificate at the end,
 * is read to its end, not to the first call's end. Sparse: the hole before the
 * certificate costs no disk (Wine makes a hole of the gap a write leaves; on NTFS the
 * file is marked sparse first). */
static void beyond_one_read(const char *tmp)
{
    char file[1100];
    snprintf(file, sizeof file, "%s\\big.pem", tmp);
    size_t pem_len;
    unsigned char *pem = wt_fixture("root-a.pem", &pem_len);
    const LONGLONG offset = (1LL << 30) + 4096;
    wchar_t wfile[1100];
    MultiByteToWideChar(CP_UTF8, 0, file, -1, wfile, 1100);
    HANDLE h =
        CreateFileW(wfile, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(h != INVALID_HANDLE_VALUE);
    if (h == INVALID_HANDLE_VALUE) return;
    DWORD done = 0;
    DeviceIoControl(h, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &done, NULL); /* may be unsupported */
    LARGE_INTEGER at = {.QuadPart = offset};
    CHECK(SetFilePointerEx(h, at, NULL, FILE_BEGIN));
    CHECK(WriteFile(h, "\n", 1, &done, NULL) && done == 1);
    CHECK(WriteFile(h, pem, (DWORD)pem_len, &done, NULL) && done == pem_len);
    CloseHandle(h);
    free(pem);

    nativecerts_options *o = explicit_options();
    nativecerts_options_set_max_file_size(o, 2ULL << 30);
    nativecerts_options_add_file(o, file);
    nativecerts_result *r = wt_load(o);
    CHECK_STR(trusted_source(r, "root-a.der"), file);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    CHECK(nativecerts_result_bytes_read(r) == (uint64_t)offset + 1 + pem_len);
    wt_done(r, o);
}

/* Out of descriptors (a process held near its limit, as busy servers are: through Wine a
 * handle needs a Unix descriptor to be read): a file that cannot be read could be the one
 * that distrusts a root, so the whole load fails with NATIVECERTS_ERESOURCE, for a file
 * and for a directory alike; once descriptors are free again, it loads. Run under a low
 * RLIMIT_NOFILE (prlimit), or it would hold thousands of handles. */
static void out_of_descriptors(const char *tmp)
{
    char file[1100];
    snprintf(file, sizeof file, "%s\\a.pem", tmp);
    wt_put_fixture("root-a.pem", file);
    enum { MAX_HELD = 8192 };
    static HANDLE held[MAX_HELD];
    size_t n = 0;
    for (int dir = 0; dir < 2; dir++) {
        /* Up to the limit again before each load: a failed receive may free one. */
        DWORD err = 0;
        while (n < MAX_HELD && (held[n] = wt_hold_open(file, &err)) != INVALID_HANDLE_VALUE)
            n++;
        CHECK(n < MAX_HELD && err == ERROR_TOO_MANY_OPEN_FILES);
        nativecerts_options *o = explicit_options();
        if (dir)
            nativecerts_options_add_dir(o, tmp);
        else
            nativecerts_options_add_file(o, file);
        nativecerts_result *r = NULL;
        CHECK(nativecerts_load(o, &r) == NATIVECERTS_ERESOURCE);
        CHECK(r == NULL);
        if (r) wt_dump(r);
        nativecerts_result_free(r);
        nativecerts_options_free(o);
    }
    while (n > 0)
        CloseHandle(held[--n]);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_dir(o, tmp);
    nativecerts_result *r = wt_load(o);
    CHECK_STR(trusted_source(r, "root-a.der"), file);
    wt_done(r, o);
}

/* Subdirectories are not entered, and their names are not errors. */
static void no_recursion(const char *tmp)
{
    char sub[1100], inner[1200], top[1100];
    snprintf(sub, sizeof sub, "%s\\sub", tmp);
    snprintf(inner, sizeof inner, "%s\\b.pem", sub);
    snprintf(top, sizeof top, "%s\\a.pem", tmp);
    wt_mkdir(sub);
    wt_put_fixture("root-b.pem", inner);
    wt_put_fixture("root-a.pem", top);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_dir(o, tmp);
    nativecerts_result *r = wt_load(o);
    CHECK_STR(trusted_source(r, "root-a.der"), top);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

/* A missing file or directory that the user named: an error, status "missing". */
static void missing(const char *tmp)
{
    char file[1100], dir[1100];
    snprintf(file, sizeof file, "%s\\nope.pem", tmp);
    snprintf(dir, sizeof dir, "%s\\nodir", tmp);
    nativecerts_options *o = explicit_options();
    nativecerts_options_add_file(o, file);
    nativecerts_result *r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, ENOENT, file, NATIVECERTS_STATUS_MISSING);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    o = explicit_options();
    nativecerts_options_add_dir(o, dir);
    r = wt_load(o);
    check_one_error(r, NATIVECERTS_ERROR_IO, ENOENT, dir, NATIVECERTS_STATUS_MISSING);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

/* The root directory option cannot hold a registry store: an error, nothing loaded, an
 * added file failed as the store is. The advice says that alone, and to load without it. */
static void root_option(const char *tmp)
{
    nativecerts_options *o = wt_options();
    nativecerts_options_set_root(o, tmp);
    nativecerts_options_add_file(o, "x.pem");
    nativecerts_result *r = wt_load(o);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    long s = wt_source(r, "windows:CurrentUser/ROOT");
    CHECK(s >= 0);
    if (s >= 0) CHECK(nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_FAILED);
    s = wt_source(r, "x.pem");
    CHECK(s >= 0);
    if (s >= 0) CHECK(nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_FAILED);
    char advice[512], want[512];
    snprintf(want, sizeof want, "%s\nwhat to do: load without a root directory (--root)\n",
             nativecerts_result_error_message(r, 0));
    CHECK(nativecerts_result_advice(r, advice, sizeof advice) < sizeof advice);
    CHECK_STR(advice, want);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "wine-fifo")) {
        wt_clear_ssl_env();
        wine_fifo(argv[2]);
        return nct_done();
    }
    if (argc != 2) return 2;
    const char *c = argv[1];
    char tmp[1024];
    wt_clear_ssl_env();
    wt_tmpdir(tmp, sizeof tmp, c);
    if (!strcmp(c, "read-once"))
        read_once(tmp);
    else if (!strcmp(c, "non-ascii-names"))
        non_ascii_names(tmp);
    else if (!strcmp(c, "utf8-order"))
        utf8_order(tmp);
    else if (!strcmp(c, "devices"))
        devices();
    else if (!strcmp(c, "wrong-kind"))
        wrong_kind(tmp);
    else if (!strcmp(c, "over-limit"))
        over_limit(tmp);
    else if (!strcmp(c, "no-recursion"))
        no_recursion(tmp);
    else if (!strcmp(c, "beyond-one-read"))
        beyond_one_read(tmp);
    else if (!strcmp(c, "out-of-descriptors"))
        out_of_descriptors(tmp);
    else if (!strcmp(c, "missing"))
        missing(tmp);
    else if (!strcmp(c, "root-option"))
        root_option(tmp);
    else {
        fprintf(stderr, "unknown case %s\n", c);
        return 2;
    }
    wt_rmtree(tmp);
    return nct_done();
}
