/* The real src/macos/keychain.c, run on Linux against scripted keychains (the fake of
 * CoreFoundation/Security in fake/), through the core: nc__keychain_load, then
 * nc__finish. Each case checks the result (trusted, excluded with reasons and sources,
 * errors with their OSStatus, the sources report) and that every object the fake
 * handed out was released exactly once. Each case is its own ctest:
 *   test_keychain_fake CASE      (or "all", for the valgrind run) */
#include <stdlib.h>
#include <string.h>

#include "core/finish.h"
#include "fake_keychain.h"
#include "macos/keychain.h"
#include "test_support.h"

enum { USER = kSecTrustSettingsDomainUser, ADMIN = kSecTrustSettingsDomainAdmin };
enum { SYSTEM = kSecTrustSettingsDomainSystem };
enum { ROOT_A, ROOT_B, ROOT_C, EXPIRED, NFIXTURES };

static unsigned char *der[NFIXTURES];
static size_t der_len[NFIXTURES];

/* Usage-constraints dictionaries, by what they hold. */
#define RESULT(r) .has_result = 1, .result = kSecTrustSettingsResult##r
static const fake_constraint any_trust_root = {RESULT(TrustRoot)};
static const fake_constraint any_deny = {RESULT(Deny)};
static const fake_constraint any_unspecified = {RESULT(Unspecified)};
static const fake_constraint ssl_trust_root = {.policy_oid = FAKE_OID_SSL, RESULT(TrustRoot)};
static const fake_constraint ssl_deny = {.policy_oid = FAKE_OID_SSL, RESULT(Deny)};
static const fake_constraint ssl_no_result = {.policy_oid = FAKE_OID_SSL};
static const fake_constraint smime_trust_root = {.policy_oid = FAKE_OID_SMIME, RESULT(TrustRoot)};
static const fake_constraint smime_deny = {.policy_oid = FAKE_OID_SMIME, RESULT(Deny)};

static fake_entry *add(SecTrustSettingsDomain d, int cert, const fake_constraint *c, size_t n)
{
    return fake_add(d, der[cert], der_len[cert], c, n);
}

#define ADD(d, cert, ...)                                                                          \
    add((d), (cert), (const fake_constraint[]){__VA_ARGS__},                                       \
        sizeof((const fake_constraint[]){__VA_ARGS__}) / sizeof(fake_constraint))
#define ADD_EMPTY(d, cert) add((d), (cert), NULL, 0)

/* Loads the scripted keychains through the core; skip_expired at time `now`. */
static nativecerts_result *load_at(int skip_expired, int64_t now)
{
    nc__collect c;
    nc__collect_init(&c);
    nc__keychain_load(&c);
    CHECK(!c.oom);
    nativecerts_result *r = nc__finish(&c, skip_expired, now);
    nc__collect_free(&c);
    if (!r) {
        fprintf(stderr, "nc__finish failed\n");
        exit(1);
    }
    return r;
}

static nativecerts_result *load(void)
{
    return load_at(0, 0);
}

/* Every +1 reference the fake handed out was released once, and nothing else. */
static void check_released_once(void)
{
    const fake_stats *s = fake_get_stats();
    if (fake_live() != 0 || s->over_releases || s->constant_releases || s->misuse ||
        s->handed != s->caller_releases) {
        fprintf(stderr,
                "reference counting: %ld alive, %ld over-released, %ld constants released, "
                "%ld misuses, %ld handed out, %ld released by the caller\n",
                fake_live(), s->over_releases, s->constant_releases, s->misuse, s->handed,
                s->caller_releases);
        nct_failures++;
    }
    CHECK(s->copy_certificates_calls[SYSTEM] > 0); /* the load went through the fake */
}

static void finish_case(nativecerts_result *r)
{
    if (nct_failures) nct_dump(r);
    nativecerts_result_free(r);
    check_released_once();
    fake_reset();
}

static void expect_trusted(const nativecerts_result *r, int cert, const char *by)
{
    long i = nct_find_trusted(r, der[cert], der_len[cert]);
    CHECK(i >= 0);
    CHECK(nct_find_excluded(r, der[cert], der_len[cert]) < 0);
    if (i >= 0) CHECK_STR(nativecerts_result_source(r, (size_t)i), by);
}

