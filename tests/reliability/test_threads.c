/* Concurrency: loads at once from many threads give identical results, and
 * threads sharing one nativecerts_store get results identical to a plain load, also
 * while the store reloads under them. Run under ThreadSanitizer by .ci/steps/tsan.sh
 * (label "threads"), and normally everywhere else.
 *
 *   test_threads loads        ctest threads_identical_loads: THREADS threads, each
 *                             loading the mixed layout ROUNDS times, by the kernel's
 *                             root resolution and by hand, and the default load
 *   test_threads store        ctest threads_shared_store: THREADS threads getting from
 *                             one store (cached, and reloading on every get), reading
 *                             the same shared result at once
 *   test_threads store-swap   ctest threads_store_while_changing: the same while a
 *                             thread swaps a file of the layout between two contents;
 *                             every result is one of the two, never a mix, and the
 *                             last get sees the last state */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand */
#include "tree_builder.h"
#include "result_checks.h"
#include "test_support.h"

#define THREADS 8
#define ROUNDS 20

static char root[4096];
static char *expected[3]; /* kernel resolution, by hand, default load */
static nativecerts_options *opts[3];
static atomic_int mismatches;

static void *load_many(void *arg)
{
    (void)arg;
    for (int round = 0; round < ROUNDS; round++) {
        int which = round % 3;
        nativecerts_result *r = NULL;
        if (nativecerts_load(opts[which], &r) != NATIVECERTS_OK) {
            atomic_fetch_add(&mismatches, 1);
            continue;
        }
        char *fp = rel_fingerprint(r);
        if (strcmp(fp, expected[which]) != 0) atomic_fetch_add(&mismatches, 1);
        free(fp);
        nativecerts_result_free(r);
    }
    return NULL;
}

static void run_threads(void *(*fn)(void *), void *arg)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, fn, arg) != 0) exit(99);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
}

static nativecerts_options *layout_options(int by_hand)
{
    nativecerts_options *o = nct_layout_options(root, "freebsd");
    o->resolve_by_hand = by_hand;
    nativecerts_options_add_file(o, "/opt/extra/a.pem");
    nativecerts_options_add_dir(o, "/opt/extradir");
    return o;
}

static int loads(void)
{
    nct_tmpdir(root, sizeof root);
    rel_make_mixed_layout(root);
    opts[0] = layout_options(0);
    opts[1] = layout_options(1);
    opts[2] = NULL; /* the machine's own store, environment and all */
    for (int i = 0; i < 3; i++) {
        nativecerts_result *r = nct_load(opts[i]);
        expected[i] = rel_fingerprint(r);
        if (i < 2) CHECK(nativecerts_result_count(r) > 0);
        nativecerts_result_free(r);
    }
    CHECK_STR(expected[1], expected[0]); /* both resolvers agree */
    run_threads(load_many, NULL);
    CHECK(atomic_load(&mismatches) == 0);
    printf("threads: %d threads x %d loads, %d results differed\n", THREADS, ROUNDS,
           atomic_load(&mismatches));
    for (int i = 0; i < 3; i++) {
        free(expected[i]);
        nativecerts_options_free(opts[i]);
    }
    nct_rmtree(root);
    return nct_done();
}

/* --- one store, many threads ------------------------------------------------------ */

static nativecerts_store *store;
static const char *accept[2]; /* fingerprints a get may return */
static atomic_int stop, gets;

static void *get_many(void *arg)
{
    int rounds = *(const int *)arg;
    for (int i = 0; rounds ? i < rounds : !atomic_load(&stop); i++) {
        nativecerts_result *r = NULL;
        if (nativecerts_store_get(store, &r) != NATIVECERTS_OK || !r) {
            atomic_fetch_add(&mismatches, 1);
            continue;
        }
        char *fp = rel_fingerprint(r);
        if (strcmp(fp, accept[0]) != 0 && (!accept[1] || strcmp(fp, accept[1]) != 0)) {
            fprintf(stderr, "unexpected result:\n%s\n", fp);
            atomic_fetch_add(&mismatches, 1);
        }
        free(fp);
        nativecerts_result_free(r);
        atomic_fetch_add(&gets, 1);
    }
    return NULL;
}

