/* The contract every adapter shares (include/nativecerts/adapter.h), held against the
 * real TLS library, one program per stack (stack_<name>.c says how to ask the stack what
 * it trusts). Cases:
 *
 *   null_target_is_einval      a NULL target, or a NULL result to add: EINVAL, and
 *                              *result NULL, *skipped 0
 *   result_carries_errors      the result handed back holds the load's errors and the
 *                              certificates; the target trusts them
 *   holds_every_root_or_skips  on every fixture (unusual names, trust rules, validity):
 *                              the target trusts each certificate of the result but the
 *                              ones counted in *skipped
 *   adding_again_keeps_them    adding the same result to the same target once more
 *   machine_store              the same on this machine's store (skips when it is empty) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nativecerts.h"
#include "stack.h"
#include "test_support.h"

/* Options that load only the given files and directories (NULL-terminated, below
 * tests/data; names ending in "/" are directories). */
static nativecerts_options *fixture_options(const char *const *paths)
{
    nativecerts_options *o = NULL;
    char path[4096];
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) exit(1);
    nativecerts_options_set_skip_platform(o, 1);
    for (; *paths; paths++) {
        size_t n = strlen(*paths);
        snprintf(path, sizeof path, "%s/%s", NC_TEST_DATA, *paths);
        if ((*paths)[n - 1] == '/')
            CHECK(nativecerts_options_add_dir(o, path) == NATIVECERTS_OK);
        else
            CHECK(nativecerts_options_add_file(o, path) == NATIVECERTS_OK);
    }
    return o;
}

/* How many certificates of r the open target trusts. */
static size_t count_held(const nativecerts_result *r)
{
    size_t held = 0;
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        if (stack_holds(der, len)) held++;
    }
    return held;
}

static void null_target_is_einval(void)
{
    nativecerts_result *r = (nativecerts_result *)&r; /* not NULL: must be cleared */
    size_t skipped = 99;
    static const char *const files[] = {"certs/root-a.pem", NULL};
    nativecerts_options *o = fixture_options(files);
    CHECK(stack_load_null(o, &r, &skipped) == NATIVECERTS_EINVAL);
    CHECK(r == NULL);
    CHECK_EQ_SIZE(skipped, 0);
    stack_open();
    skipped = 99;
    CHECK(stack_add(NULL, &skipped) == NATIVECERTS_EINVAL);
    CHECK_EQ_SIZE(skipped, 0);
    /* result and skipped may be NULL. */
    CHECK(stack_load(o, NULL, NULL) == NATIVECERTS_OK);
    stack_close();
    nativecerts_options_free(o);
}

static void result_carries_errors(void)
{
    static const char *const files[] = {"certs/root-a.pem", "certs/no-such-file.pem", NULL};
    nativecerts_options *o = fixture_options(files);
    nativecerts_result *r = NULL;
    size_t skipped = 99, len;
    stack_open();
    CHECK(stack_load(o, &r, &skipped) == NATIVECERTS_OK);
    CHECK(r != NULL);
    if (r) {
        CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
        CHECK(nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_IO);
        CHECK_EQ_SIZE(skipped, 0);
        const unsigned char *der = nativecerts_result_der(r, 0, &len);
        CHECK(nct_is_fixture(der, len, "root-a.der"));
        CHECK(stack_holds(der, len));
    }
    stack_close();
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

/* Loads with o into a fresh target: each certificate of the result is trusted, but for
 * the ones skipped. Returns the result (the caller frees it), or NULL. */
static nativecerts_result *load_and_check(const nativecerts_options *o)
{
    nativecerts_result *r = NULL;
    size_t skipped = 99;
    stack_open();
    CHECK(stack_load(o, &r, &skipped) == NATIVECERTS_OK);
    if (r) {
        size_t count = nativecerts_result_count(r), held = count_held(r);
        fprintf(stderr, "%s: %zu certificates, %zu trusted, %zu skipped\n", stack_name, count, held,
                skipped);
        CHECK_EQ_SIZE(held + skipped, count);
    }
    stack_close();
    return r;
}

static void holds_every_root_or_skips(void)
{
    static const char *const dirs[] = {"certs/", "names/", NULL};
    nativecerts_options *o = fixture_options(dirs);
    nativecerts_result *r = load_and_check(o);
    CHECK(r && nativecerts_result_count(r) > 10);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

static void adding_again_keeps_them(void)
{
    static const char *const dirs[] = {"certs/", NULL};
    nativecerts_options *o = fixture_options(dirs);
    nativecerts_result *r = NULL;
    size_t first = 99, second = 99;
    stack_open();
    CHECK(stack_load(o, &r, &first) == NATIVECERTS_OK);
    CHECK(r && stack_add(r, &second) == NATIVECERTS_OK);
    CHECK_EQ_SIZE(second, first);
    if (r) CHECK_EQ_SIZE(count_held(r) + first, nativecerts_result_count(r));
    stack_close();
    nativecerts_result_free(r);
    nativecerts_options_free(o);
}

static void machine_store(void)
{
    nativecerts_options *o = NULL;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) exit(1);
    nativecerts_options_set_ignore_env(o, 1); /* this machine may export SSL_CERT_* */
    nativecerts_result *r = load_and_check(o);
    size_t count = r ? nativecerts_result_count(r) : 0;
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    if (count == 0 && nct_failures == 0) exit(nct_skip("this machine's store is empty"));
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"null_target_is_einval", null_target_is_einval},
        {"result_carries_errors", result_carries_errors},
        {"holds_every_root_or_skips", holds_every_root_or_skips},
        {"adding_again_keeps_them", adding_again_keeps_them},
        {"machine_store", machine_store},
    };
    return nct_main(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