static void expect_excluded(const nativecerts_result *r, int cert, nativecerts_reason why,
                            const char *by)
{
    long i = nct_find_excluded(r, der[cert], der_len[cert]);
    CHECK(i >= 0);
    CHECK(nct_find_trusted(r, der[cert], der_len[cert]) < 0);
    if (i >= 0) {
        CHECK(nativecerts_result_excluded_reason(r, (size_t)i) == why);
        CHECK_STR(nativecerts_result_excluded_source(r, (size_t)i), by);
    }
}

static void expect_counts(const nativecerts_result *r, size_t trusted, size_t excluded,
                          size_t errors)
{
    CHECK_EQ_SIZE(nativecerts_result_count(r), trusted);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), excluded);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), errors);
}

static void expect_error(const nativecerts_result *r, size_t i, nativecerts_error_kind kind,
                         long status, const char *domain, const char *words)
{
    if (i >= nativecerts_result_error_count(r)) {
        CHECK(i < nativecerts_result_error_count(r));
        return;
    }
    CHECK(nativecerts_result_error_kind(r, i) == kind);
    CHECK(nativecerts_result_error_errno(r, i) == status);
    CHECK_STR(nativecerts_result_error_path(r, i), domain);
    const char *msg = nativecerts_result_error_message(r, i);
    CHECK(msg && strstr(msg, words) != NULL);
    size_t s = nativecerts_result_error_source(r, i);
    CHECK(s != (size_t)-1 && s < nativecerts_result_source_count(r));
    if (s < nativecerts_result_source_count(r))
        CHECK_STR(nativecerts_result_source_name(r, s), domain);
}

/* --- cases --------------------------------------------------------------------------- */

/* The decisive test of the global-distrust pitfall: the core lets any distrust win,
 * so only the deciding domain's verdict may reach it. */
static void domain_priority(void)
{
    ADD(SYSTEM, ROOT_A, any_deny);
    ADD(USER, ROOT_A, any_trust_root); /* user TrustRoot over system Deny: trusted */
    ADD_EMPTY(SYSTEM, ROOT_B);
    ADD(ADMIN, ROOT_B, ssl_deny); /* admin Deny over system trust: distrusted */
    ADD(USER, ROOT_C, any_unspecified);
    ADD(ADMIN, ROOT_C, any_deny); /* user Unspecified defers to the admin Deny */
    ADD_EMPTY(SYSTEM, ROOT_C);
    nativecerts_result *r = load();
    expect_trusted(r, ROOT_A, "keychain:user");
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_DISTRUSTED, "keychain:admin");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_DISTRUSTED, "keychain:admin");
    expect_counts(r, 1, 2, 0);
    /* Each certificate is counted for the domain that decided it. */
    CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, 0), 1);
    CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, 1), 2);
    CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, 2), 0);
    finish_case(r);
}

static void policy_from_properties(void)
{
    ADD(SYSTEM, ROOT_A, smime_trust_root); /* another policy only */
    ADD(SYSTEM, ROOT_B, smime_deny, ssl_trust_root);
    fake_constraint unreadable = ssl_deny;
    unreadable.policy_without_properties = 1; /* cannot tell which policy: skipped */
    ADD(SYSTEM, ROOT_C, unreadable);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_trusted(r, ROOT_B, "keychain:system");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_counts(r, 1, 2, 0);
    finish_case(r);
}

static void host_and_application_constraints(void)
{
    fake_constraint host = ssl_trust_root, app = any_trust_root, host_deny = ssl_deny;
    host.policy_string = "intranet.example";
    app.application = 1;
    host_deny.policy_string = "intranet.example";
    ADD(SYSTEM, ROOT_A, host);
    ADD(ADMIN, ROOT_B, app);
    ADD(USER, ROOT_C, host_deny);
    ADD_EMPTY(SYSTEM, ROOT_C);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:admin");
    expect_trusted(r, ROOT_C, "keychain:system");
    expect_counts(r, 1, 2, 0);
    finish_case(r);
}

static void empty_array_and_missing_result(void)
{
    ADD_EMPTY(SYSTEM, ROOT_A);
    ADD(SYSTEM, ROOT_B, ssl_no_result);
    ADD_EMPTY(SYSTEM, EXPIRED);
    nativecerts_result *r = load();
    expect_trusted(r, ROOT_A, "keychain:system");
    expect_trusted(r, ROOT_B, "keychain:system");
    expect_trusted(r, EXPIRED, "keychain:system");
    expect_counts(r, 3, 0, 0);
    nativecerts_result_free(r);
    /* The validity the keychain layer read reaches the core's filter (2026-01-01). */
    r = load_at(1, 1767225600);
    expect_excluded(r, EXPIRED, NATIVECERTS_REASON_EXPIRED, "keychain:system");
    expect_counts(r, 2, 1, 0);
    finish_case(r);
}

