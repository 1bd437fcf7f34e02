/* The benchmark's TLS rows: a trust store made ready from nativecerts by each adapter
 * (include/nativecerts/), beside OpenSSL's own ways, on this machine's store.
 *
 * The chain: at start, a root (RSA 4096), an intermediate (RSA 2048) and a server
 * certificate (P-256) are made in memory, shaped like a public web chain (key
 * identifiers, serverAuth, a DNS name). No network, and no root of this machine signs
 * for us: the root is written to a temporary file that every load adds through the
 * options (nativecerts_options_add_file), or OpenSSL's ways add with X509_STORE_add_cert.
 * The loads read the machine's store as well (its roots are what costs).
 *
 * Timed: from an empty target (made before the clock starts) to a target ready to
 * verify, and with "+ verify", through one verification of the chain as a TLS client
 * makes it (X509_verify_cert, purpose ssl_server); freeing the target is not timed.
 *
 * Rows (medians):
 *   nativecerts_load alone                the load the adapters start with
 *   OpenSSL lazy / eager adapter          nativecerts_openssl_load_store_lazy / _store
 *   X509_STORE_load_file(bundle)          OpenSSL parsing the bundle itself
 *   X509_STORE_set_default_paths          what SSL_CTX_set_default_verify_paths does
 *   ... + verify                          the same, then the chain verified
 *   OpenSSL lazy from a nativecerts_store the lazy adapter on nativecerts_store_get's
 *                                         result (a client made per request)
 *   GnuTLS, Mbed TLS, wolfSSL, BearSSL, libcurl adapters, each where found
 * Targets: the lazy store ready in at most 1.25x the load alone; lazy + verify at most
 * 0.15x eager + verify. */
#include "tls.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nativecerts/openssl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

static X509 *root, *leaf;
static STACK_OF(X509) * untrusted;
static const char *bundle;
static nativecerts_store *shared;

/* ---- the chain ------------------------------------------------------------------- */
static void add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, ctx, nid, value);
    if (!e || !X509_add_ext(x, e, -1)) fprintf(stderr, "extension %d\n", nid), exit(1);
    X509_EXTENSION_free(e);
}

/* A certificate for key named cn, issued by issuer (NULL: self-signed) with its key. */
static X509 *issue(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key, int ca)
{
    static long serial = 0x4e43;
    X509 *x = X509_new();
    X509_NAME *name = X509_NAME_new();
    X509V3_CTX ctx;
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, (const unsigned char *)"US", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               (const unsigned char *)"nativecerts benchmark", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
    X509_set_subject_name(x, name);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
    X509_gmtime_adj(X509_getm_notBefore(x), -86400);
    X509_gmtime_adj(X509_getm_notAfter(x), 90 * 86400L);
    X509_set_pubkey(x, key);
    X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
    add_ext(x, &ctx, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    add_ext(x, &ctx, NID_key_usage,
            ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    add_ext(x, &ctx, NID_subject_key_identifier, "hash");
    if (issuer) add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
    if (!ca) {
        add_ext(x, &ctx, NID_ext_key_usage, "serverAuth");
        add_ext(x, &ctx, NID_subject_alt_name, "DNS:bench.nativecerts.invalid");
    }
    if (!X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256()))
        fprintf(stderr, "cannot sign %s\n", cn), exit(1);
    X509_NAME_free(name);
    return x;
}

/* Makes the chain; writes the root to a new temporary file, named in path. */
static void make_chain(char *path)
{
    EVP_PKEY *rk = EVP_RSA_gen(4096), *ik = EVP_RSA_gen(2048), *lk = EVP_EC_gen("P-256");
    if (!rk || !ik || !lk) fprintf(stderr, "cannot make keys\n"), exit(1);
    root = issue("nativecerts benchmark root", rk, NULL, NULL, 1);
    X509 *inter = issue("nativecerts benchmark intermediate", ik, root, rk, 1);
    leaf = issue("bench.nativecerts.invalid", lk, inter, ik, 0);
    untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, inter);
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || !PEM_write_X509(f, root) || fclose(f) != 0) perror(path), exit(1);
    EVP_PKEY_free(rk);
    EVP_PKEY_free(ik);
    EVP_PKEY_free(lk);
}

