/* The thin layer of the macOS backend: the CoreFoundation and Security calls that read
 * each domain's trust settings, and nothing else. What the settings mean is decided in
 * trust_decision.c. Create/Copy results are owned and released here; Get results are
 * not. Tested on Linux against a fake of both frameworks (tests/macos/fake). */
#include "macos/keychain.h"

#include <CoreFoundation/CoreFoundation.h>
#include <Security/Security.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "codec/der.h"
#include "macos/trust_decision.h"

/* trust_decision.h speaks Apple's numbers without Apple's headers. */
#define SAME(apple, ours) ((long)(apple) == (long)(ours))
_Static_assert(SAME(kSecTrustSettingsDomainUser, NC__TS_DOMAIN_USER) &&
                   SAME(kSecTrustSettingsDomainAdmin, NC__TS_DOMAIN_ADMIN) &&
                   SAME(kSecTrustSettingsDomainSystem, NC__TS_DOMAIN_SYSTEM),
               "domains are SecTrustSettingsDomain values");
_Static_assert(SAME(kSecTrustSettingsResultInvalid, NC__TS_RESULT_INVALID) &&
                   SAME(kSecTrustSettingsResultTrustRoot, NC__TS_RESULT_TRUST_ROOT) &&
                   SAME(kSecTrustSettingsResultTrustAsRoot, NC__TS_RESULT_TRUST_AS_ROOT) &&
                   SAME(kSecTrustSettingsResultDeny, NC__TS_RESULT_DENY) &&
                   SAME(kSecTrustSettingsResultUnspecified, NC__TS_RESULT_UNSPECIFIED),
               "results are SecTrustSettingsResult values");

/* Apple writes it beside kSecTrustSettingsPolicy ("sslServer", "sslClient", ...) but
 * declares it in a private header only; security-framework reads it by this name. */
#ifndef kSecTrustSettingsPolicyName
#define kSecTrustSettingsPolicyName CFSTR("kSecTrustSettingsPolicyName")
#endif

/* Highest priority first; the index is the SecTrustSettingsDomain. */
static const char *const domain_names[] = {"keychain:user", "keychain:admin", "keychain:system"};
#define NDOMAINS 3

typedef struct kc_cert {
    CFDataRef data; /* owned; the sighting's DER points into it */
    nc__cert_limits info;
} kc_cert;

typedef struct kc_load {
    nc__collect *c;
    uint32_t source[NDOMAINS], name[NDOMAINS];
    kc_cert *certs;        /* every certificate whose settings were read, in that order */
    nc__ts_sighting *seen; /* seen[i].seq is the index into certs */
    size_t n;
    nc__ts_constraint *entries; /* one certificate's settings at a time */
    size_t entries_cap;
} kc_load;

/* CF getters return const void *; Security's reference types are not const. */
static SecCertificateRef as_certificate(const void *v)
{
    return (SecCertificateRef)(uintptr_t)v;
}

static SecPolicyRef as_policy(const void *v)
{
    return (SecPolicyRef)(uintptr_t)v;
}

static nc__ts_policy read_policy(const void *value)
{
    if (!value || CFGetTypeID(value) != SecPolicyGetTypeID()) return NC__TS_POLICY_OTHER;
    CFDictionaryRef props = SecPolicyCopyProperties(as_policy(value));
    if (!props) return NC__TS_POLICY_OTHER;
    const void *oid = NULL;
    int ssl = CFDictionaryGetValueIfPresent(props, kSecPolicyOid, &oid) && oid &&
              CFEqual(oid, kSecPolicyAppleSSL);
    CFRelease(props);
    return ssl ? NC__TS_POLICY_SSL : NC__TS_POLICY_OTHER;
}

/* Reads one usage-constraints entry into *e. Returns 0, or -1 when the array did not
 * hand it over (an access failure, not a damaged entry): what it said is unknown. */
static int read_entry(const void *item, nc__ts_constraint *e)
{
    *e = (nc__ts_constraint){.policy = NC__TS_POLICY_NONE};
    if (!item) return -1;
    if (CFGetTypeID(item) != CFDictionaryGetTypeID()) {
        e->unreadable = 1;
        return 0;
    }
    CFDictionaryRef d = item;
    const void *v = NULL;
    if (CFDictionaryGetValueIfPresent(d, kSecTrustSettingsPolicy, &v)) e->policy = read_policy(v);
    if (CFDictionaryGetValueIfPresent(d, kSecTrustSettingsPolicyName, &v))
        e->policy_name =
            v && CFEqual(v, CFSTR("sslServer")) ? NC__TS_NAME_SSL_SERVER : NC__TS_NAME_OTHER;
    e->has_policy_string = CFDictionaryGetValueIfPresent(d, kSecTrustSettingsPolicyString, &v);
    e->has_application = CFDictionaryGetValueIfPresent(d, kSecTrustSettingsApplication, &v);
    if (CFDictionaryGetValueIfPresent(d, kSecTrustSettingsResult, &v)) {
        SInt32 r = 0;
        e->has_result = 1;
        e->result = v && CFGetTypeID(v) == CFNumberGetTypeID() &&
                            CFNumberGetValue(v, kCFNumberSInt32Type, &r)
                        ? (long)r
                        : -1;
    }
    return 0;
}