static void no_trust_settings_is_empty(void)
{
    fake_domain_status(ADMIN, errSecSuccess); /* listed, with no certificate */
    nativecerts_result *r = load();
    expect_counts(r, 0, 0, 0);
    static const char *const names[] = {"keychain:user", "keychain:admin", "keychain:system"};
    CHECK_EQ_SIZE(nativecerts_result_source_count(r), 3);
    for (size_t i = 0; i < 3 && i < nativecerts_result_source_count(r); i++) {
        CHECK_STR(nativecerts_result_source_name(r, i), names[i]);
        CHECK_STR(nativecerts_result_source_origin(r, i), "store");
        CHECK(nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_STORE);
        CHECK(nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_USED);
        CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, i), 0);
        CHECK_EQ_SIZE(nativecerts_result_source_error_count(r, i), 0);
    }
    const fake_stats *s = fake_get_stats();
    CHECK(s->copy_certificates_calls[0] == 1 && s->copy_certificates_calls[1] == 1 &&
          s->copy_certificates_calls[2] == 1);
    finish_case(r);
}

/* A domain that cannot be listed could hold a Deny for any root, and a macOS Deny wins
 * over every source: nothing is trusted, each root excluded as distrust-unknown by that
 * domain, which the sources report shows incomplete. */
static void domain_failure_makes_everything_unknown(void)
{
    ADD_EMPTY(ADMIN, ROOT_A);
    fake_domain_status(ADMIN, -2070); /* errSecInternalComponent */
    ADD_EMPTY(SYSTEM, ROOT_B);
    ADD(USER, ROOT_C, any_trust_root);
    nativecerts_result *r = load();
    expect_counts(r, 0, 2, 1);
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:admin");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:admin");
    CHECK(nct_find_excluded(r, der[ROOT_A], der_len[ROOT_A]) < 0);
    expect_error(r, 0, NATIVECERTS_ERROR_OS, -2070, "keychain:admin",
                 "cannot list the certificates that have trust settings (error -2070)");
    CHECK(nativecerts_result_source_status(r, 0) == NATIVECERTS_STATUS_USED);
    CHECK(nativecerts_result_source_status(r, 1) == NATIVECERTS_STATUS_INCOMPLETE);
    CHECK(nativecerts_result_source_status(r, 2) == NATIVECERTS_STATUS_USED);
    finish_case(r);
}

/* The ways a listing can fail to hand over what it holds, one load each: the call
 * succeeds without an array; the array gives no element where a certificate is; a
 * certificate's bytes cannot be copied. Each leaves that domain incomplete. */
