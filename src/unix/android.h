/* Android's certificate stores, at the paths of a profile row's android stores
 * (core/profile.h); the rules are in docs/unix-stores.md. */
#ifndef NC_UNIX_ANDROID_H
#define NC_UNIX_ANDROID_H

#include "core/profile.h"
#include "unix/file_load.h"

/* Loads the system store, the user's added roots and distrusts the user's removed ones. */
void nc__android_load(nc__unix_load *u, const nc__android_stores *a);

/* Lists the same places with status why, unread. */
void nc__android_report_unused(nc__collect *c, const nc__android_stores *a,
                               nativecerts_source_status why);

#endif
