/* Probe for env_setuid_ignored.sh: loads with the root layout given as argv[1] (profile
 * "linux", environment NOT ignored) and prints, on one line,
 *
 *   ruid=<uid> euid=<euid> rgid=<gid> egid=<egid> mode=<platform|environment|explicit>
 * file_status=<status> dir_status=<status> trusted=<count> errors=<count>
 *
 * so that the script can tell whether the setuid bit took effect at all (euid, egid) before it
 * judges what the library did with SSL_CERT_FILE / SSL_CERT_DIR. It uses only the public
 * API. Exit status: 0 when it could load, 1 otherwise. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/options.h" /* env_in_root */

#include "nativecerts.h"

/* Sanitizer builds (clang -fsanitize=address,undefined): the probe keeps every check of
 * AddressSanitizer and UBSan in its set-id runs, but the leak check at exit needs to
 * ptrace the process, which the kernel refuses to a set-id process that is not root
 * (it is not dumpable): LeakSanitizer would die with a "fatal error" and fail the run
 * for no fault of the library. ASAN_OPTIONS cannot turn it off there (the runtime
 * ignores the environment in a secure-execution process), so the probe does, only when
 * its ids differ; the control run as a plain program keeps the leak check. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
    return getuid() != geteuid() || getgid() != getegid();
}

static const char *mode_name(nativecerts_mode mode)
{
    const char *name = nativecerts_mode_name(mode);
    return name ? name : "?";
}

static const char *var_status(const nativecerts_result *r, const char *var)
{
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_ENV_VAR &&
            strcmp(nativecerts_result_source_name(r, i), var) == 0)
            return nativecerts_source_status_name(nativecerts_result_source_status(r, i));
    return "(none)";
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ROOT\n", argv[0]);
        return 1;
    }
    nativecerts_options *o;
    nativecerts_result *r;
    if (nativecerts_options_new(&o) || nativecerts_options_set_root(o, argv[1]) ||
        nativecerts_options_set_profile(o, "linux"))
        return 1;
    o->env_in_root = 1; /* the variables name files of the generated root */
    int rc = nativecerts_load(o, &r);
    nativecerts_options_free(o);
    if (rc) return 1;
    printf("ruid=%ld euid=%ld rgid=%ld egid=%ld mode=%s file_status=%s dir_status=%s "
           "trusted=%zu errors=%zu\n",
           (long)getuid(), (long)geteuid(), (long)getgid(), (long)getegid(),
           mode_name(nativecerts_result_mode(r)), var_status(r, "SSL_CERT_FILE"),
           var_status(r, "SSL_CERT_DIR"), nativecerts_result_count(r),
           nativecerts_result_error_count(r));
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "probe: error %s\n", nativecerts_result_error_message(r, i));
    nativecerts_result_free(r);
    return 0;
}
