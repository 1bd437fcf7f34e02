/* What macOS trust settings mean for TLS server authentication, decided
 * from facts the keychain layer read. Plain C, no Apple type: the rules are tested on
 * every host, and keychain.c only fills these structures in. */
#ifndef NC_MACOS_TRUST_DECISION_H
#define NC_MACOS_TRUST_DECISION_H

#include <stddef.h>
#include <stdint.h>

/* The domains, highest priority first; the values are Apple's SecTrustSettingsDomain. */
enum { NC__TS_DOMAIN_USER = 0, NC__TS_DOMAIN_ADMIN = 1, NC__TS_DOMAIN_SYSTEM = 2 };

/* The values of kSecTrustSettingsResult (Apple's SecTrustSettingsResult). */
enum {
    NC__TS_RESULT_INVALID = 0,
    NC__TS_RESULT_TRUST_ROOT = 1,
    NC__TS_RESULT_TRUST_AS_ROOT = 2,
    NC__TS_RESULT_DENY = 3,
    NC__TS_RESULT_UNSPECIFIED = 4
};

/* The policy an entry names. */
typedef enum nc__ts_policy {
    NC__TS_POLICY_NONE = 0, /* no kSecTrustSettingsPolicy: the entry applies to every use */
    NC__TS_POLICY_SSL = 1,  /* kSecPolicyAppleSSL */
    NC__TS_POLICY_OTHER = 2 /* another policy, or one whose OID could not be read */
} nc__ts_policy;

/* What an entry's kSecTrustSettingsPolicyName says (security-framework reads it; Apple
 * writes "sslServer", "sslClient", "basicX509", ... beside the policy's OID, which is the
 * same for SSL server and client). */
typedef enum nc__ts_policy_name {
    NC__TS_NAME_NONE = 0,       /* absent: the policy alone says where the entry applies */
    NC__TS_NAME_SSL_SERVER = 1, /* the string "sslServer" */
    NC__TS_NAME_OTHER = 2       /* any other value: the entry is for another use */
} nc__ts_policy_name;

/* One usage-constraints dictionary of a certificate's trust settings, as read. Keys the
 * decision does not use (kSecTrustSettingsKeyUsage, kSecTrustSettingsAllowedError) are
 * not read. */
typedef struct nc__ts_constraint {
    nc__ts_policy policy;
    nc__ts_policy_name policy_name;
    int has_policy_string; /* kSecTrustSettingsPolicyString: for SSL, one host name */
    int has_application;   /* kSecTrustSettingsApplication: one application */
    int has_result;        /* 0: kSecTrustSettingsResult is absent, which means TrustRoot */
    long result;           /* its value; -1 when it was not a 32-bit number */
    int unreadable;        /* the entry was not a dictionary: it applies to nothing */
} nc__ts_constraint;

typedef enum nc__ts_verdict {
    NC__TS_NO_DECISION = 0, /* nothing here decides SSL server trust: ask the next domain */
    NC__TS_TRUSTED = 1,     /* TrustRoot or TrustAsRoot */
    NC__TS_DISTRUSTED = 2,  /* Deny */
    NC__TS_UNKNOWN = 3      /* the domain's settings for it could not be read: they may
                               say Deny, so it decides, as "distrust unknown" */
} nc__ts_verdict;

/* The verdict of one domain's settings for one certificate. An empty array means
 * TrustRoot (Apple: "always trust this cert"). Otherwise the entries are taken in
 * order; one applies to SSL server trust when it names no policy or the SSL policy, has
 * no kSecTrustSettingsPolicyName or the name "sslServer", and is restricted neither to
 * a host name nor to an application. The first applicable entry whose result is
 * TrustRoot or TrustAsRoot (or absent) gives NC__TS_TRUSTED, Deny gives
 * NC__TS_DISTRUSTED; Unspecified, Invalid and unknown values do not decide and the
 * search goes on with the next entry, as Apple's own evaluation does. No entry deciding
 * gives NC__TS_NO_DECISION. */
nc__ts_verdict nc__ts_decide_domain(const nc__ts_constraint *entries, size_t n);

/* The verdict of a domain that listed a certificate but whose settings for it then came
 * back errSecItemNotFound (it happens on real Macs, not only in races): it has no
 * settings for it. No decision there, so the next domain decides; in the system domain
 * that is trusted, as an empty array is. */
nc__ts_verdict nc__ts_decide_not_found(unsigned domain);

/* A certificate seen in one domain, with that domain's verdict on it. */
typedef struct nc__ts_sighting {
    const uint8_t *der; /* not owned; equal bytes are the same certificate */
    size_t len;
    unsigned domain;        /* NC__TS_DOMAIN_*: lower is higher priority */
    size_t seq;             /* the order read; the caller's index for its own records */
    nc__ts_verdict verdict; /* from nc__ts_decide_domain */
} nc__ts_sighting;

/* The decision for one certificate. */
typedef struct nc__ts_outcome {
    size_t sighting;        /* index into the sorted sightings: the one that decided, or
                               for NC__TS_NO_DECISION the one of the highest domain */
    nc__ts_verdict verdict; /* NC__TS_NO_DECISION: no domain decides SSL server trust */
} nc__ts_outcome;

/* Decides every certificate among s[0..n): the highest-priority domain whose verdict
 * is not NC__TS_NO_DECISION decides alone (a user TrustRoot beats a system Deny; a user
 * Unspecified lets an admin Deny stand; a user domain that could not be read for it
 * leaves it unknown, whatever a lower domain says). Sorts s by DER bytes, then domain, then seq,
 * and writes one outcome per distinct certificate into out (room for n), in that order.
 * Returns the number of outcomes. */
size_t nc__ts_decide_all(nc__ts_sighting *s, size_t n, nc__ts_outcome *out);

#endif
