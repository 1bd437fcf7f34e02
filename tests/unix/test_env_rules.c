/* docs/environment.md: SSL_CERT_FILE / SSL_CERT_DIR follow rustls-native-certs 0.8.4 exactly.
 *
 * The rules are one table of cases, run in a loop. The "platform store" is a fake one
 * under a root directory (its bundle holds root-c), so that the platform and the
 * environment can be told apart and no count of this machine's roots is assumed. The
 * variables' paths are resolved inside the root too. The table runs three times: with
 * the root resolved by the kernel (openat2), resolved by hand (the fallback of systems
 * without openat2), and without a root at all (host paths, environment cases only: the
 * host's own platform store is not ours to count).
 *
 *   test_env_rules table          ctest env_rules
 *   test_env_rules ignore-option  ctest env_ignored_by_option
 *   test_env_rules skip-platform  ctest env_skip_platform_explicit
 *   test_env_rules options-added  ctest env_options_added
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/options.h" /* resolve_by_hand: the test hook of the fallback resolver */
#include "test_support.h"

enum { FX_A = 1, FX_B = 2, FX_C = 4 };
static const char *const fixture_der[] = {"root-a.der", "root-b.der", "root-c.der"};

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

typedef struct exp_error {
    nativecerts_error_kind kind; /* 0 ends the list */
    long err;
    const char *path;   /* inside the root; "" for SSL_CERT_FILE= */
    const char *origin; /* origin of the source the error belongs to */
} exp_error;

typedef struct env_case {
    const char *name;
    const char *file; /* SSL_CERT_FILE, NULL = unset */
    const char *dir;  /* SSL_CERT_DIR, NULL = unset */
    nativecerts_mode mode;
    unsigned trusted;                     /* FX_* of exactly the certificates returned */
    const char *file_status, *dir_status; /* of the variables' own source entries */
    exp_error errors[3];
} env_case;

#define PLATFORM NATIVECERTS_MODE_PLATFORM
#define ENVIRON NATIVECERTS_MODE_ENVIRONMENT
#define IO NATIVECERTS_ERROR_IO
#define F "SSL_CERT_FILE"
#define D "SSL_CERT_DIR"

/* The layout (under the root): the platform bundle holds root-c; /env/a.pem root-a;
 * /env/dir-b/ root-b; /env/dir-a/ root-a; /env/empty/ nothing. */
/* clang-format off */
static const env_case cases[] = {
    /* name, SSL_CERT_FILE, SSL_CERT_DIR, mode, trusted, file var, dir var, errors */
    {"both unset: platform store",
     NULL, NULL, PLATFORM, FX_C, "missing", "missing", {{0}}},
    {"FILE set: only it",
     "/env/a.pem", NULL, ENVIRON, FX_A, "used", "missing", {{0}}},
    {"FILE= (empty): error for '', no fallback",
     "", NULL, ENVIRON, 0, "used", "missing", {{IO, ENOENT, "", F}}},
    {"DIR= (empty): platform",
     NULL, "", PLATFORM, FX_C, "missing", "empty", {{0}}},
    {"DIR=: (only a separator): platform",
     NULL, ":", PLATFORM, FX_C, "missing", "empty", {{0}}},
    {"DIR=::: platform",
     NULL, ":::", PLATFORM, FX_C, "missing", "empty", {{0}}},
    {"DIR one good dir",
     NULL, "/env/dir-b", ENVIRON, FX_B, "missing", "used", {{0}}},
    {"DIR empty entries ignored",
     NULL, ":/env/dir-b::", ENVIRON, FX_B, "missing", "used", {{0}}},
    {"DIR two dirs, in order",
     NULL, "/env/dir-b:/env/dir-a", ENVIRON, FX_A | FX_B, "missing", "used", {{0}}},
    {"DIR=/nope:/good",
     NULL, "/nope:/env/dir-b", ENVIRON, FX_B, "missing", "used", {{IO, ENOENT, "/nope", D}}},
    {"FILE=/nope: nothing, no fallback",
     "/nope", NULL, ENVIRON, 0, "used", "missing", {{IO, ENOENT, "/nope", F}}},
    {"FILE names a directory (kind io: not a size limit)",
     "/env/dir-b", NULL, ENVIRON, 0, "used", "missing", {{IO, EISDIR, "/env/dir-b", F}}},
    {"FILE under a file: still an error when named",
     "/env/a.pem/x", NULL, ENVIRON, 0, "used", "missing", {{IO, ENOTDIR, "/env/a.pem/x", F}}},
    {"DIR names a file",
     NULL, "/env/a.pem", ENVIRON, 0, "missing", "used", {{IO, ENOTDIR, "/env/a.pem", D}}},
    {"DIR names an empty dir: nothing, no error",
     NULL, "/env/empty", ENVIRON, 0, "missing", "used", {{0}}},
    {"both set, both good",
     "/env/a.pem", "/env/dir-b", ENVIRON, FX_A | FX_B, "used", "used", {{0}}},
    {"both set, dir broken",
     "/env/a.pem", "/nope", ENVIRON, FX_A, "used", "used", {{IO, ENOENT, "/nope", D}}},
    {"both set, file broken",
     "/nope", "/env/dir-b", ENVIRON, FX_B, "used", "used", {{IO, ENOENT, "/nope", F}}},
    {"both broken: two errors, the file's first",
     "/nope-file", "/nope-dir", ENVIRON, 0, "used", "used",
     {{IO, ENOENT, "/nope-file", F}, {IO, ENOENT, "/nope-dir", D}}},
    {"FILE= with DIR=: the empty file still selects",
     "", "", ENVIRON, 0, "used", "empty", {{IO, ENOENT, "", F}}},
    {"FILE= with a good DIR",
     "", "/env/dir-b", ENVIRON, FX_B, "used", "used", {{IO, ENOENT, "", F}}},
};
/* clang-format on */

