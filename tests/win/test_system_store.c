/* The Windows store against Wine's (or Windows') real crypt32: each case adds roots to
 * the current user's ROOT or Disallowed store as an administrator would, loads, checks
 * one rule of the Windows store, and removes what it added. */
#include <stdio.h>
#include <stdlib.h>

#include "win_support.h"

#define ROOT_STORE "windows:CurrentUser/ROOT"
#define DISALLOWED_STORE "windows:CurrentUser/Disallowed"

static const char *const SERVER_AUTH = szOID_PKIX_KP_SERVER_AUTH;
static const char *const ANY_EKU = szOID_ANY_ENHANCED_KEY_USAGE;

/* EKU properties (NULL-terminated OID lists) that the cases set. */
static char *const CLIENT_ONLY[] = {szOID_PKIX_KP_CLIENT_AUTH, NULL};
static char *const SERVER_AND_CLIENT[] = {szOID_PKIX_KP_CLIENT_AUTH, szOID_PKIX_KP_SERVER_AUTH,
                                          NULL};
static char *const ANY[] = {szOID_ANY_ENHANCED_KEY_USAGE, NULL};
static char *const NONE[] = {NULL}; /* the empty list: no use at all */

/* Every fixture a case may put in a store, removed before and after each case. */
static const char *const FIXTURES[] = {
    "root-a.der",   "root-b.der",   "root-c.der",        "expired.der",
    "gen-2050.der", "utc-2049.der", "not-yet-valid.der", NULL};

typedef struct cert {
    unsigned char *der;
    size_t len;
} cert;

static cert load_fixture(const char *name)
{
    cert c;
    c.der = wt_fixture(name, &c.len);
    return c;
}

static void clean_stores(void)
{
    for (const char *const *f = FIXTURES; *f; f++) {
        cert c = load_fixture(*f);
        wt_store_remove(L"ROOT", c.der, c.len);
        wt_store_remove(L"Disallowed", c.der, c.len);
        free(c.der);
    }
}

static void add(const wchar_t *store, cert c, char *const *eku)
{
    wt_store_add(store, c.der, c.len, eku);
}

/* The excluded reason of c, and that the ROOT store decided it. */
static void check_excluded(const nativecerts_result *r, cert c, nativecerts_reason reason,
                           const char *source)
{
    long i = wt_excluded(r, c.der, c.len);
    CHECK(wt_trusted(r, c.der, c.len) < 0);
    CHECK(i >= 0);
    if (i < 0) return;
    CHECK_STR(nativecerts_reason_name(nativecerts_result_excluded_reason(r, (size_t)i)),
              nativecerts_reason_name(reason));
    CHECK_STR(nativecerts_result_excluded_source(r, (size_t)i), source);
}

static void check_trusted_from_root(const nativecerts_result *r, cert c)
{
    long i = wt_trusted(r, c.der, c.len);
    CHECK(i >= 0);
    CHECK(wt_excluded(r, c.der, c.len) < 0);
    if (i >= 0) CHECK_STR(nativecerts_result_source(r, (size_t)i), ROOT_STORE);
}

/* A root added to CurrentUser ROOT is returned, with the store as its source; the
 * report shows both stores used; removing it removes it from the next load. */
static void root_added(void)
{
    cert a = load_fixture("root-a.der");
    add(L"ROOT", a, NULL);
    nativecerts_result *r = wt_load(NULL);
    check_trusted_from_root(r, a);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
    CHECK_STR(nativecerts_result_profile(r), "windows");
    long root = wt_source(r, ROOT_STORE), dis = wt_source(r, DISALLOWED_STORE);
    CHECK(root >= 0 && dis > root);
    if (root >= 0 && dis >= 0) {
        CHECK(nativecerts_result_source_kind(r, (size_t)root) == NATIVECERTS_SOURCE_STORE);
        CHECK(nativecerts_result_source_status(r, (size_t)root) == NATIVECERTS_STATUS_USED);
        CHECK(nativecerts_result_source_status(r, (size_t)dis) == NATIVECERTS_STATUS_USED);
        CHECK(nativecerts_result_source_cert_count(r, (size_t)root) >= 1);
        CHECK_STR(nativecerts_result_source_origin(r, (size_t)root), "store");
    }
    CHECK_EQ_SIZE(wt_errors_of(r, NATIVECERTS_ERROR_OS), 0);
    wt_done(r, NULL);

    wt_store_remove(L"ROOT", a.der, a.len);
    r = wt_load(NULL);
    CHECK(wt_trusted(r, a.der, a.len) < 0 && wt_excluded(r, a.der, a.len) < 0);
    nativecerts_result_free(r);
    free(a.der);
}