static void listing_failures_make_everything_unknown(void)
{
    for (int how = 0; how < 3; how++) {
        fake_entry *listed = ADD(USER, ROOT_A, any_deny);
        ADD_EMPTY(USER, ROOT_C);
        ADD_EMPTY(SYSTEM, ROOT_B);
        if (how == 0) fake_domain_without_array(USER);
        if (how == 1) fake_fail_listing(listed);
        if (how == 2) fake_fail_data(listed);
        static const char *const words[] = {
            "cannot list the certificates that have trust settings (no array)",
            "certificate 1 of 2: cannot get it from the list",
            "certificate 1 of 2: cannot copy its bytes"};
        nativecerts_result *r = load();
        expect_excluded(r, ROOT_B, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:user");
        if (how == 0) {
            expect_counts(r, 0, 1, 1);
        } else {
            expect_counts(r, 0, 2, 1);
            expect_excluded(r, ROOT_C, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:user");
        }
        expect_error(r, 0, NATIVECERTS_ERROR_OS, 0, "keychain:user", words[how]);
        CHECK(nativecerts_result_source_status(r, 0) == NATIVECERTS_STATUS_INCOMPLETE);
        CHECK(nativecerts_result_source_status(r, 2) == NATIVECERTS_STATUS_USED);
        finish_case(r);
    }
}

/* A certificate whose settings cannot be read (a corrupted record, no array, an entry
 * the array does not give) may be denied there: it alone is excluded, as distrust-unknown
 * by that domain, unless a higher domain decides. The domain stays complete. */
static void unreadable_settings_leave_one_certificate_unknown(void)
{
    fake_fail_settings(ADD(USER, ROOT_A, any_trust_root), -25262);
    ADD_EMPTY(SYSTEM, ROOT_A);
    ADD_EMPTY(USER, ROOT_B);
    fake_settings_without_array(ADD(ADMIN, ROOT_C, any_trust_root));
    fake_fail_entry(ADD(SYSTEM, EXPIRED, any_unspecified, any_deny), 1);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:user");
    expect_trusted(r, ROOT_B, "keychain:user");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:admin");
    expect_excluded(r, EXPIRED, NATIVECERTS_REASON_DISTRUST_UNKNOWN, "keychain:system");
    expect_counts(r, 1, 3, 3);
    /* Named by its display name, not by position alone. */
    char name[96], words[256];
    CHECK(nativecerts_cert_display_name(der[ROOT_A], der_len[ROOT_A], name, sizeof name) > 0);
    snprintf(words, sizeof words,
             "keychain:user: certificate 1 of 2 (%s): cannot read its trust settings "
             "(error -25262)",
             name);
    expect_error(r, 0, NATIVECERTS_ERROR_OS, -25262, "keychain:user", words);
    expect_error(r, 1, NATIVECERTS_ERROR_OS, 0, "keychain:admin",
                 "cannot read its trust settings (no array)");
    expect_error(r, 2, NATIVECERTS_ERROR_OS, 0, "keychain:system",
                 "cannot get entry 2 of 2 of its trust settings");
    for (size_t i = 0; i < 3; i++) {
        CHECK(nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_USED);
        CHECK_EQ_SIZE(nativecerts_result_source_error_count(r, i), 1);
    }
    finish_case(r);
}

/* errSecItemNotFound for a certificate the domain listed: no settings there. The next
 * domain decides; in the system domain it is trusted, as an empty array is. */
static void settings_not_found_defers(void)
{
    fake_fail_settings(ADD(USER, ROOT_A, any_trust_root), errSecItemNotFound);
    ADD(ADMIN, ROOT_A, ssl_deny);
    fake_fail_settings(ADD(USER, ROOT_B, any_deny), errSecItemNotFound);
    ADD_EMPTY(SYSTEM, ROOT_B);
    fake_fail_settings(ADD(SYSTEM, ROOT_C, any_deny), errSecItemNotFound);
    fake_fail_settings(ADD(ADMIN, EXPIRED, any_trust_root), errSecItemNotFound);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_DISTRUSTED, "keychain:admin");
    expect_trusted(r, ROOT_B, "keychain:system");
    expect_trusted(r, ROOT_C, "keychain:system");
    expect_excluded(r, EXPIRED, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:admin");
    expect_counts(r, 2, 2, 0);
    finish_case(r);
}

/* The SSL policy serves servers and clients alike; kSecTrustSettingsPolicyName tells
 * them apart. An entry named for anything but "sslServer" does not apply. */
static void policy_name_decides_where_an_entry_applies(void)
{
    fake_constraint client_deny = ssl_deny, client_trust = ssl_trust_root;
    fake_constraint server_deny = ssl_deny, unnamed_deny = any_deny;
    client_deny.policy_name = "sslClient";
    client_trust.policy_name = "sslClient";
    server_deny.policy_name = "sslServer";
    unnamed_deny.policy_name_not_string = 1;
    ADD(USER, ROOT_A, client_deny); /* a client-only Deny: the system's trust stands */
    ADD_EMPTY(SYSTEM, ROOT_A);
    ADD(SYSTEM, ROOT_B, client_trust); /* a client-only TrustRoot trusts no server */
    ADD(ADMIN, ROOT_C, client_trust, server_deny);
    ADD(USER, EXPIRED, unnamed_deny);
    ADD_EMPTY(SYSTEM, EXPIRED);
    nativecerts_result *r = load();
    expect_trusted(r, ROOT_A, "keychain:system");
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_DISTRUSTED, "keychain:admin");
    expect_trusted(r, EXPIRED, "keychain:system");
    expect_counts(r, 2, 2, 0);
    finish_case(r);
}

/* Keychain Access writes an entry that allows an error with the result Unspecified; it
 * decides nothing, and the domain's next entry does. */
static void allowed_error_entry_then_deny(void)
{
    fake_constraint allow = ssl_trust_root;
    allow.result = kSecTrustSettingsResultUnspecified;
    allow.allowed_error = 1;
    ADD(USER, ROOT_A, allow, any_deny);
    ADD_EMPTY(SYSTEM, ROOT_A);
    ADD(ADMIN, ROOT_B, allow, allow, ssl_trust_root);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_DISTRUSTED, "keychain:user");
    expect_trusted(r, ROOT_B, "keychain:admin");
    expect_counts(r, 1, 1, 0);
    finish_case(r);
}

