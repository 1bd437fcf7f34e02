/* openssl_lazy — the lazy OpenSSL store (nativecerts_openssl_add_store_lazy) against the
 * eager one (nativecerts_openssl_add_store), on one chain: both stores are made from the
 * same result, the chain is verified on each as a TLS client verifies a server
 * (X509_STORE_CTX, purpose ssl_server), and everything OpenSSL says must be the same:
 * the return value, the error, its depth, and the chain built, certificate by
 * certificate. lazy_vs_eager.sh makes the chains with the openssl command.
 *
 *   openssl_lazy [OPTION...] ROOTS CHAIN EXPECT
 *
 * ROOTS is the only file nativecerts loads; CHAIN holds the server's certificate, then
 * the untrusted intermediates it sends. EXPECT is the eager store's outcome, "ok" or the
 * X509_V_ERR number, so that two stores failing alike for another reason fail the test;
 * "any" when the case is about the two agreeing whatever OpenSSL decides. Options:
 *   --time T          verify at T (seconds since 1970), nativecerts' check time too
 *   --skip-expired    nativecerts leaves out roots expired at that time
 *   --parsed N        the lazy store must hold exactly N roots afterwards: the ones of
 *                     the names the verification asked for, and no other
 *   --threads N       verify on one lazy store from N threads at once, each twice
 * Prints both outcomes; exits 0 when they agree and meet the expectations, 1 if not. */
#include <nativecerts/openssl.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>

typedef struct outcome {
    int rc, error, depth;
    size_t length;
    char chain[8][128]; /* subject and the first bytes of SHA-256, per certificate */
} outcome;

static X509 *leaf;
static STACK_OF(X509) * untrusted;
static int64_t at = -1;

static int read_chain(const char *path)
{
    FILE *f = fopen(path, "r");
    X509 *x;
    if (!f) return perror(path), 0;
    untrusted = sk_X509_new_null();
    while ((x = PEM_read_X509(f, NULL, NULL, NULL)))
        if (!leaf)
            leaf = x;
        else
            sk_X509_push(untrusted, x);
    fclose(f);
    ERR_clear_error();
    return leaf != NULL;
}

static void describe(X509 *x, char *out, size_t n)
{
    unsigned char md[32];
    unsigned int len = 0;
    char subject[96];
    X509_NAME_oneline(X509_get_subject_name(x), subject, sizeof subject);
    X509_digest(x, EVP_sha256(), md, &len);
    snprintf(out, n, "%s %02x%02x%02x%02x", subject, md[0], md[1], md[2], md[3]);
}

static outcome verify(X509_STORE *store)
{
    outcome o;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    memset(&o, 0, sizeof o);
    if (!ctx || !X509_STORE_CTX_init(ctx, store, leaf, untrusted) ||
        !X509_STORE_CTX_set_default(ctx, "ssl_server"))
        exit(99);
    if (at >= 0) X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), (time_t)at);
    o.rc = X509_verify_cert(ctx);
    o.error = X509_STORE_CTX_get_error(ctx);
    o.depth = X509_STORE_CTX_get_error_depth(ctx);
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
    for (int i = 0; chain && i < sk_X509_num(chain) && o.length < 8; i++)
        describe(sk_X509_value(chain, i), o.chain[o.length++], sizeof o.chain[0]);
    X509_STORE_CTX_free(ctx);
    ERR_clear_error();
    return o;
}

static void print(const char *name, const outcome *o)
{
    printf("%s: rc %d, error %d (%s), depth %d, chain of %zu\n", name, o->rc, o->error,
           X509_verify_cert_error_string(o->error), o->depth, o->length);
    for (size_t i = 0; i < o->length; i++)
        printf("  %zu %s\n", i, o->chain[i]);
}

static int same(const outcome *a, const outcome *b)
{
    if (a->rc != b->rc || a->error != b->error || a->depth != b->depth || a->length != b->length)
        return 0;
    for (size_t i = 0; i < a->length; i++)
        if (strcmp(a->chain[i], b->chain[i]) != 0) return 0;
    return 1;
}