typedef enum run_mode { RUN_ROOT_KERNEL, RUN_ROOT_BY_HAND, RUN_HOST } run_mode;
static const char *const run_mode_name[] = {"root (kernel)", "root (by hand)", "host paths"};

static char root[4096];
static unsigned char *der[3];
static size_t der_len[3];

static void make_layout(void)
{
    char p[4200];
    nct_tmpdir(root, sizeof root);
    snprintf(p, sizeof p, "%s" BUNDLE, root);
    nct_put_fixture("root-c.pem", p);
    snprintf(p, sizeof p, "%s/env/a.pem", root);
    nct_put_fixture("root-a.pem", p);
    snprintf(p, sizeof p, "%s/env/dir-b/b.pem", root);
    nct_put_fixture("root-b.pem", p);
    snprintf(p, sizeof p, "%s/env/dir-a/a.pem", root);
    nct_put_fixture("root-a.pem", p);
    snprintf(p, sizeof p, "%s/env/empty", root);
    nct_mkdir(p);
    for (int i = 0; i < 3; i++)
        der[i] = nct_fixture(fixture_der[i], &der_len[i]);
}

/* A host path for a path of the layout ("" stays ""). */
static void host_path(char *out, size_t n, const char *p)
{
    snprintf(out, n, "%s%s", *p ? root : "", p);
}

/* The host form of a ':'-separated list: each non-empty entry prefixed with the root. */
static void host_list(char *out, size_t n, const char *list)
{
    size_t len = 0;
    out[0] = '\0';
    for (const char *s = list;;) {
        const char *end = strchr(s, ':');
        size_t l = end ? (size_t)(end - s) : strlen(s);
        if (l) len += (size_t)snprintf(out + len, n - len, "%s%.*s", root, (int)l, s);
        if (!end) break;
        len += (size_t)snprintf(out + len, n - len, ":");
        s = end + 1;
    }
}

static void set_var(const char *name, const char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

static nativecerts_options *options_for(run_mode m)
{
    nativecerts_options *o;
    if (m == RUN_HOST) {
        if (nativecerts_options_new(&o) || nativecerts_options_set_profile(o, "linux")) exit(99);
        return o;
    }
    o = nct_layout_options(root, "linux");
    nativecerts_options_set_ignore_env(o, 0); /* these tests are about the variables, */
    o->env_in_root = 1;                       /* read under the generated root */
    if (m == RUN_ROOT_BY_HAND) o->resolve_by_hand = 1;
    return o;
}

/* The source entry of a variable itself (kind ENV_VAR, name = the variable). */
static long var_source(const nativecerts_result *r, const char *var)
{
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_ENV_VAR &&
            strcmp(nativecerts_result_source_name(r, i), var) == 0)
            return (long)i;
    return -1;
}

static int check_trusted_set(const nativecerts_result *r, unsigned want)
{
    int before = nct_failures;
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        if (!(want & (1u << i))) {
            CHECK(nct_find_trusted(r, der[i], der_len[i]) < 0);
            continue;
        }
        n++;
        CHECK(nct_find_trusted(r, der[i], der_len[i]) >= 0);
    }
    CHECK_EQ_SIZE(nativecerts_result_count(r), n);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
    return nct_failures == before;
}

