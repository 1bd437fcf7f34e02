/* A load's collection as a whole: its life (init, free, end of reading), the growable
 * arrays its parts share, the sources of the report with their status and whether they
 * are distrust places, and the read buffer that every file is read into. Its other
 * parts have their own files (core/collect_state.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/collect_state.h"

void nc__collect_init(nc__collect *c)
{
    memset(c, 0, sizeof *c);
    /* Not secret, but not fixed either: the address of this load's state (ASLR) and the
     * time make a table that files cannot be prepared against in advance. */
    c->seed = (uint64_t)(uintptr_t)c * 0x9E3779B97F4A7C15ull ^ (uint64_t)time(NULL);
    nc__known_text_init(&c->known, c->seed);
}

void nc__collect_free(nc__collect *c)
{
    free(c->der);
    free(c->certs);
    free(c->table);
    free(c->occ);
    free(c->sources);
    free(c->errors);
    free(c->str);
    free(c->seen);
    free(c->seen_table);
    free(c->scratch);
    nc__known_text_free(&c->known);
    memset(c, 0, sizeof *c);
}

/* Grows *arr so that it holds at least need elements of size elem. */
int nc__collect_grow(nc__collect *c, void **arr, size_t *cap, size_t need, size_t elem)
{
    if (c->oom) return -1;
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem) goto fail;
        n *= 2;
    }
    void *p = realloc(*arr, n * elem);
    if (!p) goto fail;
    *arr = p;
    *cap = n;
    return 0;
fail:
    c->oom = 1;
    return -1;
}

int nc__collect_at_limit(nc__collect *c, size_t n)
{
    if (n < UINT32_MAX - 1) return 0;
    c->oom = 1;
    return 1;
}

uint64_t nc__collect_seed(const nc__collect *c)
{
    return c->seed;
}

uint32_t nc__collect_source(nc__collect *c, nativecerts_source_kind kind, const char *origin,
                            const char *name, const char *value)
{
    if (NC__COLLECT_GROW(c, sources, sources_cap, c->nsources + 1)) return NC__NONE;
    uint32_t name_id = nc__collect_str(c, name);
    uint32_t value_id = value ? nc__collect_str(c, value) : NC__NONE;
    if (c->oom) return NC__NONE;
    nc__source *s = &c->sources[c->nsources];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->status = NATIVECERTS_STATUS_MISSING;
    s->origin = origin;
    s->name = name_id;
    s->value = value_id;
    s->same_as = NC__NONE;
    return (uint32_t)c->nsources++;
}

void nc__collect_status(nc__collect *c, uint32_t source, nativecerts_source_status status)
{
    if (source < c->nsources) c->sources[source].status = status;
}

void nc__collect_same_as(nc__collect *c, uint32_t source, uint32_t earlier)
{
    if (source < c->nsources) {
        c->sources[source].status = NATIVECERTS_STATUS_SAME_AS_OTHER;
        c->sources[source].same_as = earlier;
    }
}

void nc__collect_distrust_place(nc__collect *c, uint32_t source, uint32_t scope)
{
    if (source >= c->nsources) return;
    c->sources[source].distrust_place = 1;
    c->sources[source].scope = scope;
}

void nc__collect_incomplete(nc__collect *c, uint32_t source)
{
    if (source < c->nsources && c->sources[source].distrust_place)
        c->sources[source].incomplete = 1;
}

void nc__collect_end_reading(nc__collect *c)
{
    if (c->der_cap > c->der_len && c->der_len > 0) {
        /* The result keeps the pool: no spare room for its lifetime. A failure here
         * fails the load like any other (a smaller block is always to be had). */
        uint8_t *p = realloc(c->der, c->der_len);
        if (p) {
            c->der = p;
            c->der_cap = c->der_len;
        } else {
            c->oom = 1;
        }
    }
    free(c->scratch);
    c->scratch = NULL;
    c->scratch_cap = 0;
    nc__known_text_free(&c->known);
    nc__known_text_init(&c->known, c->seed);
}

uint8_t *nc__collect_scratch(nc__collect *c, size_t n)
{
    if (n <= c->scratch_cap) return c->scratch;
    free(c->scratch); /* old contents are not needed: one file at a time */
    c->scratch = malloc(n);
    c->scratch_cap = c->scratch ? n : 0;
    return c->scratch;
}

uint8_t *nc__collect_read_more(nc__collect *c, uint32_t source, const char *path, uint64_t max,
                               size_t *cap)
{
    if ((uint64_t)*cap > max) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_LIMIT, path, 0, 0,
                          "file grew over the limit of %llu bytes while being read",
                          (unsigned long long)max);
        return NULL;
    }
    size_t n = *cap, ncap = n * 2;
    if ((uint64_t)ncap > max + 1) ncap = (size_t)max + 1;
    uint8_t *keep = c->scratch; /* the n bytes read so far */
    c->scratch = NULL;
    c->scratch_cap = 0;
    uint8_t *buf = nc__collect_scratch(c, ncap);
    if (buf) memcpy(buf, keep, n);
    free(keep);
    if (!buf) c->oom = 1; /* a partial load could lose a distrust: the call fails */
    *cap = ncap;
    return buf;
}
