/* The allocation wrappers of alloc_wrap.h. */
#include "alloc_wrap.h"

#include <errno.h>
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

/* Inside a call of the C library's own allocator: a static link wraps its inner calls
 * too (musl's realloc(NULL, n) calls malloc), which are neither counted nor failed. */
static int inner;

/* A failed allocation, as the C library's: NULL with errno ENOMEM (a static link also
 * wraps the allocations inside the C library, such as fdopendir's, whose callers read
 * errno). */
static void *out_of_memory(void)
{
    errno = ENOMEM;
    return NULL;
}

int nct_alloc_should_fail(void)
{
    if (!nct_alloc.armed || inner) return 0;
    nct_alloc.calls++;
    int f = nct_alloc.fail_at && (nct_alloc.calls == nct_alloc.fail_at ||
                                  (nct_alloc.persistent && nct_alloc.calls > nct_alloc.fail_at));
    nct_alloc.failed += f;
    return f;
}

void *nct_real_malloc(size_t n)
{
    inner++;
    void *p = __real_malloc(n);
    inner--;
    return p;
}

void *nct_real_calloc(size_t n, size_t m)
{
    inner++;
    void *p = __real_calloc(n, m);
    inner--;
    return p;
}

void *nct_real_realloc(void *p, size_t n)
{
    inner++;
    void *q = __real_realloc(p, n);
    inner--;
    return q;
}

void nct_real_free(void *p)
{
    inner++;
    __real_free(p);
    inner--;
}

void *__wrap_malloc(size_t n)
{
    if (nct_alloc_should_fail()) return out_of_memory();
    int outer = !inner++;
    void *p = __real_malloc(n);
    inner--;
    if (p && nct_alloc.armed && outer) nct_alloc.live++;
    return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
    if (nct_alloc_should_fail()) return out_of_memory();
    int outer = !inner++;
    void *p = __real_calloc(n, m);
    inner--;
    if (p && nct_alloc.armed && outer) nct_alloc.live++;
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (nct_alloc_should_fail()) return out_of_memory();
    int outer = !inner++;
    void *q = __real_realloc(p, n);
    inner--;
    if (q && !p && nct_alloc.armed && outer) nct_alloc.live++;
    return q;
}

void __wrap_free(void *p)
{
    int outer = !inner++;
    if (p && nct_alloc.armed && outer) nct_alloc.live--;
    __real_free(p);
    inner--;
}
