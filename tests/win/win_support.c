#include "win_support.h"

#include <stdio.h>
#include <stdlib.h>

#include "win/wide.h"

int nct_failures;

int nct_done(void)
{
    if (nct_failures) fprintf(stderr, "%d check(s) failed\n", nct_failures);
    return nct_failures ? 1 : 0;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "test setup failed: %s %s (Windows error %lu)\n", what, detail ? detail : "",
            (unsigned long)GetLastError());
    exit(99);
}

static wchar_t *wide(const char *s)
{
    wchar_t *w = nc__win_wide(s);
    if (!w) die("UTF-8 to UTF-16", s);
    return w;
}

unsigned char *wt_fixture(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/certs/%s", NC_WIN_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    if (!f) die("open fixture", path);
    unsigned char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    if (!buf || n == 0 || n == 1 << 16) die("read fixture", path);
    *len = n;
    return buf;
}

static HCERTSTORE open_store(const wchar_t *store)
{
    HCERTSTORE s = CertOpenStore(CERT_STORE_PROV_SYSTEM_REGISTRY_W, 0, 0,
                                 CERT_SYSTEM_STORE_CURRENT_USER, store);
    if (!s) die("open store", NULL);
    return s;
}

void wt_store_add(const wchar_t *store, const unsigned char *der, size_t len, char *const *eku)
{
    HCERTSTORE s = open_store(store);
    PCCERT_CONTEXT ctx = NULL;
    if (!CertAddEncodedCertificateToStore(s, X509_ASN_ENCODING, der, (DWORD)len,
                                          CERT_STORE_ADD_REPLACE_EXISTING, &ctx))
        die("add certificate", NULL);
    if (eku) {
        /* The property an administrator sets in certmgr ("enable only for..."). */
        LPSTR oids[16];
        CERT_ENHKEY_USAGE usage = {0, oids};
        for (; eku[usage.cUsageIdentifier] && usage.cUsageIdentifier < 16; usage.cUsageIdentifier++)
            oids[usage.cUsageIdentifier] = eku[usage.cUsageIdentifier];
        BYTE *enc = NULL;
        DWORD enc_len = 0;
        if (!CryptEncodeObjectEx(X509_ASN_ENCODING, X509_ENHANCED_KEY_USAGE, &usage,
                                 CRYPT_ENCODE_ALLOC_FLAG, NULL, &enc, &enc_len))
            die("encode EKU", NULL);
        CRYPT_DATA_BLOB blob = {enc_len, enc};
        if (!CertSetCertificateContextProperty(ctx, CERT_ENHKEY_USAGE_PROP_ID, 0, &blob))
            die("set EKU property", NULL);
        LocalFree(enc);
    }
    CertFreeCertificateContext(ctx);
    CertCloseStore(s, 0);
}

void wt_store_remove(const wchar_t *store, const unsigned char *der, size_t len)
{
    HCERTSTORE s = open_store(store);
    PCCERT_CONTEXT want = CertCreateCertificateContext(X509_ASN_ENCODING, der, (DWORD)len);
    if (!want) die("parse certificate", NULL);
    PCCERT_CONTEXT found;
    /* Found anew each time: deleting while enumerating never ends in Wine. */
    while ((found = CertFindCertificateInStore(s, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, want,
                                               NULL)) != NULL)
        if (!CertDeleteCertificateFromStore(found)) die("delete certificate", NULL);
    CertFreeCertificateContext(want);
    CertCloseStore(s, 0);
}

void wt_store_deny(const wchar_t *store, int deny)
{
    wchar_t path[256];
    swprintf(path, 256, L"Software\\Microsoft\\SystemCertificates\\%ls", store);
    HKEY key, parent;
    if (RegCreateKeyExW(HKEY_CURRENT_USER, path, 0, NULL, 0, READ_CONTROL | WRITE_DAC, NULL, &key,
                        NULL) != ERROR_SUCCESS)
        die("open store key", NULL);
    SECURITY_DESCRIPTOR sd;
    ACL empty;
    BYTE buf[4096];
    DWORD len = sizeof buf;
    PACL dacl = &empty;
    BOOL present = TRUE, defaulted = FALSE;
    if (!InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION)) die("security", NULL);
    if (deny) {
        if (!InitializeAcl(&empty, sizeof empty, ACL_REVISION)) die("empty ACL", NULL);
    } else {
        if (RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Microsoft\\SystemCertificates", 0,
                          READ_CONTROL, &parent) != ERROR_SUCCESS ||
            RegGetKeySecurity(parent, DACL_SECURITY_INFORMATION, buf, &len) != ERROR_SUCCESS ||
            !GetSecurityDescriptorDacl(buf, &present, &dacl, &defaulted))
            die("parent key's access list", NULL);
        RegCloseKey(parent);
    }
    if (!SetSecurityDescriptorDacl(&sd, present, dacl, FALSE) ||
        RegSetKeySecurity(key, DACL_SECURITY_INFORMATION, &sd) != ERROR_SUCCESS)
        die("set store key access list", NULL);
    RegCloseKey(key);
}

HANDLE wt_hold_open(const char *path, DWORD *err)
{
    wchar_t *w = wide(path);
    HANDLE h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           0, NULL);
    free(w);
    char byte;
    DWORD got;
    if (h != INVALID_HANDLE_VALUE && !ReadFile(h, &byte, 1, &got, NULL)) {
        *err = GetLastError();
        CloseHandle(h);
        return INVALID_HANDLE_VALUE;
    }
    *err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    return h;
}