/* errSecAllocate from any call fails the whole load: what it would have said is unknown. */
static void out_of_memory_fails_the_load(void)
{
    for (int per_certificate = 0; per_certificate < 2; per_certificate++) {
        ADD_EMPTY(USER, ROOT_A);
        fake_entry *e = ADD(SYSTEM, ROOT_B, any_deny);
        if (per_certificate)
            fake_fail_settings(e, errSecAllocate);
        else
            fake_domain_status(SYSTEM, errSecAllocate);
        nc__collect c;
        nc__collect_init(&c);
        nc__keychain_load(&c);
        CHECK(c.oom && c.resource_err == 0); /* ENOMEM: NATIVECERTS_ENOMEM */
        CHECK(nc__finish(&c, 0, 0) == NULL);
        nc__collect_free(&c);
        check_released_once();
        fake_reset();
    }
}

static void bad_certificate_bytes(void)
{
    static const unsigned char garbage[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    fake_add(SYSTEM, garbage, sizeof garbage, NULL, 0);
    ADD(SYSTEM, ROOT_B, any_deny);
    ADD_EMPTY(SYSTEM, ROOT_C);
    nativecerts_result *r = load();
    /* Reported; but bytes that are no certificate equal none this load returns, so a
     * Deny for them distrusts nothing trusted: the domain stays complete. */
    expect_counts(r, 1, 1, 1);
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_DISTRUSTED, "keychain:system");
    expect_trusted(r, ROOT_C, "keychain:system");
    expect_error(r, 0, NATIVECERTS_ERROR_PARSE, 0, "keychain:system", "certificate 1 of 3: ");
    CHECK(nativecerts_result_source_status(r, 2) == NATIVECERTS_STATUS_USED);
    /* Nothing is asked about a certificate whose bytes are unusable. */
    CHECK(fake_get_stats()->copy_settings_calls == 2);
    finish_case(r);
}