static void check_var(const nativecerts_result *r, const char *var, const char *value,
                      const char *status)
{
    long s = var_source(r, var);
    CHECK(s >= 0);
    if (s < 0) return;
    CHECK_STR(nativecerts_result_source_origin(r, (size_t)s), var);
    CHECK_STR(nativecerts_source_status_name(nativecerts_result_source_status(r, (size_t)s)),
              status);
    const char *v = nativecerts_result_source_value(r, (size_t)s);
    if (value)
        CHECK_STR(v, value);
    else
        CHECK(v == NULL);
}

static void check_errors(const nativecerts_result *r, const exp_error *want, run_mode m)
{
    size_t n = 0;
    while (n < 3 && want[n].kind)
        n++;
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), n);
    for (size_t i = 0; i < n && i < nativecerts_result_error_count(r); i++) {
        char path[4200], prefix[4300];
        if (m == RUN_HOST)
            host_path(path, sizeof path, want[i].path);
        else
            snprintf(path, sizeof path, "%s", want[i].path);
        CHECK(nativecerts_result_error_kind(r, i) == want[i].kind);
        CHECK(nativecerts_result_error_errno(r, i) == want[i].err);
        CHECK_STR(nativecerts_result_error_path(r, i), path);
        CHECK(nativecerts_result_error_line(r, i) == 0);
        /* The message names the path first; an empty one as ''. */
        snprintf(prefix, sizeof prefix, "%s:", *path ? path : "''");
        const char *msg = nativecerts_result_error_message(r, i);
        CHECK(msg && strncmp(msg, prefix, strlen(prefix)) == 0);
        size_t src = nativecerts_result_error_source(r, i);
        CHECK(src < nativecerts_result_source_count(r));
        if (src < nativecerts_result_source_count(r))
            CHECK_STR(nativecerts_result_source_origin(r, src), want[i].origin);
    }
}

/* In environment mode the profile's places are reported as not used, because of the
 * environment; in platform mode the fake bundle is used. No source of the variables'
 * paths exists unless they selected. */
static void check_profile_sources(const nativecerts_result *r, nativecerts_mode mode)
{
    size_t profile_sources = 0, env_paths = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        const char *origin = nativecerts_result_source_origin(r, i);
        nativecerts_source_status st = nativecerts_result_source_status(r, i);
        if (strcmp(origin, "profile") == 0) {
            profile_sources++;
            if (mode == NATIVECERTS_MODE_ENVIRONMENT)
                CHECK(st == NATIVECERTS_STATUS_IGNORED_ENV);
            else if (strcmp(nativecerts_result_source_name(r, i), BUNDLE) == 0)
                CHECK(st == NATIVECERTS_STATUS_USED);
        } else if (nativecerts_result_source_kind(r, i) != NATIVECERTS_SOURCE_ENV_VAR) {
            env_paths++;
        }
    }
    CHECK(profile_sources > 0);
    if (mode == NATIVECERTS_MODE_PLATFORM) CHECK_EQ_SIZE(env_paths, 0);
}

/* When the variables select, the report lists the paths they named as sources of the
 * variable's origin, in the order of loading: the file first, then each non-empty
 * directory entry in order. */
static void check_path_sources(const nativecerts_result *r, const char *file, const char *dirs)
{
    struct {
        nativecerts_source_kind kind;
        const char *origin;
        char name[4200];
    } want[8];
    size_t nwant = 0;
    if (file) {
        want[nwant].kind = NATIVECERTS_SOURCE_FILE;
        want[nwant].origin = "SSL_CERT_FILE";
        snprintf(want[nwant++].name, sizeof want[0].name, "%s", file);
    }
    for (const char *s = dirs; s && *s && nwant < 8;) {
        const char *end = strchr(s, ':');
        size_t l = end ? (size_t)(end - s) : strlen(s);
        if (l) {
            want[nwant].kind = NATIVECERTS_SOURCE_DIRECTORY;
            want[nwant].origin = "SSL_CERT_DIR";
            snprintf(want[nwant++].name, sizeof want[0].name, "%.*s", (int)l, s);
        }
        s += l + (end ? 1 : 0);
    }
    size_t i = 0, n = nativecerts_result_source_count(r);
    for (size_t k = 0; k < nwant; k++, i++) {
        while (i < n && !(nativecerts_result_source_kind(r, i) == want[k].kind &&
                          strcmp(nativecerts_result_source_origin(r, i), want[k].origin) == 0 &&
                          strcmp(nativecerts_result_source_name(r, i), want[k].name) == 0))
            i++;
        if (i == n) {
            fprintf(stderr, "no %s source \"%s\" in the report, in order\n", want[k].origin,
                    want[k].name);
            nct_failures++;
            return;
        }
    }
}

