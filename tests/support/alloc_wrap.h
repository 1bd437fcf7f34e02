/* Allocation failure without a hook in the library: a test binary linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free and alloc_wrap.c gets every
 * allocation call (its own, the library's, libc's on their behalf) through the wrappers
 * there. While armed they count the calls, make the fail_at-th one fail (and, when
 * persistent, every one after it), and count the blocks still live. Linux (GNU ld) only. */
#ifndef NC_TEST_ALLOC_WRAP_H
#define NC_TEST_ALLOC_WRAP_H

#include <stddef.h>

typedef struct nct_alloc_state {
    int armed;      /* count and inject only inside the window of a load */
    long calls;     /* allocation calls in the window */
    long fail_at;   /* the call that fails (1-based), 0: none */
    int persistent; /* fail every call from fail_at on */
    long live;      /* blocks allocated in the window and not yet freed */
    long failed;    /* calls made to fail */
} nct_alloc_state;

extern nct_alloc_state nct_alloc;

/* Whether the allocation call being made fails (counts it when armed). For other
 * wrapped calls that allocate, such as fdopendir. */
int nct_alloc_should_fail(void);

/* The C library's allocator, around the wrappers, for code that must not meet them (a
 * test double's own objects): neither counted nor failed, nor are the allocations the
 * C library makes inside them (a static link wraps those too: musl's calloc calls
 * malloc). */
void *nct_real_malloc(size_t n);
void *nct_real_calloc(size_t n, size_t m);
void *nct_real_realloc(void *p, size_t n);
void nct_real_free(void *p);

#endif