/* Whether st says memory ran out (errSecAllocate). Then the whole load fails: what the
 * call would have said is unknown, and it may have been a Deny. */
static int exhausted(kc_load *k, OSStatus st)
{
    if (st != errSecAllocate) return 0;
    nc__collect_exhausted(k->c, ENOMEM);
    return 1;
}

/* The verdict of domain d on cert. A failure to read its settings is that certificate's
 * alone: reported, and the verdict is "unknown" (they may have said Deny). name is the
 * certificate's display name, for the message. */
static nc__ts_verdict read_settings(kc_load *k, unsigned d, SecCertificateRef cert, CFIndex i,
                                    CFIndex count, const char *name)
{
    CFArrayRef settings = NULL;
    OSStatus st = SecTrustSettingsCopyTrustSettings(cert, (SecTrustSettingsDomain)d, &settings);
    if (st != errSecSuccess || !settings) {
        if (settings) CFRelease(settings);
        if (st == errSecItemNotFound) return nc__ts_decide_not_found(d);
        /* This certificate's alone: the domain still knows what else it distrusts. */
        if (!exhausted(k, st))
            nc__collect_error_recognised(
                k->c, k->source[d], NATIVECERTS_ERROR_OS, domain_names[d], 0, st,
                "certificate %ld of %ld (%s): cannot read its trust settings%s", i + 1, count, name,
                st == errSecSuccess ? " (no array)" : "");
        return NC__TS_UNKNOWN;
    }
    CFIndex n = CFArrayGetCount(settings);
    if (n > 0 && (size_t)n > k->entries_cap) {
        nc__ts_constraint *e = realloc(k->entries, (size_t)n * sizeof *e);
        if (!e) {
            CFRelease(settings);
            nc__collect_exhausted(k->c, ENOMEM);
            return NC__TS_UNKNOWN;
        }
        k->entries = e;
        k->entries_cap = (size_t)n;
    }
    for (CFIndex j = 0; j < n; j++) {
        if (read_entry(CFArrayGetValueAtIndex(settings, j), &k->entries[j]) != 0) {
            CFRelease(settings);
            nc__collect_error_recognised(k->c, k->source[d], NATIVECERTS_ERROR_OS, domain_names[d],
                                         0, 0,
                                         "certificate %ld of %ld (%s): cannot get entry %ld of "
                                         "%ld of its trust settings",
                                         i + 1, count, name, j + 1, n);
            return NC__TS_UNKNOWN;
        }
    }
    CFRelease(settings);
    return nc__ts_decide_domain(k->entries, n > 0 ? (size_t)n : 0);
}

/* One certificate the domain lists. Its bytes must be had: an entry that cannot be read
 * could be the one that distrusts a root, so such a failure is an error that leaves the
 * domain incomplete. */
static void read_certificate(kc_load *k, unsigned d, const void *item, CFIndex i, CFIndex count)
{
    SecCertificateRef cert = as_certificate(item);
    CFDataRef data = cert ? SecCertificateCopyData(cert) : NULL;
    if (!data) {
        nc__collect_error(k->c, k->source[d], NATIVECERTS_ERROR_OS, domain_names[d], 0, 0,
                          "certificate %ld of %ld: cannot %s", i + 1, count,
                          cert ? "copy its bytes" : "get it from the list");
        return;
    }
    const uint8_t *der = CFDataGetBytePtr(data);
    CFIndex len = CFDataGetLength(data);
    nc__cert_limits info;
    nc__der_err bad = der && len > 0 ? nc__der_check_certificate(der, (size_t)len, &info)
                                     : NC__DER_ERR_CERT_EMPTY;
    if (bad) {
        /* Reported, but the domain stays complete: its settings apply to these bytes
         * only, and bytes that are no valid certificate equal no certificate this load
         * could return, so a Deny for them distrusts nothing that is trusted. */
        nc__collect_error_recognised(k->c, k->source[d], NATIVECERTS_ERROR_PARSE, domain_names[d],
                                     0, 0, "certificate %ld of %ld: %s", i + 1, count,
                                     nc__der_err_message(bad));
        CFRelease(data);
        return;
    }
    /* Named in messages: by position alone, one in a keychain of hundreds cannot be found. */
    char name[96];
    if (nativecerts_cert_display_name(der, (size_t)len, name, sizeof name) == 0)
        snprintf(name, sizeof name, "no name");
    nc__ts_verdict verdict = read_settings(k, d, cert, i, count, name);
    k->certs[k->n] = (kc_cert){data, info};
    k->seen[k->n] = (nc__ts_sighting){der, (size_t)len, d, k->n, verdict};
    k->n++;
}

