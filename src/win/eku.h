/* Whether a root of the Windows store may serve for TLS server authentication, from
 * what CertGetEnhancedKeyUsage (flags 0: the EKU property an administrator set, else
 * the certificate's extension) says of it. */
#ifndef NC_WIN_EKU_H
#define NC_WIN_EKU_H

#include <windows.h>

#include <wincrypt.h>

typedef enum nc__win_eku {
    NC__WIN_EKU_SERVER = 1,     /* no restriction, serverAuth, or anyExtendedKeyUsage */
    NC__WIN_EKU_NOT_SERVER = 2, /* a list without them, the empty list included */
    NC__WIN_EKU_ERROR = 3       /* the call failed: the certificate is not used */
} nc__win_eku;

/* The rule, on the outcome of the call: ok its return value, err GetLastError() just
 * after it (cleared before it), usage what it filled in (NULL when it failed).
 *
 * - It fails with CRYPT_E_NOT_FOUND, or succeeds with no identifier and that same last
 *   error (as Windows documents): neither property nor extension, so every use.
 * - It succeeds with no identifier and no such error: the empty list, so no use.
 * - serverAuth (1.3.6.1.5.5.7.3.1) allows it. So does anyExtendedKeyUsage (2.5.29.37.0):
 *   RFC 5280 gives it every purpose, OpenSSL's trust rule reads it so for
 *   roots, and Node.js accepts it on Windows; rustls-native-certs does not.
 * - Any other failure is an error of kind "os" for that certificate. */
nc__win_eku nc__win_eku_rule(BOOL ok, DWORD err, const CERT_ENHKEY_USAGE *usage);

/* Calls CertGetEnhancedKeyUsage on cert and applies the rule. Sets *err to the Win32
 * code when it returns NC__WIN_EKU_ERROR. */
nc__win_eku nc__win_eku_of(PCCERT_CONTEXT cert, DWORD *err);

#endif
