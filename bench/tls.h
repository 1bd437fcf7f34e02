/* The benchmark's TLS rows (tls.c): what it costs to get each TLS library's trust store
 * ready from nativecerts (the adapters of include/nativecerts/), and OpenSSL's own ways,
 * with and without one verification of a chain. */
#ifndef NC_BENCH_TLS_H
#define NC_BENCH_TLS_H

#include <stddef.h>

#include "nativecerts.h"

/* One adapter: make an empty target (not timed), load into it with the options (timed;
 * returns NATIVECERTS_OK and sets *skipped), free it (not timed). One file per stack
 * (tls_<stack>.c), since the TLS libraries' headers do not mix. */
typedef struct bench_stack {
    const char *name;
    void *(*make)(void);
    int (*load)(void *target, const nativecerts_options *opts, size_t *skipped);
    void (*drop)(void *target);
} bench_stack;

extern const bench_stack bench_gnutls, bench_mbedtls, bench_wolfssl, bench_bearssl, bench_curl;

/* Prints the TLS rows, each the median of runs, on this machine's store; bundle is its
 * CA bundle (for X509_STORE_load_file). */
void bench_tls_rows(int runs, const char *bundle);

/* From bench.c: a row of the table, the clock, the order of doubles for qsort. */
void row(const char *name, double us, const char *ratio_to, double base);
double now_us(void);
int cmp_double(const void *a, const void *b);

#endif
