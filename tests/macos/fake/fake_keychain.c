/* TEST DOUBLE: an in-memory implementation of the CoreFoundation and Security calls
 * declared in fake/CoreFoundation/CoreFoundation.h and fake/Security/Security.h, with
 * scripted keychains (fake_keychain.h). Not Apple's code and not Apple's behaviour
 * beyond what those headers document: reference counting (Create/Copy give +1, Get
 * gives none, containers retain what they hold), constant CFSTR strings, and the
 * statuses of the trust-settings calls.
 *
 * Objects that reach a count of zero are destroyed but their header stays in memory
 * until fake_reset(), so a later release or use is counted instead of corrupting the
 * heap. */
#include "fake_keychain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef FAKE_REAL_ALLOCATOR
/* In a binary whose allocations are wrapped to fail on purpose (test_keychain_alloc), the
 * fake's own go around the wrappers: only the code under test meets the failures. */
#include "alloc_wrap.h"
#define malloc nct_real_malloc
#define calloc nct_real_calloc
#define realloc nct_real_realloc
#define free nct_real_free
#endif

#define FAKE_MAGIC 0x4e43434bu /* "NCCK" */
#define ERR_PARAM (-50)        /* errSecParam, SecBase.h */
#define MAX_PAIRS 6
/* Apple writes this key but declares it in a private header (SecTrustSettingsPriv.h). */
#define kSecTrustSettingsPolicyName CFSTR("kSecTrustSettingsPolicyName")

typedef enum fake_kind {
    K_STRING = 1,
    K_ARRAY,
    K_DICT,
    K_DATA,
    K_NUMBER,
    K_CERT,
    K_POLICY,
    K_APP /* stands in for SecTrustedApplicationRef */
} fake_kind;

typedef struct fake_obj {
    uint32_t magic;
    fake_kind kind;
    long refs; /* 0: destroyed */
    int constant;
    struct fake_obj *next; /* every object made, for fake_reset() */
} fake_obj;

struct __CFString {
    fake_obj o;
    const char *s;
    char *owned;
};
struct __CFArray {
    fake_obj o;
    CFIndex n;
    CFTypeRef *v;
    CFIndex fails_at; /* index + 1 where CFArrayGetValueAtIndex gives NULL, or 0 */
};
struct __CFDictionary {
    fake_obj o;
    CFIndex n;
    CFTypeRef k[MAX_PAIRS], v[MAX_PAIRS];
};
struct __CFData {
    fake_obj o;
    CFIndex n;
    UInt8 *bytes;
};
struct __CFNumber {
    fake_obj o;
    SInt32 v;
};
struct __SecCertificate {
    fake_obj o;
    const fake_entry *entry;
};
struct __SecPolicy {
    fake_obj o;
    const char *oid;
    int no_properties;
};

struct fake_entry {
    unsigned char *der;
    size_t len;
    fake_constraint *c;
    size_t n;
    OSStatus settings_status;
    int no_data;
    int listing_fails;  /* its place in the domain's list gives NULL */
    size_t entry_fails; /* entry index + 1 of its settings that gives NULL, or 0 */
    int settings_without_array;
    fake_entry *next;
};

static fake_obj *all;
static fake_entry *domains[3];
static int domain_forced[3];
static OSStatus domain_status[3];
static int domain_without_array[3];
static fake_stats stats;

static struct __CFString policy_oid_key = {
    {FAKE_MAGIC, K_STRING, 1, 1, NULL}, "SecPolicyOid", NULL};
static struct __CFString policy_ssl = {{FAKE_MAGIC, K_STRING, 1, 1, NULL}, FAKE_OID_SSL, NULL};
const CFStringRef kSecPolicyOid = &policy_oid_key;
const CFStringRef kSecPolicyAppleSSL = &policy_ssl;

/* Where the compiler supports it (__CONSTANT_CFSTRINGS__: clang, also on Linux), CFSTR()
 * is a constant the compiler lays out itself, pointing at this symbol of CF's runtime. */
typedef struct compiled_cfstring {
    const void *isa;
    int flags;
    const char *str;
    long length;
} compiled_cfstring;
int __CFConstantStringClassReference[32];

static fake_obj *hdr(CFTypeRef cf)
{
    const compiled_cfstring *c = cf;
    if (c && c->isa == (const void *)__CFConstantStringClassReference)
        return (fake_obj *)(uintptr_t)__CFStringMakeConstantString(c->str); /* its fake twin */
    return (fake_obj *)(uintptr_t)cf;
}

static void *new_obj(size_t size, fake_kind kind, int constant)
{
    fake_obj *o = calloc(1, size);
    if (!o) abort();
    o->magic = FAKE_MAGIC;
    o->kind = kind;
    o->refs = 1;
    o->constant = constant;
    o->next = all;
    all = o;
    if (!constant) stats.created++;
    return o;
}

