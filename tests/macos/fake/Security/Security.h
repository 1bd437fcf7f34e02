/*
 * TEST DOUBLE — NOT APPLE'S Security.h.
 *
 * nativecerts' fake of the few Security framework declarations src/macos/keychain.c
 * uses, implemented in memory by tests/macos/fake_keychain.c. It declares exactly what
 * keychain.c calls, nothing more. Types, signatures and values follow Apple's
 * documented headers (SecBase.h, SecCertificate.h, SecPolicy.h, SecTrustSettings.h);
 * where Debian's librust-security-framework-sys-dev 0.4.2 declares the same item, it
 * agrees (noted "rust:" below). Availability and nullability annotations are left out.
 */
#ifndef NC_FAKE_SECURITY_H
#define NC_FAKE_SECURITY_H

#include <CoreFoundation/CoreFoundation.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SecBase.h */
typedef struct __SecCertificate *SecCertificateRef; /* rust: *mut Opaque... */
typedef struct __SecPolicy *SecPolicyRef;

enum {
    errSecSuccess = 0,             /* rust: 0 */
    errSecAllocate = -108,         /* SecBase.h: failed to allocate memory */
    errSecItemNotFound = -25300,   /* SecBase.h */
    errSecNoTrustSettings = -25263 /* rust: -25263 */
};

/* SecCertificate.h */
CFDataRef SecCertificateCopyData(SecCertificateRef certificate); /* rust: same */

/* SecPolicy.h */
extern const CFStringRef kSecPolicyAppleSSL;
extern const CFStringRef kSecPolicyOid;
CFTypeID SecPolicyGetTypeID(void); /* rust: same */
CFDictionaryRef SecPolicyCopyProperties(SecPolicyRef policyRef);

/* SecTrustSettings.h: CF_ENUM(uint32, ...), rust: u32 and the same values. */
typedef uint32_t SecTrustSettingsDomain;
enum {
    kSecTrustSettingsDomainUser = 0,
    kSecTrustSettingsDomainAdmin = 1,
    kSecTrustSettingsDomainSystem = 2
};

typedef uint32_t SecTrustSettingsResult;
enum {
    kSecTrustSettingsResultInvalid = 0,
    kSecTrustSettingsResultTrustRoot = 1,
    kSecTrustSettingsResultTrustAsRoot = 2,
    kSecTrustSettingsResultDeny = 3,
    kSecTrustSettingsResultUnspecified = 4
};

/* The keys of one usage-constraints dictionary. */
#define kSecTrustSettingsPolicy CFSTR("kSecTrustSettingsPolicy")
#define kSecTrustSettingsApplication CFSTR("kSecTrustSettingsApplication")
#define kSecTrustSettingsPolicyString CFSTR("kSecTrustSettingsPolicyString")
#define kSecTrustSettingsResult CFSTR("kSecTrustSettingsResult")
#define kSecTrustSettingsAllowedError CFSTR("kSecTrustSettingsAllowedError")

OSStatus SecTrustSettingsCopyTrustSettings(SecCertificateRef certRef, SecTrustSettingsDomain domain,
                                           CFArrayRef *trustSettings); /* rust: same */
OSStatus SecTrustSettingsCopyCertificates(SecTrustSettingsDomain domain,
                                          CFArrayRef *certArray); /* rust: same */

#ifdef __cplusplus
}
#endif

#endif