/* Validity is checked on the Windows store without the skip_expired option, at the
 * check time of the options. */
static void validity(const char *fixture, nativecerts_reason reason, int64_t valid_at)
{
    cert c = load_fixture(fixture);
    add(L"ROOT", c, NULL);
    nativecerts_result *r = wt_load(NULL);
    check_excluded(r, c, reason, ROOT_STORE);
    wt_done(r, NULL);

    nativecerts_options *o = wt_options();
    nativecerts_options_set_time(o, valid_at);
    r = wt_load(o);
    check_trusted_from_root(r, c);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    free(c.der);
}

/* The EKU property an administrator set decides; the certificate has no extension. */
static void eku(char *const *oids, int trusted)
{
    cert b = load_fixture("root-b.der");
    add(L"ROOT", b, oids);
    nativecerts_result *r = wt_load(NULL);
    if (trusted)
        check_trusted_from_root(r, b);
    else
        check_excluded(r, b, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, ROOT_STORE);
    wt_done(r, NULL);
    free(b.der);
}

/* A root that is also in Disallowed is excluded, and so is a Disallowed certificate
 * that no trusted store holds. */
static void disallowed(void)
{
    cert c = load_fixture("root-c.der"), a = load_fixture("root-a.der");
    add(L"ROOT", c, NULL);
    add(L"Disallowed", c, NULL);
    add(L"Disallowed", a, NULL);
    nativecerts_result *r = wt_load(NULL);
    check_excluded(r, c, NATIVECERTS_REASON_DISTRUSTED, DISALLOWED_STORE);
    check_excluded(r, a, NATIVECERTS_REASON_DISTRUSTED, DISALLOWED_STORE);
    long dis = wt_source(r, DISALLOWED_STORE);
    CHECK(dis >= 0 && nativecerts_result_source_cert_count(r, (size_t)dis) >= 2);
    wt_done(r, NULL);
    free(c.der);
    free(a.der);
}

/* Disallowed that cannot be opened (its registry key denies everyone, as a broken
 * policy or a hostile program can leave it) could hold any root: nothing is trusted.
 * Every root that would have been is excluded as distrust-unknown by Disallowed, whose
 * status is "incomplete", with the failure as an error of kind os. */
static void disallowed_unreadable(void)
{
    cert a = load_fixture("root-a.der"), c = load_fixture("root-c.der");
    cert x = load_fixture("expired.der");
    add(L"ROOT", a, NULL);
    add(L"ROOT", c, NULL);
    add(L"Disallowed", c, NULL);
    add(L"ROOT", x, NULL);
    wt_store_deny(L"Disallowed", 1);
    nativecerts_result *r = wt_load(NULL);
    wt_store_deny(L"Disallowed", 0);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    check_excluded(r, a, NATIVECERTS_REASON_DISTRUST_UNKNOWN, DISALLOWED_STORE);
    check_excluded(r, c, NATIVECERTS_REASON_DISTRUST_UNKNOWN, DISALLOWED_STORE);
    check_excluded(r, x, NATIVECERTS_REASON_EXPIRED, ROOT_STORE); /* never to be trusted */
    long dis = wt_source(r, DISALLOWED_STORE), root = wt_source(r, ROOT_STORE);
    CHECK(dis >= 0 && root >= 0);
    if (dis >= 0) {
        CHECK(nativecerts_result_source_status(r, (size_t)dis) == NATIVECERTS_STATUS_INCOMPLETE);
        CHECK_EQ_SIZE(nativecerts_result_source_error_count(r, (size_t)dis), 1);
    }
    if (root >= 0)
        CHECK(nativecerts_result_source_status(r, (size_t)root) == NATIVECERTS_STATUS_USED);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    if (nativecerts_result_error_count(r) == 1) {
        CHECK(nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_OS);
        CHECK(nativecerts_result_error_errno(r, 0) == ERROR_ACCESS_DENIED);
        CHECK(strstr(nativecerts_result_error_message(r, 0),
                     "windows:CurrentUser/Disallowed: cannot open the store") != NULL);
    }
    wt_done(r, NULL);

    /* Readable again: the same store, decided as usual. */
    r = wt_load(NULL);
    check_trusted_from_root(r, a);
    check_excluded(r, c, NATIVECERTS_REASON_DISTRUSTED, DISALLOWED_STORE);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    wt_done(r, NULL);
    free(a.der);
    free(c.der);
    free(x.der);
}

