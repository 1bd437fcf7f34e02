/* Times after 2038-01-19T03:14:07Z, where a signed 32-bit time_t ends, work on every
 * target: the API carries every time as int64_t seconds, and on 32-bit systems the
 * library and the command are built with 64-bit time_t and file offsets (_TIME_BITS=64,
 * _FILE_OFFSET_BITS=64), so neither the clock nor a file's time stamps stop there. The
 * clock is this program's (the library's calls of time() and timespec_get() are wrapped
 * by the linker: --wrap), set past 2038:
 *
 *   test_dates_after_2038 clock        ctest dates_after_2038_clock: with the validity
 *       filter on and no time given, the load judges at the clock's time: certificates
 *       whose notAfter or notBefore lie past 2038 (UTCTime's 2049, GeneralizedTime's
 *       2050 and 2090-2099) are kept or excluded as the clock passes them
 *   test_dates_after_2038 file-stamps  ctest dates_after_2038_file_stamps: files and a
 *       directory modified in 2100 load like any others (a 32-bit stat() refuses them,
 *       EOVERFLOW), and a store compares their 2100 stamps: it reuses its result while
 *       they are unchanged and reloads when the bundle is replaced a second later
 *   test_dates_after_2038 validity     ctest dates_after_2038_validity: the validity
 *       periods come out exact past 2038 (nativecerts_cert_validity), and an explicit
 *       time past 2038 (nativecerts_options_set_time) judges by them
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "test_support.h"

/* Seconds since 1970-01-01T00:00:00Z. */
#define T2040_01_01 INT64_C(2208988800)
#define T2049_12_31_235959 INT64_C(2524607999) /* utc-2049's notAfter */
#define T2050_01_01 INT64_C(2524608000)        /* gen-2050's notAfter */
#define T2050_06_01 INT64_C(2537654400)
#define T2090_01_01 INT64_C(3786912000) /* not-yet-valid's notBefore */
#define T2095_01_01 INT64_C(3944678400)
#define T2099_01_01 INT64_C(4070908800)        /* not-yet-valid's notAfter */
#define T2099_12_31_235959 INT64_C(4102444799) /* root-a's notAfter */
#define T2100_01_01 INT64_C(4102444800)
#define T2100_01_02 INT64_C(4102531200)

/* The clock the library reads. glibc names the 64-bit functions __time64 and
 * __timespec_get64 on 32-bit systems built with _TIME_BITS=64. */
static int64_t clock_now = T2040_01_01;

time_t __wrap_time(time_t *t);
time_t __wrap___time64(time_t *t);
int __wrap_timespec_get(struct timespec *ts, int base);
int __wrap___timespec_get64(struct timespec *ts, int base);

time_t __wrap_time(time_t *t)
{
    if (t) *t = (time_t)clock_now;
    return (time_t)clock_now;
}
time_t __wrap___time64(time_t *t)
{
    return __wrap_time(t);
}
/* time(), which judges validity, is exactly clock_now. The store's wall clock
 * (timespec_get) runs from clock_now at the pace of the real one: frozen, it would look
 * stepped against the monotonic clock whenever a load takes long (under valgrind), and
 * the store rightly reloads after a step. */
int __wrap_timespec_get(struct timespec *ts, int base)
{
    static int64_t started_ns = -1;
    struct timespec m;
    if (clock_gettime(CLOCK_MONOTONIC, &m) != 0) exit(99);
    int64_t mono = (int64_t)m.tv_sec * 1000000000 + m.tv_nsec;
    if (started_ns < 0) started_ns = mono;
    ts->tv_sec = (time_t)(clock_now + (mono - started_ns) / 1000000000);
    ts->tv_nsec = (long)((mono - started_ns) % 1000000000);
    return base;
}
int __wrap___timespec_get64(struct timespec *ts, int base)
{
    return __wrap_timespec_get(ts, base);
}

static const char *const fixtures[] = {"root-a.pem", "utc-2049.pem", "gen-2050.pem",
                                       "not-yet-valid.pem"};

static nativecerts_options *fixture_options(void)
{
    nativecerts_options *o;
    char path[4300];
    if (nativecerts_options_new(&o) || nativecerts_options_set_skip_platform(o, 1) ||
        nativecerts_options_set_ignore_env(o, 1))
        exit(99);
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", NC_TEST_DATA, fixtures[i]);
        if (nativecerts_options_add_file(o, path)) exit(99);
    }
    return o;
}

/* The verdict on each fixture at the check time: 0 trusted, else the exclusion. */
typedef struct verdicts {
    int64_t at;
    nativecerts_reason root_a, utc_2049, gen_2050, not_yet_valid;
} verdicts;

#define EXPIRED NATIVECERTS_REASON_EXPIRED
#define NOT_YET NATIVECERTS_REASON_NOT_YET_VALID

static const verdicts table[] = {
    {T2040_01_01, 0, 0, 0, NOT_YET},
    {T2049_12_31_235959, 0, 0, 0, NOT_YET},
    {T2050_06_01, 0, EXPIRED, EXPIRED, NOT_YET},
    {T2095_01_01, 0, EXPIRED, EXPIRED, 0},
    {T2100_01_02, EXPIRED, EXPIRED, EXPIRED, EXPIRED},
};

