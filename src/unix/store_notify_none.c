/* Change notification for nativecerts_store where the system offers none that this
 * library uses (Solaris, AIX, ...): every place is stamped. */
#include "core/backend.h"

nc__notify *nc__notify_open(const nativecerts_options *opts)
{
    (void)opts;
    return NULL;
}

void nc__notify_close(nc__notify *n)
{
    (void)n;
}

void nc__notify_begin(nc__notify *n)
{
    (void)n;
}

int nc__notify_watch(nc__notify *n, nc__watch_place *places, size_t count, int64_t since_ns)
{
    (void)n;
    (void)places;
    (void)count;
    (void)since_ns;
    return -1;
}

int nc__notify_changed(nc__notify *n)
{
    (void)n;
    return 1;
}
