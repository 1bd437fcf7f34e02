/* Allocation failure in the macOS backend: every allocation of a keychain load (the
 * real keychain.c and the core, over scripted keychains; the fake's own allocations go
 * around the wrappers) fails in turn, once ("transient") and from there on
 * ("persistent"). Each run must end with no result and the load failed as out of
 * memory, or with a result that trusts nothing the full load does not trust (a Deny, a
 * domain's incompleteness or a certificate's unknown verdict is never lost to a failed
 * allocation). Nothing may leak: the wrappers count the library's live blocks, the
 * fake its objects. The wrappers: tests/support/alloc_wrap.h. Prints
 * "alloc-failure keychain POINTS". */
#include <stdlib.h>
#include <string.h>

#include "alloc_wrap.h"
#include "core/finish.h"
#include "fake_keychain.h"
#include "macos/keychain.h"
#include "test_support.h"

enum { USER = kSecTrustSettingsDomainUser, ADMIN = kSecTrustSettingsDomainAdmin };
enum { SYSTEM = kSecTrustSettingsDomainSystem };
enum { ROOT_A, ROOT_B, ROOT_C, EXPIRED, NFIXTURES };
static unsigned char *der[NFIXTURES];
static size_t der_len[NFIXTURES];

/* Every kind of verdict and error: a user Deny over system trust, an admin TrustRoot
 * named for servers, a client-only entry, settings not found, a corrupted record. */
static void script(void)
{
    const fake_constraint deny = {.has_result = 1, .result = kSecTrustSettingsResultDeny};
    const fake_constraint server = {.policy_oid = FAKE_OID_SSL,
                                    .policy_name = "sslServer",
                                    .has_result = 1,
                                    .result = kSecTrustSettingsResultTrustRoot};
    fake_constraint client = server;
    client.policy_name = "sslClient";
    fake_add(USER, der[ROOT_A], der_len[ROOT_A], &deny, 1);
    fake_add(SYSTEM, der[ROOT_A], der_len[ROOT_A], NULL, 0);
    fake_add(ADMIN, der[ROOT_B], der_len[ROOT_B], &server, 1);
    fake_fail_settings(fake_add(USER, der[ROOT_B], der_len[ROOT_B], &client, 1),
                       errSecItemNotFound);
    fake_add(SYSTEM, der[ROOT_C], der_len[ROOT_C], &client, 1);
    fake_add(SYSTEM, der[ROOT_C], der_len[ROOT_C], NULL, 0);
    fake_fail_settings(fake_add(ADMIN, der[EXPIRED], der_len[EXPIRED], &deny, 1), -25262);
    fake_add(SYSTEM, der[EXPIRED], der_len[EXPIRED], NULL, 0);
}

/* One load in the window: the result, or NULL when the load failed. An allocation that
 * failed while the keychain was read must fail the load (no partial result); one that
 * failed while the result was built leaves none. */
static nativecerts_result *windowed_load(void)
{
    script();
    nct_alloc.calls = nct_alloc.live = 0;
    nct_alloc.armed = 1;
    nc__collect c;
    nc__collect_init(&c);
    nc__keychain_load(&c);
    long read_calls = nct_alloc.calls;
    int oom = c.oom;
    nativecerts_result *r = nc__finish(&c, 0, 0);
    nc__collect_free(&c);
    nct_alloc.armed = 0;
    if (nct_alloc.fail_at && nct_alloc.fail_at <= read_calls && !oom) {
        fprintf(stderr, "call %ld%s: failed while reading, yet the load went on\n",
                nct_alloc.fail_at, nct_alloc.persistent ? " on" : "");
        nct_failures++;
    }
    return r;
}

/* The run's end: the library's blocks and the fake's objects all released. */
static void windowed_free(nativecerts_result *r)
{
    nct_alloc.armed = 1;
    nativecerts_result_free(r);
    nct_alloc.armed = 0;
    if (nct_alloc.live != 0 || fake_live() != 0 || fake_get_stats()->over_releases ||
        fake_get_stats()->misuse) {
        fprintf(stderr, "call %ld%s: %ld blocks and %ld objects left, %ld over-released\n",
                nct_alloc.fail_at, nct_alloc.persistent ? " on" : "", nct_alloc.live, fake_live(),
                fake_get_stats()->over_releases);
        nct_failures++;
    }
    fake_reset();
}

int main(void)
{
    static const char *const files[NFIXTURES] = {"root-a.der", "root-b.der", "root-c.der",
                                                 "expired.der"};
    for (int i = 0; i < NFIXTURES; i++)
        der[i] = nct_fixture(files[i], &der_len[i]);
    nct_alloc.fail_at = 0;
    nativecerts_result *full = windowed_load();
    long points = nct_alloc.calls;
    /* The full load: one root trusted (B, by the admin domain), the others excluded. */
    CHECK(full && nativecerts_result_count(full) == 1 &&
          nct_find_trusted(full, der[ROOT_B], der_len[ROOT_B]) >= 0 &&
          nativecerts_result_excluded_count(full) == 3);
    windowed_free(full);
    for (nct_alloc.persistent = 0; nct_alloc.persistent < 2; nct_alloc.persistent++) {
        for (nct_alloc.fail_at = 1; nct_alloc.fail_at <= points; nct_alloc.fail_at++) {
            nativecerts_result *r = windowed_load();
            for (size_t i = 0; r && i < nativecerts_result_count(r); i++) {
                size_t len;
                const unsigned char *d = nativecerts_result_der(r, i, &len);
                if (len != der_len[ROOT_B] || memcmp(d, der[ROOT_B], len) != 0) {
                    fprintf(stderr, "call %ld%s: trusts what the full load does not\n",
                            nct_alloc.fail_at, nct_alloc.persistent ? " on" : "");
                    nct_failures++;
                }
            }
            windowed_free(r);
        }
    }
    printf("alloc-failure keychain %ld\n", points);
    for (int i = 0; i < NFIXTURES; i++)
        free(der[i]);
    return nct_done();
}
