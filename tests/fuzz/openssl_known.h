/* The one documented way nativecerts reads as a certificate what OpenSSL refuses
 * (tests/codec/der/name-value-high-tag.expect, "lenient"): the DER check does not look
 * into the values of name attributes, where OpenSSL wants a string type, and valid
 * contents for it (a UTF8String must hold UTF-8: x509_name_ex_d2i re-encodes every
 * name). The differential targets recognise it by OpenSSL's own error (a value of an
 * X509_NAME_ENTRY, or the name's re-encoding, failed) and let it pass; any other refusal
 * fails the run. The structure of names around the values is checked by both. */
#ifndef NC_FUZZ_OPENSSL_KNOWN_H
#define NC_FUZZ_OPENSSL_KNOWN_H

#include <string.h>

#include <openssl/err.h>

/* Non-zero when OpenSSL's last decoding failed on a name attribute's value. Empties the
 * error queue. */
static inline int fuzz_openssl_refused_name_value(void)
{
    const char *func = NULL, *data = NULL;
    int flags = 0, found = 0;
    while (ERR_get_error_all(NULL, NULL, &func, &data, &flags) != 0) {
        if ((flags & ERR_TXT_STRING) && data && strstr(data, "Type=X509_NAME_ENTRY")) found = 1;
        if (func && strcmp(func, "x509_name_ex_d2i") == 0) found = 1;
    }
    return found;
}

#endif