/* The live object behind cf, of the given kind (0: any); NULL and counted otherwise. */
static fake_obj *use(CFTypeRef cf, fake_kind kind)
{
    fake_obj *o = hdr(cf);
    if (!o || o->magic != FAKE_MAGIC || o->refs <= 0 || (kind && o->kind != kind)) {
        stats.misuse++;
        return NULL;
    }
    return o;
}

static void release(fake_obj *o);

static void free_payload(fake_obj *o)
{
    if (o->kind == K_ARRAY) {
        struct __CFArray *a = (struct __CFArray *)o;
        free(a->v);
        a->v = NULL;
        a->n = 0;
    } else if (o->kind == K_DICT) {
        ((struct __CFDictionary *)o)->n = 0;
    } else if (o->kind == K_DATA) {
        struct __CFData *d = (struct __CFData *)o;
        free(d->bytes);
        d->bytes = NULL;
        d->n = 0;
    } else if (o->kind == K_STRING) {
        struct __CFString *s = (struct __CFString *)o;
        free(s->owned);
        s->owned = NULL;
        s->s = "";
    }
}

static void destroy(fake_obj *o)
{
    stats.destroyed++;
    if (o->kind == K_ARRAY) {
        const struct __CFArray *a = (const struct __CFArray *)o;
        for (CFIndex i = 0; i < a->n; i++)
            release(hdr(a->v[i]));
    } else if (o->kind == K_DICT) {
        const struct __CFDictionary *d = (const struct __CFDictionary *)o;
        for (CFIndex i = 0; i < d->n; i++) {
            release(hdr(d->k[i]));
            release(hdr(d->v[i]));
        }
    }
    free_payload(o);
}

/* Containers' own releases: constants are skipped silently, as CF does. */
static void release(fake_obj *o)
{
    if (o->constant) return;
    if (o->refs <= 0) {
        stats.over_releases++;
        return;
    }
    stats.releases++;
    if (--o->refs == 0) destroy(o);
}

static void retain(fake_obj *o)
{
    if (o->constant) return;
    stats.retains++;
    o->refs++;
}

static CFStringRef new_string(const char *s, int constant)
{
    struct __CFString *o = new_obj(sizeof *o, K_STRING, constant);
    size_t n = strlen(s) + 1;
    o->owned = malloc(n);
    if (!o->owned) abort();
    memcpy(o->owned, s, n);
    o->s = o->owned;
    return o;
}

/* Builders follow Apple's own pattern: make (+1), put in a container (retain), drop. */
static void put(CFTypeRef container, CFTypeRef key, CFTypeRef value)
{
    fake_obj *o = hdr(container);
    retain(hdr(value));
    if (o->kind == K_ARRAY) {
        struct __CFArray *a = (struct __CFArray *)o;
        CFTypeRef *v = realloc(a->v, (size_t)(a->n + 1) * sizeof *v);
        if (!v) abort();
        a->v = v;
        a->v[a->n++] = value;
        return;
    }
    struct __CFDictionary *d = (struct __CFDictionary *)o;
    if (d->n == MAX_PAIRS) abort();
    retain(hdr(key));
    d->k[d->n] = key;
    d->v[d->n++] = value;
}

static void put_new(CFTypeRef container, CFTypeRef key, CFTypeRef value)
{
    put(container, key, value);
    release(hdr(value));
}

/* ---- CoreFoundation ---------------------------------------------------------- */

void CFRelease(CFTypeRef cf)
{
    fake_obj *o = hdr(cf);
    if (!o || o->magic != FAKE_MAGIC) {
        stats.misuse++;
        return;
    }
    if (o->constant) {
        stats.constant_releases++;
        return;
    }
    stats.caller_releases++;
    release(o);
}

CFTypeID CFGetTypeID(CFTypeRef cf)
{
    fake_obj *o = use(cf, 0);
    return o ? (CFTypeID)o->kind : 0;
}

Boolean CFEqual(CFTypeRef cf1, CFTypeRef cf2)
{
    fake_obj *a = use(cf1, 0), *b = use(cf2, 0);
    if (!a || !b) return 0;
    if (a == b) return 1;
    if (a->kind != b->kind) return 0;
    if (a->kind == K_STRING)
        return strcmp(((const struct __CFString *)a)->s, ((const struct __CFString *)b)->s) == 0;
    if (a->kind == K_NUMBER)
        return ((const struct __CFNumber *)a)->v == ((const struct __CFNumber *)b)->v;
    return 0;
}

CFStringRef __CFStringMakeConstantString(const char *cStr)
{
    for (fake_obj *o = all; o; o = o->next)
        if (o->constant && o->kind == K_STRING &&
            strcmp(((const struct __CFString *)o)->s, cStr) == 0)
            return (CFStringRef)o;
    return new_string(cStr, 1);
}

