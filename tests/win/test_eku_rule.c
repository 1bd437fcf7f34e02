/* The enhanced key usage rule (src/win/eku.h) as a table: what CertGetEnhancedKeyUsage
 * returned, its last error and OIDs, and what the root is good for. One line per case
 * that Windows documents or that a store can hold. */
#include <stdio.h>

#include "win/eku.h"
#include "win_support.h"

typedef struct eku_case {
    const char *what;
    BOOL ok;
    DWORD err;
    char *oids[3]; /* NULL-terminated; unused when ok is FALSE */
    nc__win_eku expect;
} eku_case;

static const eku_case CASES[] = {
    {"no property, no extension (fails)",
     FALSE,
     (DWORD)CRYPT_E_NOT_FOUND,
     {NULL},
     NC__WIN_EKU_SERVER},
    {"no property, no extension (documented)",
     TRUE,
     (DWORD)CRYPT_E_NOT_FOUND,
     {NULL},
     NC__WIN_EKU_SERVER},
    {"empty list", TRUE, 0, {NULL}, NC__WIN_EKU_NOT_SERVER},
    {"serverAuth", TRUE, 0, {szOID_PKIX_KP_SERVER_AUTH}, NC__WIN_EKU_SERVER},
    {"clientAuth only", TRUE, 0, {szOID_PKIX_KP_CLIENT_AUTH}, NC__WIN_EKU_NOT_SERVER},
    {"clientAuth, serverAuth",
     TRUE,
     0,
     {szOID_PKIX_KP_CLIENT_AUTH, szOID_PKIX_KP_SERVER_AUTH},
     NC__WIN_EKU_SERVER},
    {"anyExtendedKeyUsage", TRUE, 0, {szOID_ANY_ENHANCED_KEY_USAGE}, NC__WIN_EKU_SERVER},
    {"code signing, e-mail",
     TRUE,
     0,
     {szOID_PKIX_KP_CODE_SIGNING, szOID_PKIX_KP_EMAIL_PROTECTION},
     NC__WIN_EKU_NOT_SERVER},
    {"serverAuth with a stale last error",
     TRUE,
     (DWORD)CRYPT_E_NOT_FOUND,
     {szOID_PKIX_KP_SERVER_AUTH},
     NC__WIN_EKU_SERVER},
    {"a prefix of serverAuth is not serverAuth",
     TRUE,
     0,
     {"1.3.6.1.5.5.7.3"},
     NC__WIN_EKU_NOT_SERVER},
    {"access denied", FALSE, ERROR_ACCESS_DENIED, {NULL}, NC__WIN_EKU_ERROR},
    {"corrupt property", FALSE, (DWORD)CRYPT_E_ASN1_BADTAG, {NULL}, NC__WIN_EKU_ERROR},
};

int main(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const eku_case *k = &CASES[i];
        LPSTR oids[3];
        CERT_ENHKEY_USAGE usage = {0, oids};
        for (; k->oids[usage.cUsageIdentifier]; usage.cUsageIdentifier++)
            oids[usage.cUsageIdentifier] = k->oids[usage.cUsageIdentifier];
        nc__win_eku got = nc__win_eku_rule(k->ok, k->err, k->ok ? &usage : NULL);
        if (got != k->expect) {
            fprintf(stderr, "%s: got %d, expected %d\n", k->what, (int)got, (int)k->expect);
            nct_failures++;
        }
    }
    return nct_done();
}
