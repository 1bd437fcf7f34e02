/* nativecerts_read_os_release: which of the two files os-release(5) names is the one,
 * read through the backend as the load reads certificate files. */
#include <errno.h>

#include "core/backend.h"

int nativecerts_read_os_release(const nativecerts_options *opts, char *buf, size_t n, size_t *len)
{
    /* os-release(5): the first, when it exists, is used exclusively. */
    static const char *const paths[] = {"/etc/os-release", "/usr/lib/os-release"};
    if (len) *len = 0;
    if (!buf || n == 0) return NATIVECERTS_EINVAL;
    buf[0] = '\0';
    nativecerts_options defaults;
    if (!opts) {
        nc__options_defaults(&defaults);
        opts = &defaults;
    }
    int r = -ENOENT;
    for (size_t i = 0; i < sizeof paths / sizeof paths[0] && (r == -ENOENT || r == -ENOTDIR); i++)
        r = nc__backend_read_small_file(opts, paths[i], buf, n, len);
    if (r == 0) return NATIVECERTS_OK;
    buf[0] = '\0';
    if (len) *len = 0;
    if (r == -ENOMEM) return NATIVECERTS_ENOMEM;
    return nc__errno_is_exhaustion(-r) ? NATIVECERTS_ERESOURCE : NATIVECERTS_ENOTFOUND;
}
