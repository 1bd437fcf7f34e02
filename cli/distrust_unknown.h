/* The first thing to say about a load: where the distrust is unknown. A distrust place
 * (an untrusted directory, a trust-settings domain) that could not be read completely
 * makes the library leave out every certificate it could have distrusted (reason
 * "distrust-unknown"); a person must learn which place, why, and what it cost before
 * anything else. */
#ifndef NC_CLI_DISTRUST_UNKNOWN_H
#define NC_CLI_DISTRUST_UNKNOWN_H

#include <stdio.h>

#include "nativecerts.h"

/* Writes one line per incomplete place of r, after prefix: the place, its first error
 * (and how many more), and how many certificates were excluded because of it; then one
 * line for the certificates excluded as distrust-unknown by any other source. Writes
 * nothing when there is neither. */
void distrust_unknown_lead(FILE *f, const nativecerts_result *r, const char *prefix);

/* Non-zero when error e of r is the one distrust_unknown_lead() shows in its line, so
 * that a list of warnings after it need not repeat it. */
int distrust_unknown_shown(const nativecerts_result *r, size_t e);

/* The number of certificates of r excluded as distrust-unknown. */
size_t distrust_unknown_count(const nativecerts_result *r);

#endif