typedef struct job {
    X509_STORE *store;
    const outcome *want;
    int failed;
} job;

static void *verify_twice(void *arg)
{
    job *j = arg;
    for (int k = 0; k < 2; k++) {
        outcome o = verify(j->store);
        if (!same(&o, j->want)) j->failed = 1;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int skip_expired = 0, threads = 0, i = 1, status = 0;
    long parsed = -1;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        if (!strcmp(argv[i], "--time") && i + 1 < argc)
            at = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--skip-expired"))
            skip_expired = 1;
        else if (!strcmp(argv[i], "--parsed") && i + 1 < argc)
            parsed = atol(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atoi(argv[++i]);
        else
            break;
    }
    if (argc - i != 3) {
        fprintf(stderr, "usage: %s [OPTION...] ROOTS CHAIN EXPECT\n", argv[0]);
        return 2;
    }
    const char *roots = argv[i], *expect = argv[i + 2];
    if (!read_chain(argv[i + 1])) return fprintf(stderr, "no certificate in the chain\n"), 99;

    nativecerts_options *opts;
    nativecerts_result *r;
    if (nativecerts_options_new(&opts) != NATIVECERTS_OK) return 99;
    nativecerts_options_set_skip_platform(opts, 1);
    nativecerts_options_add_file(opts, roots);
    nativecerts_options_set_skip_expired(opts, skip_expired);
    if (at >= 0) nativecerts_options_set_time(opts, at);
    if (nativecerts_load(opts, &r) != NATIVECERTS_OK) return 99;
    printf("nativecerts: %zu roots, %zu excluded\n", nativecerts_result_count(r),
           nativecerts_result_excluded_count(r));

    X509_STORE *eager = X509_STORE_new(), *lazy = X509_STORE_new();
    size_t skipped = 1;
    if (!eager || !lazy || nativecerts_openssl_add_store(eager, r, NULL) != NATIVECERTS_OK ||
        nativecerts_openssl_add_store_lazy(lazy, r, &skipped) != NATIVECERTS_OK || skipped != 0)
        return fprintf(stderr, "cannot set up the stores\n"), 99;
    /* The lazy store keeps its own reference: the caller's may go at once. */
    nativecerts_result_free(r);
    nativecerts_options_free(opts);
    if (sk_X509_OBJECT_num(X509_STORE_get0_objects(lazy)) != 0)
        status = 1, printf("FAIL: the lazy store parsed roots before any verification\n");

    outcome e = verify(eager), l;
    print("eager", &e);
    if (threads > 0) {
        pthread_t t[64];
        job jobs[64];
        if (threads > 64) threads = 64;
        for (int k = 0; k < threads; k++) {
            jobs[k] = (job){lazy, &e, 0};
            if (pthread_create(&t[k], NULL, verify_twice, &jobs[k]) != 0) return 99;
        }
        for (int k = 0; k < threads; k++) {
            pthread_join(t[k], NULL);
            if (jobs[k].failed) status = 1, printf("FAIL: thread %d verified otherwise\n", k);
        }
    }
    l = verify(lazy);
    print("lazy", &l);
    if (!same(&e, &l)) status = 1, printf("FAIL: the lazy store verifies otherwise\n");

    if (strcmp(expect, "any") != 0) {
        int want_ok = !strcmp(expect, "ok");
        if (want_ok ? e.rc != 1 : e.rc == 1 || e.error != atoi(expect))
            status = 1, printf("FAIL: expected %s\n", expect);
    }
    int held = sk_X509_OBJECT_num(X509_STORE_get0_objects(lazy));
    printf("lazy store: parsed %d roots\n", held);
    if (parsed >= 0 && held != parsed)
        status = 1, printf("FAIL: expected %ld roots parsed\n", parsed);
    X509_STORE_free(eager);
    X509_STORE_free(lazy);
    X509_free(leaf);
    sk_X509_pop_free(untrusted, X509_free);
    return status;
}