static int verify(void *store)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ok = ctx && X509_STORE_CTX_init(ctx, store, leaf, untrusted) &&
             X509_STORE_CTX_set_default(ctx, "ssl_server") && X509_verify_cert(ctx) == 1;
    X509_STORE_CTX_free(ctx);
    return ok;
}

/* ---- OpenSSL's ways, as targets of the timer ------------------------------------- */
static void *store_make(void)
{
    return X509_STORE_new();
}

static void store_drop(void *store)
{
    X509_STORE_free(store);
}

static int eager(void *store, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_openssl_load_store(store, opts, NULL, skipped);
}

static int lazy(void *store, const nativecerts_options *opts, size_t *skipped)
{
    return nativecerts_openssl_load_store_lazy(store, opts, NULL, skipped);
}

static int lazy_shared(void *store, const nativecerts_options *opts, size_t *skipped)
{
    nativecerts_result *r;
    int rc = nativecerts_store_get(shared, &r);
    (void)opts;
    if (rc == NATIVECERTS_OK) rc = nativecerts_openssl_add_store_lazy(store, r, skipped);
    nativecerts_result_free(r);
    return rc;
}

/* OpenSSL alone: the bundle or its default paths, and the benchmark's root. */
static int load_file(void *store, const nativecerts_options *opts, size_t *skipped)
{
    (void)opts;
    *skipped = 0;
    return X509_STORE_load_file(store, bundle) == 1 && X509_STORE_add_cert(store, root) == 1
               ? NATIVECERTS_OK
               : NATIVECERTS_EINVAL;
}

static int default_paths(void *store, const nativecerts_options *opts, size_t *skipped)
{
    (void)opts;
    *skipped = 0;
    return X509_STORE_set_default_paths(store) == 1 && X509_STORE_add_cert(store, root) == 1
               ? NATIVECERTS_OK
               : NATIVECERTS_EINVAL;
}

static void *result_make(void)
{
    return calloc(1, sizeof(nativecerts_result *));
}

static int load_alone(void *slot, const nativecerts_options *opts, size_t *skipped)
{
    *skipped = 0;
    return nativecerts_load(opts, (nativecerts_result **)slot);
}

static void result_drop(void *slot)
{
    nativecerts_result_free(*(nativecerts_result **)slot);
    free(slot);
}

/* ---- the timer ------------------------------------------------------------------- */
/* The median over runs (after 5 to warm up) of s->load into a fresh target, and then
 * (when then is not NULL) of then(target). Exits when a load or a verification fails:
 * a benchmark of failures measures nothing. */
