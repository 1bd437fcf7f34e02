/* The Windows certificate stores (contract §8): the current user's logical ROOT store
 * (which shows the machine's roots too), and the Disallowed store, whose certificates
 * are distrusted. */
#ifndef NC_WIN_STORE_H
#define NC_WIN_STORE_H

#include "core/collect.h"

/* Adds the two stores as sources, their certificates with verdicts, and their errors.
 * A ROOT certificate is trusted while it is valid at the check time (the core applies
 * that, whatever the options say) if its enhanced key usage allows server
 * authentication (win/eku.h), else it is "not for server auth". */
void nc__win_store_load(nc__collect *c);

/* Reports both stores as not used, with why. */
void nc__win_store_report_unused(nc__collect *c, nativecerts_source_status why);

#endif