static void malformed_settings_do_not_decide(void)
{
    fake_constraint not_number = any_trust_root, not_dict = any_trust_root;
    not_number.result_not_number = 1;
    not_dict.not_dictionary = 1;
    ADD(USER, ROOT_A, not_number);
    ADD(USER, ROOT_B, not_dict, any_deny);
    ADD(SYSTEM, ROOT_C, not_dict);
    nativecerts_result *r = load();
    expect_excluded(r, ROOT_A, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:user");
    expect_excluded(r, ROOT_B, NATIVECERTS_REASON_DISTRUSTED, "keychain:user");
    expect_excluded(r, ROOT_C, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_counts(r, 0, 3, 0);
    finish_case(r);
}

/* One scripted store, listed in two orders: the result must be the same to the byte. */
static void script_store(int reversed)
{
    if (!reversed) {
        ADD_EMPTY(SYSTEM, ROOT_C);
        ADD_EMPTY(SYSTEM, ROOT_A);
        ADD(SYSTEM, ROOT_B, smime_trust_root);
        ADD(USER, EXPIRED, ssl_deny);
        ADD(USER, ROOT_A, any_unspecified);
    } else {
        ADD(USER, ROOT_A, any_unspecified);
        ADD(USER, EXPIRED, ssl_deny);
        ADD(SYSTEM, ROOT_B, smime_trust_root);
        ADD_EMPTY(SYSTEM, ROOT_A);
        ADD_EMPTY(SYSTEM, ROOT_C);
    }
}

static int same_results(const nativecerts_result *x, const nativecerts_result *y)
{
    int same = nativecerts_result_count(x) == nativecerts_result_count(y) &&
               nativecerts_result_excluded_count(x) == nativecerts_result_excluded_count(y);
    for (size_t i = 0; same && i < nativecerts_result_count(x); i++) {
        size_t a, b;
        const unsigned char *p = nativecerts_result_der(x, i, &a),
                            *q = nativecerts_result_der(y, i, &b);
        same = a == b && memcmp(p, q, a) == 0 &&
               strcmp(nativecerts_result_source(x, i), nativecerts_result_source(y, i)) == 0;
    }
    for (size_t i = 0; same && i < nativecerts_result_excluded_count(x); i++) {
        size_t a, b;
        const unsigned char *p = nativecerts_result_excluded_der(x, i, &a);
        const unsigned char *q = nativecerts_result_excluded_der(y, i, &b);
        same =
            a == b && memcmp(p, q, a) == 0 &&
            nativecerts_result_excluded_reason(x, i) == nativecerts_result_excluded_reason(y, i) &&
            strcmp(nativecerts_result_excluded_source(x, i),
                   nativecerts_result_excluded_source(y, i)) == 0;
    }
    for (size_t i = 0; same && i < 3; i++)
        same = nativecerts_result_source_cert_count(x, i) ==
               nativecerts_result_source_cert_count(y, i);
    return same;
}

static void output_independent_of_listing_order(void)
{
    script_store(0);
    nativecerts_result *first = load();
    check_released_once();
    fake_reset();
    script_store(1);
    nativecerts_result *second = load();
    CHECK(same_results(first, second));
    expect_trusted(first, ROOT_A, "keychain:system");
    expect_trusted(first, ROOT_C, "keychain:system");
    expect_excluded(first, ROOT_B, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "keychain:system");
    expect_excluded(first, EXPIRED, NATIVECERTS_REASON_DISTRUSTED, "keychain:user");
    nativecerts_result_free(first);
    finish_case(second);
}

/* The checks above can fail: the fake sees a leak, an over-release, a released
 * constant and a use after release. */
static void fake_detects_misuse(void)
{
    ADD_EMPTY(SYSTEM, ROOT_A);
    CFArrayRef certs = NULL;
    CHECK(SecTrustSettingsCopyCertificates(SYSTEM, &certs) == errSecSuccess);
    CHECK(fake_live() == 2); /* the array and its certificate */
    CFDataRef data =
        SecCertificateCopyData((SecCertificateRef)(uintptr_t)CFArrayGetValueAtIndex(certs, 0));
    CHECK(CFDataGetLength(data) == (CFIndex)der_len[ROOT_A]);
    CFRelease(data);
    CFRelease(data);
    CHECK(fake_get_stats()->over_releases == 1);
    CHECK(CFDataGetLength(data) == 0 && fake_get_stats()->misuse == 1);
    CFRelease(CFSTR("kSecTrustSettingsResult"));
    CHECK(fake_get_stats()->constant_releases == 1);
    CHECK(fake_live() == 2 && fake_get_stats()->handed == 2 &&
          fake_get_stats()->caller_releases == 2);
    CFRelease(certs);
    CHECK(fake_live() == 0);
    fake_reset();
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } cases[] = {
        {"domain-priority", domain_priority},
        {"policy-from-properties", policy_from_properties},
        {"host-and-application-constraints", host_and_application_constraints},
        {"empty-array-and-missing-result", empty_array_and_missing_result},
        {"no-trust-settings-is-empty", no_trust_settings_is_empty},
        {"domain-failure-makes-everything-unknown", domain_failure_makes_everything_unknown},
        {"listing-failures-make-everything-unknown", listing_failures_make_everything_unknown},
        {"unreadable-settings-leave-one-certificate-unknown",
         unreadable_settings_leave_one_certificate_unknown},
        {"settings-not-found-defers", settings_not_found_defers},
        {"policy-name-decides-where-an-entry-applies", policy_name_decides_where_an_entry_applies},
        {"allowed-error-entry-then-deny", allowed_error_entry_then_deny},
        {"out-of-memory-fails-the-load", out_of_memory_fails_the_load},
        {"bad-certificate-bytes", bad_certificate_bytes},
        {"malformed-settings-do-not-decide", malformed_settings_do_not_decide},
        {"output-independent-of-listing-order", output_independent_of_listing_order},
        {"fake-detects-misuse", fake_detects_misuse},
    };
    static const char *const files[NFIXTURES] = {"root-a.der", "root-b.der", "root-c.der",
                                                 "expired.der"};
    if (argc != 2) {
        fprintf(stderr, "usage: %s CASE\n", argv[0]);
        return 2;
    }
    for (int i = 0; i < NFIXTURES; i++)
        der[i] = nct_fixture(files[i], &der_len[i]);
    int found = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (strcmp(argv[1], cases[i].name) != 0 && strcmp(argv[1], "all") != 0) continue;
        found = 1;
        fake_reset();
        cases[i].run();
    }
    for (int i = 0; i < NFIXTURES; i++)
        free(der[i]);
    if (!found) {
        fprintf(stderr, "no case %s\n", argv[1]);
        return 2;
    }
    return nct_done();
}
