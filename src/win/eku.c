/* The enhanced key usage rule for roots of the Windows store. */
#include "win/eku.h"

#include <stdlib.h>
#include <string.h>

nc__win_eku nc__win_eku_rule(BOOL ok, DWORD err, const CERT_ENHKEY_USAGE *usage)
{
    if (!ok) return err == (DWORD)CRYPT_E_NOT_FOUND ? NC__WIN_EKU_SERVER : NC__WIN_EKU_ERROR;
    if (!usage || usage->cUsageIdentifier == 0)
        return err == (DWORD)CRYPT_E_NOT_FOUND ? NC__WIN_EKU_SERVER : NC__WIN_EKU_NOT_SERVER;
    for (DWORD i = 0; i < usage->cUsageIdentifier; i++) {
        const char *oid = usage->rgpszUsageIdentifier[i];
        if (oid && (strcmp(oid, szOID_PKIX_KP_SERVER_AUTH) == 0 ||
                    strcmp(oid, szOID_ANY_ENHANCED_KEY_USAGE) == 0))
            return NC__WIN_EKU_SERVER;
    }
    return NC__WIN_EKU_NOT_SERVER;
}

nc__win_eku nc__win_eku_of(PCCERT_CONTEXT cert, DWORD *err)
{
    /* The last error is part of the answer (see the rule), so it is cleared before each
     * call and read right after it. */
    DWORD size = 0;
    SetLastError(0);
    BOOL ok = CertGetEnhancedKeyUsage(cert, 0, NULL, &size);
    DWORD last = GetLastError();
    *err = 0;
    if (!ok || size < sizeof(CERT_ENHKEY_USAGE)) {
        nc__win_eku r = nc__win_eku_rule(ok, last, NULL);
        if (r == NC__WIN_EKU_ERROR) *err = last ? last : (DWORD)ERROR_INVALID_DATA;
        return r;
    }
    CERT_ENHKEY_USAGE *usage = malloc(size);
    if (!usage) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NC__WIN_EKU_ERROR;
    }
    SetLastError(0);
    ok = CertGetEnhancedKeyUsage(cert, 0, usage, &size);
    last = GetLastError();
    nc__win_eku r = nc__win_eku_rule(ok, last, ok ? usage : NULL);
    if (r == NC__WIN_EKU_ERROR) *err = last ? last : (DWORD)ERROR_INVALID_DATA;
    free(usage);
    return r;
}
