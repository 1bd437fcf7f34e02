/* Android's certificate stores (contract §5). */
#ifndef NC_UNIX_ANDROID_H
#define NC_UNIX_ANDROID_H

#include "unix/file_load.h"

/* Loads the system store, the user's added roots and distrusts the user's removed ones. */
void nc__android_load(nc__unix_load *u);

/* Lists the same places with status why, unread. */
void nc__android_report_unused(nc__collect *c, nativecerts_source_status why);

#endif