CFIndex CFArrayGetCount(CFArrayRef theArray)
{
    fake_obj *o = use(theArray, K_ARRAY);
    return o ? ((const struct __CFArray *)o)->n : 0;
}

const void *CFArrayGetValueAtIndex(CFArrayRef theArray, CFIndex idx)
{
    const struct __CFArray *a = (const struct __CFArray *)use(theArray, K_ARRAY);
    if (!a || idx < 0 || idx >= a->n) {
        if (a) stats.misuse++;
        return NULL;
    }
    if (a->fails_at == idx + 1) return NULL; /* a scripted failure, not a misuse */
    return a->v[idx];
}

CFTypeID CFDictionaryGetTypeID(void)
{
    return K_DICT;
}

Boolean CFDictionaryGetValueIfPresent(CFDictionaryRef theDict, const void *key, const void **value)
{
    const struct __CFDictionary *d = (const struct __CFDictionary *)use(theDict, K_DICT);
    if (!d || !use(key, 0)) return 0;
    for (CFIndex i = 0; i < d->n; i++) {
        if (CFEqual(d->k[i], key)) {
            if (value) *value = d->v[i];
            return 1;
        }
    }
    return 0;
}

CFIndex CFDataGetLength(CFDataRef theData)
{
    fake_obj *o = use(theData, K_DATA);
    return o ? ((const struct __CFData *)o)->n : 0;
}

const UInt8 *CFDataGetBytePtr(CFDataRef theData)
{
    fake_obj *o = use(theData, K_DATA);
    return o ? ((const struct __CFData *)o)->bytes : NULL;
}

CFTypeID CFNumberGetTypeID(void)
{
    return K_NUMBER;
}

Boolean CFNumberGetValue(CFNumberRef number, CFNumberType theType, void *valuePtr)
{
    fake_obj *o = use(number, K_NUMBER);
    if (!o || theType != kCFNumberSInt32Type || !valuePtr) {
        if (o) stats.misuse++;
        return 0;
    }
    *(SInt32 *)valuePtr = ((const struct __CFNumber *)o)->v;
    return 1;
}

/* ---- Security ---------------------------------------------------------------- */

CFDataRef SecCertificateCopyData(SecCertificateRef certificate)
{
    const struct __SecCertificate *c = (const struct __SecCertificate *)use(certificate, K_CERT);
    if (!c || c->entry->no_data) return NULL;
    struct __CFData *d = new_obj(sizeof *d, K_DATA, 0);
    d->bytes = malloc(c->entry->len ? c->entry->len : 1);
    if (!d->bytes) abort();
    memcpy(d->bytes, c->entry->der, c->entry->len);
    d->n = (CFIndex)c->entry->len;
    stats.handed++;
    return d;
}

CFTypeID SecPolicyGetTypeID(void)
{
    return K_POLICY;
}

CFDictionaryRef SecPolicyCopyProperties(SecPolicyRef policyRef)
{
    const struct __SecPolicy *p = (const struct __SecPolicy *)use(policyRef, K_POLICY);
    if (!p || p->no_properties) return NULL;
    struct __CFDictionary *d = new_obj(sizeof *d, K_DICT, 0);
    put_new(d, kSecPolicyOid, new_string(p->oid, 0));
    stats.handed++;
    return d;
}

static CFTypeRef new_constraint(const fake_constraint *c)
{
    if (c->not_dictionary) return new_string("damaged", 0);
    struct __CFDictionary *d = new_obj(sizeof *d, K_DICT, 0);
    if (c->policy_oid) {
        struct __SecPolicy *p = new_obj(sizeof *p, K_POLICY, 0);
        p->oid = c->policy_oid;
        p->no_properties = c->policy_without_properties;
        put_new(d, kSecTrustSettingsPolicy, p);
    }
    if (c->policy_string)
        put_new(d, kSecTrustSettingsPolicyString, new_string(c->policy_string, 0));
    if (c->application)
        put_new(d, kSecTrustSettingsApplication, new_obj(sizeof(fake_obj), K_APP, 0));
    if (c->policy_name_not_string) {
        struct __CFNumber *n = new_obj(sizeof *n, K_NUMBER, 0);
        n->v = 1;
        put_new(d, kSecTrustSettingsPolicyName, n);
    } else if (c->policy_name) {
        put_new(d, kSecTrustSettingsPolicyName, new_string(c->policy_name, 0));
    }
    if (c->allowed_error) {
        struct __CFNumber *n = new_obj(sizeof *n, K_NUMBER, 0);
        n->v = -2147409654; /* CSSMERR_TP_CERT_EXPIRED, as Keychain Access writes it */
        put_new(d, kSecTrustSettingsAllowedError, n);
    }
    if (c->has_result && c->result_not_number) {
        put_new(d, kSecTrustSettingsResult, new_string("1", 0));
    } else if (c->has_result) {
        struct __CFNumber *n = new_obj(sizeof *n, K_NUMBER, 0);
        n->v = c->result;
        put_new(d, kSecTrustSettingsResult, n);
    }
    return d;
}