static int run_table(run_mode m)
{
    int before = nct_failures;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const env_case *t = &cases[k];
        if (m == RUN_HOST && t->mode == NATIVECERTS_MODE_PLATFORM) continue;
        char file[4200], dir[8400];
        const char *fv = t->file, *dv = t->dir;
        if (m == RUN_HOST && fv) host_path(file, sizeof file, fv), fv = file;
        if (m == RUN_HOST && dv) host_list(dir, sizeof dir, dv), dv = dir;
        set_var("SSL_CERT_FILE", fv);
        set_var("SSL_CERT_DIR", dv);

        int case_before = nct_failures;
        nativecerts_options *o = options_for(m);
        nativecerts_result *r = nct_load(o);
        nativecerts_options_free(o);

        CHECK(nativecerts_result_mode(r) == t->mode);
        check_trusted_set(r, t->trusted);
        check_errors(r, t->errors, m);
        check_var(r, "SSL_CERT_FILE", fv, t->file_status);
        check_var(r, "SSL_CERT_DIR", dv, t->dir_status);
        check_profile_sources(r, t->mode);
        if (t->mode == NATIVECERTS_MODE_ENVIRONMENT) check_path_sources(r, fv, dv);
        /* The library reads the environment, it never changes it. */
        const char *fa = getenv("SSL_CERT_FILE"), *da = getenv("SSL_CERT_DIR");
        CHECK(fv ? fa && strcmp(fa, fv) == 0 : fa == NULL);
        CHECK(dv ? da && strcmp(da, dv) == 0 : da == NULL);

        if (nct_failures != case_before) {
            fprintf(stderr, "^^ case \"%s\" [%s] SSL_CERT_FILE=%s%s%s SSL_CERT_DIR=%s%s%s\n",
                    t->name, run_mode_name[m], fv ? "'" : "", fv ? fv : "(unset)", fv ? "'" : "",
                    dv ? "'" : "", dv ? dv : "(unset)", dv ? "'" : "");
            nct_dump(r);
        }
        nativecerts_result_free(r);
    }
    return nct_failures == before;
}

/* ignore_env: the variables are set but the platform store is loaded, and the report
 * says why they were not used. */
static void test_ignore_option(void)
{
    for (int m = RUN_ROOT_KERNEL; m <= RUN_ROOT_BY_HAND; m++) {
        static const char *const files[] = {"/env/a.pem", "", "/nope"};
        for (size_t k = 0; k < 3; k++) {
            setenv("SSL_CERT_FILE", files[k], 1);
            setenv("SSL_CERT_DIR", "/env/dir-b", 1);
            nativecerts_options *o = options_for((run_mode)m);
            CHECK(nativecerts_options_set_ignore_env(o, 1) == NATIVECERTS_OK);
            nativecerts_result *r = nct_load(o);
            nativecerts_options_free(o);
            int before = nct_failures;
            CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
            check_trusted_set(r, FX_C);
            CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
            check_var(r, "SSL_CERT_FILE", files[k], "ignored-option");
            check_var(r, "SSL_CERT_DIR", "/env/dir-b", "ignored-option");
            check_profile_sources(r, NATIVECERTS_MODE_PLATFORM);
            if (nct_failures != before) {
                fprintf(stderr, "^^ ignore_env, SSL_CERT_FILE='%s' [%s]\n", files[k],
                        run_mode_name[m]);
                nct_dump(r);
            }
            nativecerts_result_free(r);
        }
        /* Unset variables stay "missing" even when ignored. */
        unsetenv("SSL_CERT_FILE");
        unsetenv("SSL_CERT_DIR");
        nativecerts_options *o = options_for((run_mode)m);
        nativecerts_options_set_ignore_env(o, 1);
        nativecerts_result *r = nct_load(o);
        nativecerts_options_free(o);
        check_var(r, "SSL_CERT_FILE", NULL, "missing");
        check_var(r, "SSL_CERT_DIR", NULL, "missing");
        check_trusted_set(r, FX_C);
        nativecerts_result_free(r);
    }
}

/* skip_platform: only the options' paths, in mode "explicit", whatever the variables
 * say; the profile's places and the variables are reported as ignored by the options. */