/* ---- The same store, enumerated here with other calls ------------------------------ */

typedef struct expected {
    cert *certs;
    nativecerts_reason *reason; /* 0: trusted */
    size_t n, cap;
} expected;

/* Two sightings of one certificate: distrust wins; then a sighting whose usage allows
 * server authentication decides by validity (the same for every sighting). */
static nativecerts_reason merge(nativecerts_reason old, nativecerts_reason now)
{
    if (old == NATIVECERTS_REASON_DISTRUSTED || now == NATIVECERTS_REASON_DISTRUSTED)
        return NATIVECERTS_REASON_DISTRUSTED;
    return old == NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH ? now : old;
}

static void expect(expected *e, const unsigned char *der, size_t len, nativecerts_reason reason)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->certs[i].len == len && !memcmp(e->certs[i].der, der, len)) {
            e->reason[i] = merge(e->reason[i], reason);
            return;
        }
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 256;
        e->certs = realloc(e->certs, e->cap * sizeof *e->certs);
        e->reason = realloc(e->reason, e->cap * sizeof *e->reason);
        if (!e->certs || !e->reason) exit(99);
    }
    e->certs[e->n].der = malloc(len);
    if (!e->certs[e->n].der) exit(99);
    memcpy(e->certs[e->n].der, der, len);
    e->certs[e->n].len = len;
    e->reason[e->n++] = reason;
}

/* A decoded EKU list (LocalFree it); exits when it cannot be decoded. */
static CERT_ENHKEY_USAGE *decode_usage(const BYTE *p, DWORD n)
{
    CERT_ENHKEY_USAGE *u = NULL;
    DWORD size = 0;
    if (!CryptDecodeObjectEx(X509_ASN_ENCODING, X509_ENHANCED_KEY_USAGE, p, n,
                             CRYPT_DECODE_ALLOC_FLAG, NULL, &u, &size))
        exit(99);
    return u;
}

static int lists(const CERT_ENHKEY_USAGE *u, const char *oid)
{
    for (DWORD i = 0; u && i < u->cUsageIdentifier; i++)
        if (!strcmp(u->rgpszUsageIdentifier[i], oid)) return 1;
    return 0;
}

/* Server authentication allowed, by Windows' documented rule, worked out here from the
 * raw EKU property and extension rather than through CertGetEnhancedKeyUsage: neither
 * means every use; one decides alone; both, the uses on both lists. */
static int allows_server_auth(PCCERT_CONTEXT ctx)
{
    CERT_ENHKEY_USAGE *prop = NULL, *ext = NULL;
    DWORD n = 0;
    if (CertGetCertificateContextProperty(ctx, CERT_ENHKEY_USAGE_PROP_ID, NULL, &n)) {
        BYTE *raw = malloc(n);
        if (!raw || !CertGetCertificateContextProperty(ctx, CERT_ENHKEY_USAGE_PROP_ID, raw, &n))
            exit(99);
        prop = decode_usage(raw, n);
        free(raw);
    }
    PCERT_EXTENSION x = CertFindExtension(szOID_ENHANCED_KEY_USAGE, ctx->pCertInfo->cExtension,
                                          ctx->pCertInfo->rgExtension);
    if (x) ext = decode_usage(x->Value.pbData, x->Value.cbData);
    int ok = 0;
    for (int k = 0; k < 2; k++) {
        const char *oid = k ? ANY_EKU : SERVER_AUTH;
        ok |= (!prop || lists(prop, oid)) && (!ext || lists(ext, oid));
    }
    LocalFree(prop);
    LocalFree(ext);
    return ok;
}

