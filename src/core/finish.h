/* The one place where trust is decided: distrust wins, fail closed, explicit trust,
 * validity, then the result is built (result_build.c). */
#ifndef NC_CORE_FINISH_H
#define NC_CORE_FINISH_H

#include "core/collect_state.h"
#include "core/result.h"

/* Builds the result from a finished collection; takes over its pools. now: the check
 * time, used when skip_expired. Returns NULL when out of memory (c is then freed by
 * the caller as usual). */
nativecerts_result *nc__finish(nc__collect *c, int skip_expired, int64_t now);

#endif