OSStatus SecTrustSettingsCopyTrustSettings(SecCertificateRef certRef, SecTrustSettingsDomain domain,
                                           CFArrayRef *trustSettings)
{
    stats.copy_settings_calls++;
    const struct __SecCertificate *c = (const struct __SecCertificate *)use(certRef, K_CERT);
    if (!c || !trustSettings || domain > 2) return ERR_PARAM;
    /* Settings are kept per certificate (by its bytes), as Apple keys them by hash. */
    const fake_entry *e = domains[domain];
    while (e && !(e->len == c->entry->len && memcmp(e->der, c->entry->der, e->len) == 0))
        e = e->next;
    if (!e) return errSecItemNotFound;
    if (e->settings_status != errSecSuccess) return e->settings_status;
    if (e->settings_without_array) return errSecSuccess;
    struct __CFArray *a = new_obj(sizeof *a, K_ARRAY, 0);
    for (size_t i = 0; i < e->n; i++)
        put_new(a, NULL, new_constraint(&e->c[i]));
    a->fails_at = (CFIndex)e->entry_fails;
    *trustSettings = a;
    stats.handed++;
    return errSecSuccess;
}

OSStatus SecTrustSettingsCopyCertificates(SecTrustSettingsDomain domain, CFArrayRef *certArray)
{
    if (!certArray || domain > 2) return ERR_PARAM;
    stats.copy_certificates_calls[domain]++;
    if (domain_forced[domain] && domain_status[domain] != errSecSuccess)
        return domain_status[domain];
    if (!domain_forced[domain] && !domains[domain]) return errSecNoTrustSettings;
    if (domain_without_array[domain]) return errSecSuccess;
    struct __CFArray *a = new_obj(sizeof *a, K_ARRAY, 0);
    for (const fake_entry *e = domains[domain]; e; e = e->next) {
        struct __SecCertificate *c = new_obj(sizeof *c, K_CERT, 0);
        c->entry = e;
        put_new(a, NULL, c);
        if (e->listing_fails) a->fails_at = a->n;
    }
    *certArray = a;
    stats.handed++;
    return errSecSuccess;
}

/* ---- Scripting --------------------------------------------------------------- */

void fake_reset(void)
{
    /* Payloads first, without releasing children: some may be freed already. */
    for (fake_obj *o = all; o; o = o->next)
        if (o->refs > 0) free_payload(o);
    while (all) {
        fake_obj *o = all;
        all = o->next;
        free(o);
    }
    for (int d = 0; d < 3; d++) {
        while (domains[d]) {
            fake_entry *e = domains[d];
            domains[d] = e->next;
            free(e->der);
            free(e->c);
            free(e);
        }
        domain_forced[d] = 0;
        domain_status[d] = errSecSuccess;
        domain_without_array[d] = 0;
    }
    memset(&stats, 0, sizeof stats);
}

fake_entry *fake_add(SecTrustSettingsDomain d, const void *der, size_t len,
                     const fake_constraint *c, size_t n)
{
    if (d > 2) abort();
    fake_entry *e = calloc(1, sizeof *e);
    if (!e) abort();
    e->der = malloc(len ? len : 1);
    e->c = calloc(n ? n : 1, sizeof *e->c);
    if (!e->der || !e->c) abort();
    memcpy(e->der, der, len);
    e->len = len;
    if (n) memcpy(e->c, c, n * sizeof *c);
    e->n = n;
    fake_entry **tail = &domains[d];
    while (*tail)
        tail = &(*tail)->next;
    *tail = e;
    return e;
}

void fake_fail_settings(fake_entry *e, OSStatus st)
{
    e->settings_status = st;
}

void fake_fail_data(fake_entry *e)
{
    e->no_data = 1;
}

void fake_fail_listing(fake_entry *e)
{
    e->listing_fails = 1;
}

void fake_fail_entry(fake_entry *e, size_t i)
{
    if (i >= e->n) abort();
    e->entry_fails = i + 1;
}

void fake_settings_without_array(fake_entry *e)
{
    e->settings_without_array = 1;
}

void fake_domain_without_array(SecTrustSettingsDomain d)
{
    if (d > 2) abort();
    domain_without_array[d] = 1;
}

void fake_domain_status(SecTrustSettingsDomain d, OSStatus st)
{
    if (d > 2) abort();
    domain_forced[d] = 1;
    domain_status[d] = st;
}

const fake_stats *fake_get_stats(void)
{
    return &stats;
}

long fake_live(void)
{
    return stats.created - stats.destroyed;
}