static double median_ready(const bench_stack *s, const nativecerts_options *opts,
                           int (*then)(void *), int runs, size_t *skipped)
{
    double *t = malloc((size_t)runs * sizeof *t);
    for (int i = -5; i < runs; i++) {
        void *target = s->make();
        if (!target) fprintf(stderr, "%s: no target\n", s->name), exit(1);
        double a = now_us();
        int rc = s->load(target, opts, skipped);
        int ok = rc == NATIVECERTS_OK && (!then || then(target));
        double b = now_us();
        s->drop(target);
        if (!ok) fprintf(stderr, "%s: failed (%d)\n", s->name, rc), exit(1);
        if (i >= 0) t[i] = b - a;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double m = t[runs / 2];
    free(t);
    return m;
}

void bench_tls_rows(int runs, const char *bundle_path)
{
    char path[] = "/tmp/ncbench-root.XXXXXX", name[96];
    nativecerts_options *opts;
    size_t skipped;
    bundle = bundle_path;
    make_chain(path);
    if (nativecerts_options_new(&opts) || nativecerts_options_add_file(opts, path) ||
        nativecerts_store_new(opts, &shared))
        exit(1);
    static const bench_stack alone = {"nativecerts_load alone", result_make, load_alone,
                                      result_drop},
                             ossl_lazy = {"OpenSSL lazy adapter", store_make, lazy, store_drop},
                             ossl_eager = {"OpenSSL eager adapter", store_make, eager, store_drop},
                             ossl_file = {"X509_STORE_load_file", store_make, load_file,
                                          store_drop},
                             ossl_default = {"X509_STORE_set_default_paths", store_make,
                                             default_paths, store_drop},
                             ossl_shared = {"OpenSSL lazy from nativecerts_store", store_make,
                                            lazy_shared, store_drop};
    double load = median_ready(&alone, opts, NULL, runs, &skipped);
    double t_lazy = median_ready(&ossl_lazy, opts, NULL, runs, &skipped);
    double t_eager = median_ready(&ossl_eager, opts, NULL, runs, &skipped);
    double t_file = median_ready(&ossl_file, opts, NULL, runs, &skipped);
    double t_default = median_ready(&ossl_default, opts, NULL, runs, &skipped);
    double v_lazy = median_ready(&ossl_lazy, opts, verify, runs, &skipped);
    double v_eager = median_ready(&ossl_eager, opts, verify, runs, &skipped);
    double v_default = median_ready(&ossl_default, opts, verify, runs, &skipped);
    double v_shared = median_ready(&ossl_shared, opts, verify, runs, &skipped);
    /* The verification alone, on a store that holds every root already. */
    X509_STORE *warm = X509_STORE_new();
    if (!warm || nativecerts_openssl_load_store(warm, opts, NULL, NULL) != NATIVECERTS_OK) exit(1);
    double *t = malloc((size_t)runs * sizeof *t);
    for (int i = 0; i < runs; i++) {
        double a = now_us();
        if (!verify(warm)) fprintf(stderr, "the chain does not verify\n"), exit(1);
        t[i] = now_us() - a;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double v_alone = t[runs / 2];
    free(t);
    X509_STORE_free(warm);

    printf("| %-34s | %9s | %-29s |\n", "**TLS libraries: store + bench CA**", "", "");
    row("nativecerts_load alone", load, NULL, 0);
    row("OpenSSL lazy adapter: ready", t_lazy, "of load (target <=1.25)", load);
    row("OpenSSL eager adapter: ready", t_eager, "of load", load);
    row("X509_STORE_load_file(bundle)", t_file, "of load", load);
    row("X509_STORE_set_default_paths", t_default, "of load", load);
    row("verify the chain (all roots parsed)", v_alone, NULL, 0);
    row("OpenSSL eager adapter + verify", v_eager, NULL, 0);
    row("OpenSSL lazy adapter + verify", v_lazy, "of eager (target <=0.15)", v_eager);
    row("set_default_paths + verify", v_default, "of lazy + verify", v_lazy);
    row("lazy from nativecerts_store + verify", v_shared, "of lazy + verify", v_lazy);
    const bench_stack *const stacks[] = {&bench_gnutls,
#ifdef NC_BENCH_MBEDTLS
                                         &bench_mbedtls,
#endif
#ifdef NC_BENCH_WOLFSSL
                                         &bench_wolfssl,
#endif
#ifdef NC_BENCH_BEARSSL
                                         &bench_bearssl,
#endif
#ifdef NC_BENCH_CURL
                                         &bench_curl,
#endif
                                         NULL};
    for (const bench_stack *const *s = stacks; *s; s++) {
        double us = median_ready(*s, opts, NULL, runs, &skipped);
        if (skipped)
            snprintf(name, sizeof name, "%s (%zu skipped)", (*s)->name, skipped);
        else
            snprintf(name, sizeof name, "%s", (*s)->name);
        row(name, us, "of load", load);
    }
    nativecerts_store_free(shared);
    nativecerts_options_free(opts);
    unlink(path);
    X509_free(root);
    X509_free(leaf);
    sk_X509_pop_free(untrusted, X509_free);
}
