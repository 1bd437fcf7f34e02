/* nativecerts_load: environment or platform store, then the options' paths, then the
 * decisions of finish.c. Each step is reported as sources. */
#include <stdlib.h>
#include <time.h>

#include "core/backend.h"
#include "core/collect_state.h"
#include "core/env.h"
#include "core/finish.h"

int nativecerts_load(const nativecerts_options *opts, nativecerts_result **out)
{
    if (!out) return NATIVECERTS_EINVAL;
    *out = NULL;
    nativecerts_options defaults;
    if (!opts) {
        nc__options_defaults(&defaults);
        opts = &defaults;
    }
    const nc__profile *profile = opts->profile ? opts->profile : nc__profile_builtin();

    nc__collect c;
    nc__collect_init(&c);
    nc__backend *b = nc__backend_open(&c, opts);
    nativecerts_mode mode = NATIVECERTS_MODE_PLATFORM;
    if (b) {
        if (opts->skip_platform) {
            mode = NATIVECERTS_MODE_EXPLICIT;
            nc__env_load(&c, b, 1);
            nc__backend_report_unused(b, profile, NATIVECERTS_STATUS_IGNORED_OPTION);
        } else if (nc__env_load(&c, b, opts->ignore_env || (opts->root && !opts->env_in_root))) {
            /* With a root directory, the variables describe this machine, not the image:
             * never read there (the image's own store, distrust included, is loaded). */
            mode = NATIVECERTS_MODE_ENVIRONMENT;
            nc__backend_report_unused(b, profile, NATIVECERTS_STATUS_IGNORED_ENV);
        } else {
            nc__backend_load_store(b, profile);
        }
        for (size_t i = 0; i < opts->npaths && !c.oom; i++) {
            const nc__path_option *p = &opts->paths[i];
            uint32_t s = nc__collect_source(
                &c, p->is_dir ? NATIVECERTS_SOURCE_DIRECTORY : NATIVECERTS_SOURCE_FILE, "option",
                p->path, NULL);
            if (p->is_dir)
                nc__backend_load_dir(b, s, p->path);
            else
                nc__backend_load_file(b, s, p->path);
        }
        nc__backend_close(b);
    }
    uint32_t root = opts->root ? nc__collect_str(&c, opts->root) : NC__NONE;
    int64_t now = opts->has_time ? opts->time : (int64_t)time(NULL);
    nativecerts_result *r = c.oom ? NULL : nc__finish(&c, opts->skip_expired, now);
    if (r) {
        r->mode = mode;
        r->profile = profile->name;
        r->root = root == NC__NONE ? NULL : r->strings + root;
    }
    int resource_err = c.resource_err;
    nc__collect_free(&c);
    if (!r) return resource_err ? NATIVECERTS_ERESOURCE : NATIVECERTS_ENOMEM;
    *out = r;
    return NATIVECERTS_OK;
}