static void test_skip_platform(void)
{
    for (int m = RUN_ROOT_KERNEL; m <= RUN_ROOT_BY_HAND; m++) {
        setenv("SSL_CERT_FILE", "/env/dir-b/b.pem", 1);
        setenv("SSL_CERT_DIR", "/env/dir-b", 1);
        nativecerts_options *o = options_for((run_mode)m);
        CHECK(nativecerts_options_set_skip_platform(o, 1) == NATIVECERTS_OK);
        CHECK(nativecerts_options_add_file(o, "/env/a.pem") == NATIVECERTS_OK);
        nativecerts_result *r = nct_load(o);
        int before = nct_failures;
        CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_EXPLICIT);
        check_trusted_set(r, FX_A);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        check_var(r, "SSL_CERT_FILE", "/env/dir-b/b.pem", "ignored-option");
        check_var(r, "SSL_CERT_DIR", "/env/dir-b", "ignored-option");
        long b = nct_find_source(r, BUNDLE);
        CHECK(b >= 0);
        if (b >= 0)
            CHECK(nativecerts_result_source_status(r, (size_t)b) ==
                  NATIVECERTS_STATUS_IGNORED_OPTION);
        long a = nct_find_source(r, "/env/a.pem");
        CHECK(a >= 0);
        if (a >= 0) {
            CHECK_STR(nativecerts_result_source_origin(r, (size_t)a), "option");
            CHECK(nativecerts_result_source_status(r, (size_t)a) == NATIVECERTS_STATUS_USED);
            CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, (size_t)a), 1);
        }
        if (nct_failures != before) nct_dump(r);
        nativecerts_result_free(r);

        nativecerts_options_free(o);

        /* Nothing added: an empty explicit load, still not an error. */
        o = options_for((run_mode)m);
        nativecerts_options_set_skip_platform(o, 1);
        r = nct_load(o);
        nativecerts_options_free(o);
        CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_EXPLICIT);
        check_trusted_set(r, 0);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        CHECK_EQ_SIZE(nativecerts_result_files_read(r), 0);
        nativecerts_result_free(r);
    }
}

/* Options' paths come in addition to whatever the environment or the platform gives,
 * after them. */
static void test_options_added(void)
{
    for (int m = RUN_ROOT_KERNEL; m <= RUN_ROOT_BY_HAND; m++) {
        setenv("SSL_CERT_FILE", "/env/a.pem", 1);
        unsetenv("SSL_CERT_DIR");
        nativecerts_options *o = options_for((run_mode)m);
        nativecerts_options_add_dir(o, "/env/dir-b");
        nativecerts_result *r = nct_load(o);
        nativecerts_options_free(o);
        int before = nct_failures;
        CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT);
        check_trusted_set(r, FX_A | FX_B);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        long d = nct_find_source(r, "/env/dir-b");
        CHECK(d >= 0);
        if (d >= 0) CHECK_STR(nativecerts_result_source_origin(r, (size_t)d), "option");
        if (nct_failures != before) nct_dump(r);
        nativecerts_result_free(r);

        unsetenv("SSL_CERT_FILE");
        o = options_for((run_mode)m);
        nativecerts_options_add_file(o, "/env/a.pem");
        nativecerts_options_add_file(o, "/nope");
        r = nct_load(o);
        nativecerts_options_free(o);
        before = nct_failures;
        CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
        check_trusted_set(r, FX_A | FX_C);
        /* A path the user named that is absent is an error (a profile candidate is not). */
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
        if (nativecerts_result_error_count(r) == 1) {
            CHECK_STR(nativecerts_result_error_path(r, 0), "/nope");
            CHECK(nativecerts_result_error_errno(r, 0) == ENOENT);
        }
        if (nct_failures != before) nct_dump(r);
        nativecerts_result_free(r);
    }
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "table";
    make_layout();
    if (strcmp(which, "table") == 0) {
        for (int m = RUN_ROOT_KERNEL; m <= RUN_HOST; m++)
            if (!run_table((run_mode)m))
                fprintf(stderr, "== table failed in mode %s\n", run_mode_name[m]);
    } else if (strcmp(which, "ignore-option") == 0) {
        test_ignore_option();
    } else if (strcmp(which, "skip-platform") == 0) {
        test_skip_platform();
    } else if (strcmp(which, "options-added") == 0) {
        test_options_added();
    } else {
        fprintf(stderr, "unknown case %s\n", which);
        return 2;
    }
    nct_rmtree(root);
    for (int i = 0; i < 3; i++)
        free(der[i]);
    return nct_done();
}