static char *fingerprint_of(const nativecerts_options *o)
{
    nativecerts_result *r = nct_load(o);
    char *fp = rel_fingerprint(r);
    nativecerts_result_free(r);
    return fp;
}

static int shared_store(void)
{
    nct_tmpdir(root, sizeof root);
    rel_make_mixed_layout(root);
    nativecerts_options *o = layout_options(0);
    char *fp = fingerprint_of(o);
    accept[0] = fp;
    accept[1] = NULL;
    int rounds = ROUNDS;
    for (int max_age = 0; max_age <= 300; max_age += 300) {
        CHECK(nativecerts_store_new(o, &store) == NATIVECERTS_OK);
        CHECK(nativecerts_store_set_max_age(store, max_age) == NATIVECERTS_OK);
        run_threads(get_many, &rounds);
        nativecerts_store_free(store);
    }
    /* One shared result read by every thread at once, outliving the store. */
    CHECK(nativecerts_store_new(o, &store) == NATIVECERTS_OK);
    run_threads(get_many, &rounds);
    nativecerts_store_free(store);
    CHECK(atomic_load(&mismatches) == 0);
    printf("threads: %d threads x %d gets x 3 stores, %d results differed\n", THREADS, rounds,
           atomic_load(&mismatches));
    free(fp);
    nativecerts_options_free(o);
    nct_rmtree(root);
    return nct_done();
}

static int store_swap(void)
{
    nct_tmpdir(root, sizeof root);
    rel_make_mixed_layout(root);
    nativecerts_options *o = layout_options(0);
    char path[4400], next[4400];
    snprintf(path, sizeof path, "%s/etc/ssl/certs/swap.pem", root);
    snprintf(next, sizeof next, "%s/swap.tmp", root); /* outside every loaded place */
    /* The two states differ by one file's content: root-a or root-c (untrusted). */
    nct_put_fixture("root-a.pem", path);
    char *fp_a = fingerprint_of(o);
    nct_put_fixture("not-yet-valid.pem", path);
    char *fp_b = fingerprint_of(o);
    CHECK(strcmp(fp_a, fp_b) != 0);
    accept[0] = fp_a;
    accept[1] = fp_b;
    CHECK(nativecerts_store_new(o, &store) == NATIVECERTS_OK);
    CHECK(nativecerts_store_set_max_age(store, 0) == NATIVECERTS_OK);
    atomic_store(&stop, 0);
    int forever = 0;
    pthread_t readers[THREADS];
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&readers[i], NULL, get_many, &forever) != 0) exit(99);
    /* The writer: whole files renamed into place, as update-ca-certificates does. */
    int swaps = 0;
    for (double end = rel_now() + 1.0; rel_now() < end || atomic_load(&gets) < THREADS; swaps++) {
        nct_put_fixture(swaps % 2 ? "root-a.pem" : "not-yet-valid.pem", next);
        if (rename(next, path) != 0) exit(99);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < THREADS; i++)
        pthread_join(readers[i], NULL);
    /* The last state: what a get returns now that nothing changes any more. */
    nativecerts_result *r = NULL;
    CHECK(nativecerts_store_get(store, &r) == NATIVECERTS_OK);
    char *last = r ? rel_fingerprint(r) : NULL;
    CHECK_STR(last, (swaps - 1) % 2 ? fp_a : fp_b);
    free(last);
    nativecerts_result_free(r);
    nativecerts_store_free(store);
    CHECK(atomic_load(&mismatches) == 0);
    printf("threads: %d readers, %d gets during %d swaps, %d results differed\n", THREADS,
           atomic_load(&gets), swaps, atomic_load(&mismatches));
    free(fp_a);
    free(fp_b);
    nativecerts_options_free(o);
    nct_rmtree(root);
    return nct_done();
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "loads")) return loads();
    if (!strcmp(c, "store")) return shared_store();
    if (!strcmp(c, "store-swap")) return store_swap();
    fprintf(stderr, "usage: %s loads|store|store-swap\n", argv[0]);
    return 2;
}
