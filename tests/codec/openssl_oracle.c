/* OpenSSL as the reference of the codec tests (see openssl_oracle.h). */
#define _DEFAULT_SOURCE /* timegm */
#include "openssl_oracle.h"

#include <time.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

int oracle_time(const ASN1_TIME *t, int64_t *out)
{
    struct tm tm;
    if (ASN1_TIME_to_tm(t, &tm) != 1) return -1;
    *out = (int64_t)timegm(&tm);
    return 0;
}

int oracle_certificate(const uint8_t *der, size_t len, int64_t *not_before, int64_t *not_after,
                       int *times_ok, int *eku)
{
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    int whole = x != NULL && p == der + len;
    if (whole && not_before != NULL && not_after != NULL && times_ok != NULL)
        *times_ok = oracle_time(X509_get0_notBefore(x), not_before) == 0 &&
                    oracle_time(X509_get0_notAfter(x), not_after) == 0;
    if (whole && eku != NULL) *eku = oracle_eku(x);
    X509_free(x);
    return whole;
}

int oracle_eku(X509 *x)
{
    int crit = 0;
    EXTENDED_KEY_USAGE *list = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
    if (list == NULL) return crit == -1 ? ORACLE_EKU_ABSENT : ORACLE_EKU_INVALID;
    int found = ORACLE_EKU_NOT_SERVER;
    for (int i = 0; i < sk_ASN1_OBJECT_num(list); i++) {
        int nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(list, i));
        if (nid == NID_server_auth || nid == NID_anyExtendedKeyUsage) found = ORACLE_EKU_SERVER;
    }
    sk_ASN1_OBJECT_pop_free(list, ASN1_OBJECT_free);
    return found;
}
