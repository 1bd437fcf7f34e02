/* Enumerating the system stores through crypt32. Nothing here decides beyond what the
 * store says of each certificate: validity, deduplication, distrust and order are the
 * core's. Every failed call becomes an error of kind "os" with its Win32 code. */
#include "win/store.h"

#include <windows.h>

#include <wincrypt.h>

#include "codec/der.h"
#include "win/eku.h"
#include "win/oserror.h"

typedef struct store_def {
    const wchar_t *name; /* for CertOpenSystemStoreW */
    const char *source;  /* in the sources report and as each certificate's source */
    nc__role role;
} store_def;

static const store_def STORES[] = {
    {L"ROOT", "windows:CurrentUser/ROOT", NC__ROLE_TRUST},
    {L"Disallowed", "windows:CurrentUser/Disallowed", NC__ROLE_DISTRUST},
};
#define NSTORES (sizeof STORES / sizeof STORES[0])

/* The verdict of the store on one certificate, or 0 when it cannot be had (reported). */
static nc__verdict verdict_of(nc__collect *c, uint32_t source, const store_def *d,
                              PCCERT_CONTEXT cert)
{
    if (d->role == NC__ROLE_DISTRUST) return NC__VERDICT_DISTRUSTED;
    DWORD err;
    switch (nc__win_eku_of(cert, &err)) {
    case NC__WIN_EKU_SERVER:
        return NC__VERDICT_TRUSTED_IF_VALID;
    case NC__WIN_EKU_NOT_SERVER:
        return NC__VERDICT_NOT_SERVER;
    case NC__WIN_EKU_ERROR:
        break;
    }
    nc__win_os_error(c, source, d->source, "cannot read a certificate's enhanced key usage", err);
    return (nc__verdict)0;
}

static void load_one(nc__collect *c, const store_def *d)
{
    uint32_t source = nc__collect_source(c, NATIVECERTS_SOURCE_STORE, "store", d->source, NULL);
    /* Disallowed can distrust any root of the load: if it cannot be read completely,
     * every error recorded against it makes the core trust nothing it could cover. */
    if (d->role == NC__ROLE_DISTRUST) nc__collect_distrust_place(c, source, NC__NONE);
    /* The current user's logical store: the user's own, the machine's, and those that
     * group policy and enterprise enrollment put there. A store that does not exist yet
     * is created empty, so a failure here is never "no such store". */
    HCERTSTORE store = CertOpenSystemStoreW(0, d->name);
    if (!store) {
        nc__win_os_error(c, source, d->source, "cannot open the store", GetLastError());
        nc__collect_status(c, source, NATIVECERTS_STATUS_FAILED);
        return;
    }
    uint32_t name_id = nc__collect_str(c, d->source);
    int failed = 0;
    PCCERT_CONTEXT cert = NULL;
    while (!nc__collect_failed(c)) {
        cert = CertEnumCertificatesInStore(store, cert); /* frees the previous one */
        if (!cert) {
            DWORD err = GetLastError();
            if (err != (DWORD)CRYPT_E_NOT_FOUND && err != ERROR_NO_MORE_FILES && err != 0) {
                nc__win_os_error(c, source, d->source, "cannot enumerate the store", err);
                failed = 1;
            }
            break;
        }
        /* What crypt32 accepted is checked again by the library's own DER rules, which
         * also give the validity period for the core's check. */
        nc__cert_limits info;
        nc__der_err bad =
            nc__der_check_certificate(cert->pbCertEncoded, cert->cbCertEncoded, &info);
        if (bad) {
            /* Reported, but Disallowed stays complete: stores match by the bytes they
             * hold, and bytes that are no valid certificate equal no certificate this
             * load could return, so they distrust nothing that is trusted. */
            nc__collect_error_recognised(c, source, NATIVECERTS_ERROR_PARSE, NULL, 0, 0,
                                         "%s: a certificate is not valid DER: %s", d->source,
                                         nc__der_err_message(bad));
            continue;
        }
        nc__verdict v = verdict_of(c, source, d, cert);
        if (v && name_id != NC__NONE)
            nc__collect_cert(c, source, name_id, cert->pbCertEncoded, cert->cbCertEncoded, &info, v,
                             d->role);
    }
    if (cert) CertFreeCertificateContext(cert); /* left early: out of memory */
    CertCloseStore(store, 0);
    nc__collect_status(c, source, failed ? NATIVECERTS_STATUS_FAILED : NATIVECERTS_STATUS_USED);
}

void nc__win_store_load(nc__collect *c)
{
    for (size_t i = 0; i < NSTORES; i++)
        load_one(c, &STORES[i]);
}

void nc__win_store_report_unused(nc__collect *c, nativecerts_source_status why)
{
    for (size_t i = 0; i < NSTORES; i++)
        nc__collect_status(
            c, nc__collect_source(c, NATIVECERTS_SOURCE_STORE, "store", STORES[i].source, NULL),
            why);
}
