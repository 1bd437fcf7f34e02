/* TEST DOUBLE: the scripting side of the in-memory CoreFoundation/Security fake.
 *
 * A test describes each domain's keychain in plain C (certificates, their trust
 * settings, statuses to force), runs the real src/macos/keychain.c, and then asks
 * whether every object the fake handed out was released exactly once. Every Copy call
 * builds fresh objects, as Apple's do, so "nothing alive after the load" is exact. */
#ifndef NC_FAKE_KEYCHAIN_H
#define NC_FAKE_KEYCHAIN_H

#include <stddef.h>

#include <Security/Security.h>

/* One usage-constraints dictionary. Zero-initialised: no key at all. */
typedef struct fake_constraint {
    const char *policy_oid;        /* kSecTrustSettingsPolicy: a SecPolicy with this OID */
    int policy_without_properties; /* ... for which SecPolicyCopyProperties returns NULL */
    const char *policy_name;       /* kSecTrustSettingsPolicyName ("sslServer", ...) ... */
    int policy_name_not_string;    /* ... or, damaged, a CFNumber */
    const char *policy_string;     /* kSecTrustSettingsPolicyString */
    int application;               /* kSecTrustSettingsApplication (a stand-in object) */
    int has_result;                /* kSecTrustSettingsResult, a CFNumber ... */
    SInt32 result;
    int result_not_number; /* ... or, damaged, a CFString */
    int allowed_error;     /* kSecTrustSettingsAllowedError (a CFNumber), not decisive */
    int not_dictionary;    /* the entry is a CFString instead of a dictionary */
} fake_constraint;

/* The SSL policy's OID, and another one (S/MIME). */
#define FAKE_OID_SSL "1.2.840.113635.100.1.3"
#define FAKE_OID_SMIME "1.2.840.113635.100.1.8"

typedef struct fake_entry fake_entry;

/* Frees everything (scripts and objects, dead or alive) and zeroes the counters. */
void fake_reset(void);

/* Lists a certificate in domain d with settings c[0..n) (n == 0: an empty array).
 * SecTrustSettingsCopyCertificates returns a domain's certificates in the order
 * added. The bytes are copied. */
fake_entry *fake_add(SecTrustSettingsDomain d, const void *der, size_t len,
                     const fake_constraint *c, size_t n);
/* SecTrustSettingsCopyTrustSettings for this entry returns st. */
void fake_fail_settings(fake_entry *e, OSStatus st);
/* SecCertificateCopyData for this entry's certificate returns NULL. */
void fake_fail_data(fake_entry *e);
/* The certificate list of the entry's domain gives NULL (CFArrayGetValueAtIndex) where
 * this entry's certificate is. */
void fake_fail_listing(fake_entry *e);
/* The entry's settings array gives NULL for its entry i. */
void fake_fail_entry(fake_entry *e, size_t i);
/* SecTrustSettingsCopyTrustSettings for this entry succeeds without setting the array. */
void fake_settings_without_array(fake_entry *e);
/* SecTrustSettingsCopyCertificates(d) succeeds without setting the array. */
void fake_domain_without_array(SecTrustSettingsDomain d);
/* SecTrustSettingsCopyCertificates(d) returns st. Default: errSecNoTrustSettings for a
 * domain without entries, errSecSuccess otherwise. */
void fake_domain_status(SecTrustSettingsDomain d, OSStatus st);

typedef struct fake_stats {
    long created;           /* objects made (constant strings excluded) */
    long destroyed;         /* objects whose count reached zero */
    long retains, releases; /* balanced counts, containers' own included */
    long over_releases;     /* CFRelease of an object already at zero */
    long constant_releases; /* CFRelease of a CFSTR constant (a no-op, but a bug) */
    long misuse;            /* NULL, dead or wrong-type arguments, bad indexes */
    long handed;            /* +1 references returned by Copy calls */
    long caller_releases;   /* CFRelease calls by the code under test */
    long copy_certificates_calls[3];
    long copy_settings_calls;
} fake_stats;

const fake_stats *fake_get_stats(void);
/* Objects alive now: created - destroyed. */
long fake_live(void);

#endif
