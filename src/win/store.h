/* The Windows certificate stores: the current user's logical ROOT store
 * (which shows the machine's roots too), and the Disallowed store, whose certificates
 * are distrusted. */
#ifndef NC_WIN_STORE_H
#define NC_WIN_STORE_H

#include "core/collect.h"

/* Adds the two stores as sources, their certificates with verdicts, and their errors.
 * A ROOT certificate is trusted while it is valid at the check time (the core applies
 * that, whatever the options say) if its enhanced key usage allows server
 * authentication (win/eku.h), else it is "not for server auth".
 *
 * Disallowed is a distrust place for every certificate of the load: when it exists but
 * cannot be opened or enumerated to its end, or holds a certificate that is not valid
 * DER, it is incomplete and the core trusts nothing (each root that would have been is
 * excluded as distrust-unknown). An empty one distrusts nothing (one that does not
 * exist is opened as an empty one). A failure that means the system ran out of memory
 * or handles fails the whole load (win/oserror.h). */
void nc__win_store_load(nc__collect *c);

/* Reports both stores as not used, with why. */
void nc__win_store_report_unused(nc__collect *c, nativecerts_source_status why);

#endif
