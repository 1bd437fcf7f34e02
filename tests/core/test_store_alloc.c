/* nativecerts_store under allocation failure: this binary is linked with
 * -Wl,--wrap=malloc,calloc,realloc,free,fdopendir, so that every allocation the
 * library makes fails in turn. A get that fails returns NATIVECERTS_ENOMEM; a get that
 * succeeds although an allocation of its watch failed (and every one after it) must not
 * take its result as watched: the next get loads again, even with the maximum age at
 * INT64_MAX. Nothing leaks.
 *   test_store_alloc watch_failure_reloads */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "test_support.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
DIR *__real_fdopendir(int fd);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
DIR *__wrap_fdopendir(int fd);

static int armed;    /* inject only inside a get */
static long calls;   /* allocation calls while armed */
static long fail_at; /* fail this call and every one after it (0: none) */

static int should_fail(void)
{
    if (!armed) return 0;
    calls++;
    return fail_at && calls >= fail_at;
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    return should_fail() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    __real_free(p);
}

DIR *__wrap_fdopendir(int fd)
{
    return should_fail() ? NULL : __real_fdopendir(fd);
}

static char root[4096];

static nativecerts_store *new_store(void)
{
    nativecerts_options *o = nct_layout_options(root, "freebsd");
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    CHECK(nativecerts_store_set_max_age(s, INT64_MAX) == 0);
    nativecerts_options_free(o);
    return s;
}

static int get_failing_from(nativecerts_store *s, long n, nativecerts_result **r)
{
    calls = 0;
    fail_at = n;
    armed = 1;
    int rc = nativecerts_store_get(s, r);
    armed = 0;
    return rc;
}

static void watch_failure_reloads(void)
{
    char path[4300];
    static const char *const files[][2] = {{"root-a.pem", "/etc/ssl/cert.pem"},
                                           {"root-c.pem", "/etc/ssl/certs/c.pem"},
                                           {"root-b.pem", "/etc/ssl/untrusted/b.pem"}};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", root, files[i][1]);
        nct_put_fixture(files[i][0], path);
    }
    /* Older than the store's recent-change window (fine times: a tenth of a second). */
    struct stat st;
    CHECK(stat(path, &st) == 0);
    struct timespec t =
        st.st_ctim.tv_nsec ? (struct timespec){0, 110000000} : (struct timespec){2, 100000000};
    nanosleep(&t, NULL);
    nativecerts_store *s = new_store();
    nativecerts_result *r = NULL;
    CHECK(get_failing_from(s, 0, &r) == NATIVECERTS_OK);
    long total = calls;
    nativecerts_result_free(r);
    nativecerts_store_free(s);
    CHECK(total > 10);
    long reloaded = 0;
    for (long n = 1; n <= total; n++) {
        s = new_store();
        nativecerts_result *r1 = NULL, *r2 = NULL;
        int rc = get_failing_from(s, n, &r1);
        CHECK(rc == NATIVECERTS_OK || rc == NATIVECERTS_ENOMEM);
        CHECK((rc == NATIVECERTS_OK) == (r1 != NULL));
        if (rc == NATIVECERTS_OK) {
            CHECK(nativecerts_store_get(s, &r2) == NATIVECERTS_OK);
            CHECK(r2 != r1);
            reloaded++;
        }
        nativecerts_result_free(r1);
        nativecerts_result_free(r2);
        nativecerts_store_free(s);
    }
    printf("store-alloc: %ld allocations in a get, %ld failed after the load\n", total, reloaded);
    CHECK(reloaded > 0);
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {{"watch_failure_reloads", watch_failure_reloads}};
    nct_tmpdir(root, sizeof root);
    int rc = nct_main(argc, argv, cases, 1);
    nct_rmtree(root);
    return rc;
}