static void enumerate(expected *e)
{
    HCERTSTORE root = CertOpenSystemStoreW(0, L"ROOT");
    HCERTSTORE dis = CertOpenSystemStoreW(0, L"Disallowed");
    if (!root || !dis) exit(99);
    PCCERT_CONTEXT ctx = NULL;
    while ((ctx = CertEnumCertificatesInStore(dis, ctx)) != NULL)
        expect(e, ctx->pbCertEncoded, ctx->cbCertEncoded, NATIVECERTS_REASON_DISTRUSTED);
    while ((ctx = CertEnumCertificatesInStore(root, ctx)) != NULL) {
        LONG t = CertVerifyTimeValidity(NULL, ctx->pCertInfo);
        nativecerts_reason why = !allows_server_auth(ctx) ? NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH
                                 : t > 0                  ? NATIVECERTS_REASON_EXPIRED
                                 : t < 0                  ? NATIVECERTS_REASON_NOT_YET_VALID
                                                          : (nativecerts_reason)0;
        expect(e, ctx->pbCertEncoded, ctx->cbCertEncoded, why);
    }
    CertCloseStore(root, 0);
    CertCloseStore(dis, 0);
}

/* The result equals what the test finds in the same stores with the same rules, and
 * every branch is present: each kind of root was added for the purpose. */
static void independent_enumeration(void)
{
    cert a = load_fixture("root-a.der"), b = load_fixture("root-b.der");
    cert c = load_fixture("root-c.der"), x = load_fixture("expired.der");
    cert y = load_fixture("not-yet-valid.der"), g = load_fixture("gen-2050.der");
    cert u = load_fixture("utc-2049.der");
    add(L"ROOT", a, NULL);
    add(L"ROOT", b, CLIENT_ONLY);
    add(L"ROOT", c, NULL);
    add(L"Disallowed", c, NULL);
    add(L"ROOT", x, NULL);
    add(L"ROOT", y, NULL);
    add(L"ROOT", g, ANY);
    add(L"ROOT", u, NONE);

    expected e = {0};
    enumerate(&e);
    nativecerts_result *r = wt_load(NULL);
    size_t trusted = 0, excluded = 0;
    for (size_t i = 0; i < e.n; i++) {
        if (e.reason[i] == 0) {
            trusted++;
            if (wt_trusted(r, e.certs[i].der, e.certs[i].len) < 0) {
                char name[256];
                nativecerts_cert_display_name(e.certs[i].der, e.certs[i].len, name, sizeof name);
                fprintf(stderr, "expected trusted, not returned: %s\n", name);
                nct_failures++;
            }
        } else {
            excluded++;
            long k = wt_excluded(r, e.certs[i].der, e.certs[i].len);
            if (k < 0 || nativecerts_result_excluded_reason(r, (size_t)k) != e.reason[i]) {
                char name[256];
                nativecerts_cert_display_name(e.certs[i].der, e.certs[i].len, name, sizeof name);
                fprintf(stderr, "expected excluded as %s: %s\n",
                        nativecerts_reason_name(e.reason[i]), name);
                nct_failures++;
            }
        }
    }
    CHECK_EQ_SIZE(nativecerts_result_count(r), trusted);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), excluded);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    /* The branches this case is for, and Wine's own ROOT (host roots, built-ins). */
    CHECK(trusted >= 3 && excluded >= 5);
    check_trusted_from_root(r, a);
    check_trusted_from_root(r, g);
    check_excluded(r, b, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, ROOT_STORE);
    check_excluded(r, u, NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, ROOT_STORE);
    check_excluded(r, c, NATIVECERTS_REASON_DISTRUSTED, DISALLOWED_STORE);
    check_excluded(r, x, NATIVECERTS_REASON_EXPIRED, ROOT_STORE);
    check_excluded(r, y, NATIVECERTS_REASON_NOT_YET_VALID, ROOT_STORE);
    fprintf(stderr, "store: %zu trusted, %zu excluded, found alike by both\n", trusted, excluded);
    wt_done(r, NULL);
    for (size_t i = 0; i < e.n; i++)
        free(e.certs[i].der);
    free(e.certs);
    free(e.reason);
    cert all[] = {a, b, c, x, y, g, u};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i].der);
}

