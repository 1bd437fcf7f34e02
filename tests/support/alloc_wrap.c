/* The allocation wrappers of alloc_wrap.h. */
#include "alloc_wrap.h"

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

nct_alloc_state nct_alloc;

int nct_alloc_should_fail(void)
{
    if (!nct_alloc.armed) return 0;
    nct_alloc.calls++;
    int f = nct_alloc.fail_at && (nct_alloc.calls == nct_alloc.fail_at ||
                                  (nct_alloc.persistent && nct_alloc.calls > nct_alloc.fail_at));
    nct_alloc.failed += f;
    return f;
}

void *__wrap_malloc(size_t n)
{
    if (nct_alloc_should_fail()) return NULL;
    void *p = __real_malloc(n);
    if (p && nct_alloc.armed) nct_alloc.live++;
    return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
    if (nct_alloc_should_fail()) return NULL;
    void *p = __real_calloc(n, m);
    if (p && nct_alloc.armed) nct_alloc.live++;
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (nct_alloc_should_fail()) return NULL;
    void *q = __real_realloc(p, n);
    if (q && !p && nct_alloc.armed) nct_alloc.live++;
    return q;
}

void __wrap_free(void *p)
{
    if (p && nct_alloc.armed) nct_alloc.live--;
    __real_free(p);
}