static void check_verdicts(const nativecerts_result *r, const verdicts *v)
{
    const char *names[] = {"root-a.der", "utc-2049.der", "gen-2050.der", "not-yet-valid.der"};
    nativecerts_reason want[] = {v->root_a, v->utc_2049, v->gen_2050, v->not_yet_valid};
    for (int i = 0; i < 4; i++) {
        nativecerts_reason got = nct_excluded_reason(r, names[i]);
        int trusted = nct_find_trusted_fixture(r, names[i]) >= 0;
        if (got != want[i] || trusted != (want[i] == 0)) {
            fprintf(stderr, "at %lld: %s %s, expected %s\n", (long long)v->at, names[i],
                    trusted ? "trusted" : nativecerts_reason_name(got),
                    want[i] ? nativecerts_reason_name(want[i]) : "trusted");
            nct_failures++;
        }
    }
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
}

static void clock_past_2038(void)
{
    nativecerts_options *o = fixture_options();
    if (nativecerts_options_set_skip_expired(o, 1)) exit(99);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        clock_now = table[i].at;
        nativecerts_result *r = nct_load(o);
        check_verdicts(r, &table[i]);
        nativecerts_result_free(r);
    }
    nativecerts_options_free(o);
}

static void validity(void)
{
    static const struct {
        const char *der;
        int64_t not_before, not_after;
    } periods[] = {
        {"root-a.der", INT64_C(1577836800), T2099_12_31_235959},
        {"utc-2049.der", INT64_C(1577836800), T2049_12_31_235959},
        {"gen-2050.der", INT64_C(1577836800), T2050_01_01},
        {"not-yet-valid.der", T2090_01_01, T2099_01_01},
    };
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        size_t len;
        unsigned char *der = nct_fixture(periods[i].der, &len);
        int64_t nb = 0, na = 0;
        CHECK(nativecerts_cert_validity(der, len, &nb, &na) == NATIVECERTS_OK);
        if (nb != periods[i].not_before || na != periods[i].not_after) {
            fprintf(stderr, "%s: %lld..%lld, expected %lld..%lld\n", periods[i].der, (long long)nb,
                    (long long)na, (long long)periods[i].not_before,
                    (long long)periods[i].not_after);
            nct_failures++;
        }
        free(der);
    }
    /* The clock stays in 2040: the explicit time decides. */
    nativecerts_options *o = fixture_options();
    if (nativecerts_options_set_skip_expired(o, 1)) exit(99);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (nativecerts_options_set_time(o, table[i].at)) exit(99);
        nativecerts_result *r = nct_load(o);
        check_verdicts(r, &table[i]);
        nativecerts_result_free(r);
    }
    nativecerts_options_free(o);
}

/* Sets path's access and modification times to t (not following a link). */
static void stamp(const char *path, int64_t t)
{
    struct timespec ts[2] = {{(time_t)t, 0}, {(time_t)t, 0}};
    if (utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW) != 0) {
        perror(path);
        exit(99);
    }
    struct stat st;
    if (lstat(path, &st) != 0 || (int64_t)st.st_mtime != t) {
        fprintf(stderr, "%s: the file system did not keep the time %lld\n", path, (long long)t);
        /* With a 64-bit time_t, a file system that cannot hold the time is this
         * machine's limit; with a 32-bit one, the build's (already a failure). */
        exit(nct_failures ? 1 : nct_skip("this file system cannot hold times past 2038"));
    }
}

static void file_stamps(void)
{
    char root[4096], bundle[4300], dir[4300], entry[4300];
    nct_tmpdir(root, sizeof root);
    snprintf(bundle, sizeof bundle, "%s/etc/ssl/certs/ca-certificates.crt", root);
    snprintf(dir, sizeof dir, "%s/etc/ssl/certs", root);
    snprintf(entry, sizeof entry, "%s/etc/ssl/certs/b.pem", root);
    nct_put_fixture("root-a.pem", bundle);
    nct_put_fixture("root-b.pem", entry);
    stamp(bundle, T2100_01_01);
    stamp(entry, T2100_01_01);
    stamp(dir, T2100_01_01);
    clock_now = T2100_01_02;

    nativecerts_options *o = nct_layout_options(root, "linux");
    if (nativecerts_options_add_dir(o, "/etc/ssl/certs")) exit(99);
    nativecerts_result *r = nct_load(o);
    CHECK(nct_find_trusted_fixture(r, "root-a.der") >= 0);
    CHECK(nct_find_trusted_fixture(r, "root-b.der") >= 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    if (nct_failures) nct_dump(r);
    nativecerts_result_free(r);

    nativecerts_store *s;
    nativecerts_result *first, *again, *after;
    if (nativecerts_store_new(o, &s) || nativecerts_store_get(s, &first) ||
        nativecerts_store_get(s, &again))
        exit(99);
    CHECK(again == first); /* stamps of 2100, a day before the clock: unchanged */
    nct_put_fixture("root-c.pem", bundle);
    stamp(bundle, T2100_01_01 + 1);
    if (nativecerts_store_get(s, &after)) exit(99);
    CHECK(after != first);
    CHECK(nct_find_trusted_fixture(after, "root-c.der") >= 0);
    CHECK(nct_find_trusted_fixture(after, "root-a.der") < 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(after), 0);
    nativecerts_result_free(first);
    nativecerts_result_free(again);
    nativecerts_result_free(after);
    nativecerts_store_free(s);
    nativecerts_options_free(o);
    nct_rmtree(root);
}

int main(int argc, char **argv)
{
    /* Nothing past 2038 can be said with a 32-bit time_t: a build without the
     * definitions fails here, whichever case runs. */
    CHECK(sizeof(time_t) >= 8);
    static const nct_case all[] = {
        {"clock", clock_past_2038},
        {"file-stamps", file_stamps},
        {"validity", validity},
    };
    return nct_main(argc, argv, all, sizeof all / sizeof all[0]);
}