void wt_setenv(const char *name, const char *value)
{
    wchar_t *n = wide(name), *v = value ? wide(value) : NULL;
    if (!SetEnvironmentVariableW(n, v)) die("set variable", name);
    free(n);
    free(v);
}

void wt_clear_ssl_env(void)
{
    wt_setenv("SSL_CERT_FILE", NULL);
    wt_setenv("SSL_CERT_DIR", NULL);
}

void wt_mkdir(const char *path)
{
    wchar_t *w = wide(path);
    if (!CreateDirectoryW(w, NULL) && GetLastError() != ERROR_ALREADY_EXISTS) die("mkdir", path);
    free(w);
}

void wt_tmpdir(char *out, size_t n, const char *name)
{
    wchar_t base[MAX_PATH + 1];
    DWORD len = GetTempPathW(MAX_PATH + 1, base);
    if (!len || len > MAX_PATH) die("temporary directory", NULL);
    char *b = nc__win_utf8(base, (int)len);
    if (!b) die("temporary directory name", NULL);
    snprintf(out, n, "%snctest-%lu-%s", b, (unsigned long)GetCurrentProcessId(), name);
    free(b);
    wt_rmtree(out);
    wt_mkdir(out);
}

void wt_rmtree(const char *path)
{
    char pattern[2048];
    snprintf(pattern, sizeof pattern, "%s\\*", path);
    wchar_t *w = wide(pattern);
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(w, &fd);
    free(w);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            const wchar_t *e = fd.cFileName;
            if (e[0] == L'.' && (e[1] == L'\0' || (e[1] == L'.' && e[2] == L'\0'))) continue;
            char *name = nc__win_utf8(e, -1), child[2048];
            if (!name) continue;
            snprintf(child, sizeof child, "%s\\%s", path, name);
            free(name);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                wt_rmtree(child);
            } else {
                wchar_t *c = wide(child);
                DeleteFileW(c);
                free(c);
            }
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    wchar_t *d = wide(path);
    RemoveDirectoryW(d);
    free(d);
}

void wt_write(const char *path, const void *data, size_t len)
{
    wchar_t *w = wide(path);
    HANDLE h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    DWORD done = 0;
    if (h == INVALID_HANDLE_VALUE) die("create", path);
    if (len && (!WriteFile(h, data, (DWORD)len, &done, NULL) || done != len)) die("write", path);
    CloseHandle(h);
}

void wt_put_fixture(const char *name, const char *path)
{
    size_t len;
    unsigned char *der = wt_fixture(name, &len);
    wt_write(path, der, len);
    free(der);
}

void wt_hardlink(const char *existing, const char *link)
{
    wchar_t *e = wide(existing), *l = wide(link);
    if (!CreateHardLinkW(l, e, NULL)) die("hard link", link);
    free(e);
    free(l);
}

nativecerts_options *wt_options(void)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o)) die("options", NULL);
    return o;
}

nativecerts_result *wt_load(const nativecerts_options *opts)
{
    nativecerts_result *r;
    int rc = nativecerts_load(opts, &r);
    if (rc) {
        fprintf(stderr, "nativecerts_load returned %d\n", rc);
        exit(1);
    }
    return r;
}

long wt_trusted(const nativecerts_result *r, const unsigned char *der, size_t len)
{
    for (size_t i = 0, n = nativecerts_result_count(r); i < n; i++) {
        size_t l;
        const unsigned char *d = nativecerts_result_der(r, i, &l);
        if (l == len && !memcmp(d, der, len)) return (long)i;
    }
    return -1;
}

long wt_excluded(const nativecerts_result *r, const unsigned char *der, size_t len)
{
    for (size_t i = 0, n = nativecerts_result_excluded_count(r); i < n; i++) {
        size_t l;
        const unsigned char *d = nativecerts_result_excluded_der(r, i, &l);
        if (l == len && !memcmp(d, der, len)) return (long)i;
    }
    return -1;
}

long wt_source(const nativecerts_result *r, const char *name)
{
    for (size_t i = 0, n = nativecerts_result_source_count(r); i < n; i++)
        if (!strcmp(nativecerts_result_source_name(r, i), name)) return (long)i;
    return -1;
}

size_t wt_errors_of(const nativecerts_result *r, nativecerts_error_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        n += nativecerts_result_error_kind(r, i) == k;
    return n;
}

void wt_dump(const nativecerts_result *r)
{
    fprintf(stderr, "== %zu trusted, %zu excluded, mode %d, profile %s\n",
            nativecerts_result_count(r), nativecerts_result_excluded_count(r),
            (int)nativecerts_result_mode(r), nativecerts_result_profile(r));
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        char name[256];
        size_t len;
        const unsigned char *d = nativecerts_result_excluded_der(r, i, &len);
        nativecerts_cert_display_name(d, len, name, sizeof name);
        fprintf(stderr, "  excluded %-20s %s (%s)\n",
                nativecerts_reason_name(nativecerts_result_excluded_reason(r, i)), name,
                nativecerts_result_excluded_source(r, i));
    }
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "  error %s [%s, %ld]\n", nativecerts_result_error_message(r, i),
                nativecerts_error_kind_name(nativecerts_result_error_kind(r, i)),
                nativecerts_result_error_errno(r, i));
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        fprintf(stderr, "  source %-14s %-32s %-15s %zu cert(s)\n",
                nativecerts_result_source_origin(r, i), nativecerts_result_source_name(r, i),
                nativecerts_source_status_name(nativecerts_result_source_status(r, i)),
                nativecerts_result_source_cert_count(r, i));
}

void wt_done(nativecerts_result *r, nativecerts_options *o)
{
    if (nct_failures && r) wt_dump(r);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}
