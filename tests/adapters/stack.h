/* stack.h — one TLS stack's adapter (include/nativecerts/<stack>.h), as the contract
 * test (adapter_contract.c) drives it. One stack_<name>.c implements it per stack. */
#ifndef NC_TEST_STACK_H
#define NC_TEST_STACK_H

#include <stddef.h>

#include "nativecerts.h"

/* The stack's name, for messages. */
extern const char *const stack_name;

/* Makes a fresh target (a context, credentials, a chain, anchors) that trusts nothing,
 * and frees it. One at a time. */
void stack_open(void);
void stack_close(void);

/* The adapter's load_* and add_* on the open target; stack_load_null calls every load_*
 * of the adapter with a NULL target and returns NATIVECERTS_EINVAL only when each of
 * them did, leaving *result NULL and *skipped 0. */
int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped);
int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped);
int stack_add(const nativecerts_result *r, size_t *skipped);

/* Whether the open target trusts the certificate der[0..len) as a root, asked the
 * stack's own way (not through the adapter). */
int stack_holds(const unsigned char *der, size_t len);

#endif