/* SSL_CERT_FILE replaces the store, as on Unix; so does skip_platform. */
static void replaced(int by_env)
{
    cert a = load_fixture("root-a.der"), b = load_fixture("root-b.der");
    add(L"ROOT", a, NULL);
    char path[1024];
    snprintf(path, sizeof path, "%s/certs/root-b.pem", NC_WIN_TEST_DATA);
    nativecerts_options *o = wt_options();
    if (by_env) {
        wt_setenv("SSL_CERT_FILE", path);
    } else {
        nativecerts_options_set_skip_platform(o, 1);
        nativecerts_options_add_file(o, path);
    }
    nativecerts_result *r = wt_load(o);
    CHECK(wt_trusted(r, a.der, a.len) < 0);
    long i = wt_trusted(r, b.der, b.len);
    CHECK(i >= 0);
    if (i >= 0) CHECK_STR(nativecerts_result_source(r, (size_t)i), path);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nativecerts_result_mode(r) ==
          (by_env ? NATIVECERTS_MODE_ENVIRONMENT : NATIVECERTS_MODE_EXPLICIT));
    nativecerts_source_status why =
        by_env ? NATIVECERTS_STATUS_IGNORED_ENV : NATIVECERTS_STATUS_IGNORED_OPTION;
    long root = wt_source(r, ROOT_STORE), dis = wt_source(r, DISALLOWED_STORE);
    CHECK(root >= 0 && dis >= 0);
    if (root >= 0) CHECK(nativecerts_result_source_status(r, (size_t)root) == why);
    if (dis >= 0) CHECK(nativecerts_result_source_status(r, (size_t)dis) == why);
    wt_done(r, o);
    free(a.der);
    free(b.der);
}

/* The Windows build has one profile, "windows"; Unix names are unknown to it. */
static void profile(void)
{
    CHECK_STR(nativecerts_profile_name(0), "windows");
    CHECK(nativecerts_profile_name(1) == NULL);
    CHECK_STR(nativecerts_profile_default(), "windows");
    nativecerts_options *o = wt_options();
    CHECK(nativecerts_options_set_profile(o, "linux") == NATIVECERTS_EINVAL);
    CHECK(nativecerts_options_set_profile(o, "windows") == NATIVECERTS_OK);
    nativecerts_options_free(o);
}

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    const char *c = argv[1];
    wt_clear_ssl_env();
    clean_stores();
    if (!strcmp(c, "root-added"))
        root_added();
    else if (!strcmp(c, "expired"))
        validity("expired.der", NATIVECERTS_REASON_EXPIRED, 978307200 /* 2001-01-01 */ - 86400);
    else if (!strcmp(c, "not-yet-valid"))
        validity("not-yet-valid.der", NATIVECERTS_REASON_NOT_YET_VALID,
                 3786825600 /* 2090-01-01 */ + 86400);
    else if (!strcmp(c, "eku-client-only"))
        eku(CLIENT_ONLY, 0);
    else if (!strcmp(c, "eku-empty"))
        eku(NONE, 0);
    else if (!strcmp(c, "eku-server"))
        eku(SERVER_AND_CLIENT, 1);
    else if (!strcmp(c, "eku-any"))
        eku(ANY, 1);
    else if (!strcmp(c, "disallowed"))
        disallowed();
    else if (!strcmp(c, "disallowed-unreadable"))
        disallowed_unreadable();
    else if (!strcmp(c, "independent"))
        independent_enumeration();
    else if (!strcmp(c, "env-file"))
        replaced(1);
    else if (!strcmp(c, "skip-platform"))
        replaced(0);
    else if (!strcmp(c, "profile"))
        profile();
    else {
        fprintf(stderr, "unknown case %s\n", c);
        return 2;
    }
    clean_stores();
    return nct_done();
}