static int reserve(kc_load *k, CFIndex more)
{
    if ((uint64_t)more > SIZE_MAX / sizeof(nc__ts_sighting) - k->n) goto oom;
    size_t need = k->n + (size_t)more;
    kc_cert *certs = realloc(k->certs, need * sizeof *certs);
    if (!certs) goto oom;
    k->certs = certs;
    nc__ts_sighting *seen = realloc(k->seen, need * sizeof *seen);
    if (!seen) goto oom;
    k->seen = seen;
    return 0;
oom:
    nc__collect_exhausted(k->c, ENOMEM);
    return -1;
}

/* A domain is a place that can distrust any certificate (a Deny in it wins over every
 * source): what it lists must be read completely, or the core trusts nothing. */
static void read_domain(kc_load *k, unsigned d)
{
    CFArrayRef certs = NULL;
    OSStatus st = SecTrustSettingsCopyCertificates((SecTrustSettingsDomain)d, &certs);
    if (st == errSecNoTrustSettings) { /* a domain nobody configured: empty, no error */
        if (certs) CFRelease(certs);
        nc__collect_status(k->c, k->source[d], NATIVECERTS_STATUS_USED);
        return;
    }
    if (st != errSecSuccess || !certs) {
        if (certs) CFRelease(certs);
        if (exhausted(k, st)) return;
        nc__collect_error(k->c, k->source[d], NATIVECERTS_ERROR_OS, domain_names[d], 0, st,
                          "cannot list the certificates that have trust settings%s",
                          st == errSecSuccess ? " (no array)" : "");
        nc__collect_status(k->c, k->source[d], NATIVECERTS_STATUS_FAILED);
        return;
    }
    nc__collect_status(k->c, k->source[d], NATIVECERTS_STATUS_USED);
    CFIndex count = CFArrayGetCount(certs);
    if (count > 0 && reserve(k, count) == 0)
        for (CFIndex i = 0; i < count && !nc__collect_failed(k->c); i++)
            read_certificate(k, d, CFArrayGetValueAtIndex(certs, i), i, count);
    CFRelease(certs);
}

/* Each certificate goes to the core once, from the domain that decided it: the core's
 * "distrust wins" is global, and a lower domain's Deny must not beat a higher TrustRoot. */
static void hand_over(kc_load *k)
{
    nc__ts_outcome *out = k->n ? malloc(k->n * sizeof *out) : NULL;
    if (k->n && !out) {
        nc__collect_exhausted(k->c, ENOMEM);
        return;
    }
    size_t m = nc__ts_decide_all(k->seen, k->n, out);
    for (size_t i = 0; i < m; i++) {
        const nc__ts_sighting *s = &k->seen[out[i].sighting];
        const nc__cert_limits *info = &k->certs[s->seq].info;
        nc__verdict v = out[i].verdict == NC__TS_TRUSTED      ? NC__VERDICT_TRUSTED
                        : out[i].verdict == NC__TS_DISTRUSTED ? NC__VERDICT_DISTRUSTED
                        : out[i].verdict == NC__TS_UNKNOWN    ? NC__VERDICT_DISTRUST_UNKNOWN
                                                              : NC__VERDICT_NOT_SERVER;
        if (nc__collect_cert(k->c, k->source[s->domain], k->name[s->domain], s->der, s->len, info,
                             v, NC__ROLE_TRUST))
            break;
    }
    free(out);
}

void nc__keychain_load(nc__collect *c)
{
    kc_load k = {.c = c};
    for (unsigned d = 0; d < NDOMAINS; d++) {
        k.source[d] =
            nc__collect_source(c, NATIVECERTS_SOURCE_STORE, "store", domain_names[d], NULL);
        nc__collect_distrust_place(c, k.source[d], NC__NONE);
        k.name[d] = nc__collect_str(c, domain_names[d]);
    }
    for (unsigned d = 0; d < NDOMAINS && !nc__collect_failed(c); d++)
        read_domain(&k, d);
    if (!nc__collect_failed(c)) hand_over(&k);
    for (size_t i = 0; i < k.n; i++)
        CFRelease(k.certs[i].data);
    free(k.certs);
    free(k.seen);
    free(k.entries);
}
