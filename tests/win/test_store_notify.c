/* nativecerts_store on Windows (Wine's crypt32 and registry when cross-built): the
 * ROOT and Disallowed stores are watched through registry change notifications on
 * their keys, so a root added or distrusted is seen by the next get, not at the
 * maximum age (which is set to "never" here, so that only a notification can explain
 * a reload).
 *   test_store_notify root-added | disallowed-added | registry-import */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "win_support.h"

static nativecerts_store *new_store(void)
{
    wt_clear_ssl_env();
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(NULL, &s) == NATIVECERTS_OK);
    CHECK(nativecerts_store_set_max_age(s, INT64_MAX) == NATIVECERTS_OK);
    return s;
}

static nativecerts_result *get(nativecerts_store *s)
{
    nativecerts_result *r = NULL;
    CHECK(nativecerts_store_get(s, &r) == NATIVECERTS_OK && r);
    return r;
}

/* A store whose result is reused: the second get after the first (whose load may
 * itself have written the registry, as Wine's does once per process) is settled. */
static nativecerts_result *settled(nativecerts_store *s)
{
    nativecerts_result *r = get(s);
    for (int i = 0; i < 3; i++) {
        nativecerts_result *again = get(s);
        int same = again == r;
        nativecerts_result_free(r);
        r = again;
        if (same) break;
    }
    nativecerts_result *check = get(s);
    CHECK(check == r); /* nothing changed: reused */
    nativecerts_result_free(check);
    CHECK(nativecerts_store_get_mode(s) == NATIVECERTS_STORE_NOTIFIED);
    return r;
}

static void root_added(void)
{
    size_t len;
    unsigned char *der = wt_fixture("root-c.der", &len);
    wt_store_remove(L"ROOT", der, len);
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = settled(s);
    CHECK(wt_trusted(r1, der, len) < 0);
    wt_store_add(L"ROOT", der, len, NULL);
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && wt_trusted(r2, der, len) >= 0);
    wt_store_remove(L"ROOT", der, len);
    nativecerts_result *r3 = get(s);
    CHECK(r3 != r2 && wt_trusted(r3, der, len) < 0);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_result_free(r3);
    nativecerts_store_free(s);
    free(der);
}

static void disallowed_added(void)
{
    size_t len;
    unsigned char *der = wt_fixture("root-c.der", &len);
    wt_store_remove(L"ROOT", der, len);
    wt_store_remove(L"Disallowed", der, len);
    wt_store_add(L"ROOT", der, len, NULL);
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = settled(s);
    CHECK(wt_trusted(r1, der, len) >= 0);
    wt_store_add(L"Disallowed", der, len, NULL);
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && wt_trusted(r2, der, len) < 0);
    long x = wt_excluded(r2, der, len);
    CHECK(x >= 0 &&
          nativecerts_result_excluded_reason(r2, (size_t)x) == NATIVECERTS_REASON_DISTRUSTED);
    wt_store_remove(L"Disallowed", der, len);
    wt_store_remove(L"ROOT", der, len);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
    free(der);
}

/* Runs a command line and waits for it; returns its exit code, or -1. */
static long run(wchar_t *cmd)
{
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (!CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return -1;
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (long)code;
}

/* Another process writes the certificate into the store's registry key, as a registry
 * import does: Certificates\<SHA-1>\Blob holding the serialized certificate. */
static void registry_import(void)
{
    size_t len;
    unsigned char *der = wt_fixture("root-c.der", &len);
    wt_store_remove(L"ROOT", der, len);
    PCCERT_CONTEXT c = CertCreateCertificateContext(X509_ASN_ENCODING, der, (DWORD)len);
    BYTE sha1[20], blob[8192];
    DWORD n = sizeof sha1, blen = sizeof blob;
    CHECK(c && CertGetCertificateContextProperty(c, CERT_SHA1_HASH_PROP_ID, sha1, &n));
    CHECK(CertSerializeCertificateStoreElement(c, 0, blob, &blen));
    CertFreeCertificateContext(c);
    static wchar_t cmd[40000];
    int k = swprintf(cmd, 40000,
                     L"reg.exe add HKCU\\Software\\Microsoft\\SystemCertificates\\Root\\"
                     L"Certificates\\");
    for (DWORD i = 0; i < 20; i++)
        k += swprintf(cmd + k, 40000 - (size_t)k, L"%02X", sha1[i]);
    k += swprintf(cmd + k, 40000 - (size_t)k, L" /v Blob /t REG_BINARY /f /d ");
    for (DWORD i = 0; i < blen; i++)
        k += swprintf(cmd + k, 40000 - (size_t)k, L"%02X", blob[i]);

    nativecerts_store *s = new_store();
    nativecerts_result *r1 = settled(s);
    CHECK(wt_trusted(r1, der, len) < 0);
    CHECK(run(cmd) == 0);
    nativecerts_result *r2 = get(s);
    CHECK(r2 != r1 && wt_trusted(r2, der, len) >= 0);
    wt_store_remove(L"ROOT", der, len);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
    free(der);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "root-added") == 0)
        root_added();
    else if (argc == 2 && strcmp(argv[1], "disallowed-added") == 0)
        disallowed_added();
    else if (argc == 2 && strcmp(argv[1], "registry-import") == 0)
        registry_import();
    else
        return fprintf(stderr, "usage: test_store_notify CASE\n"), 2;
    return nct_done();
}
