/* Building a result from a collection whose trust is decided (finish.c): the copying,
 * kept apart from the decision. */
#ifndef NC_CORE_RESULT_BUILD_H
#define NC_CORE_RESULT_BUILD_H

#include <stddef.h>

#include "core/collect_state.h"
#include "core/result.h"

/* An empty result with one reference, or NULL when out of memory. */
nativecerts_result *nc__result_new(void);

/* Makes room for n certificates, returned and excluded together. Returns 0, or -1 when
 * out of memory. */
int nc__result_reserve(nativecerts_result *r, size_t n);

/* Adds one decided certificate (room reserved): to those returned when it has no
 * reason, else to those excluded. */
void nc__result_add(nativecerts_result *r, nc__res_cert cert);

/* Completes r from c: both lists of certificates sorted by DER bytes (the same output
 * across runs and machines), the errors and the sources copied, the counts of files and
 * bytes read, and the pools of DER bytes and strings taken over from c (which then
 * holds neither). Returns 0, or -1 when out of memory (then c keeps its pools). */
int nc__result_complete(nativecerts_result *r, nc__collect *c);

#endif
