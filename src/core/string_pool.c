/* The string pool of a load: every name, path and message as NUL-terminated strings
 * back to back in one block, named by offset (a 32-bit id), so that a result takes the
 * block over whole instead of copying each string. */
#include <string.h>

#include "core/collect_state.h"

uint32_t nc__collect_strn(nc__collect *c, const char *s, size_t n)
{
    if (nc__collect_at_limit(c, c->str_len + n + 1)) return NC__NONE;
    if (NC__COLLECT_GROW(c, str, str_cap, c->str_len + n + 1)) return NC__NONE;
    uint32_t id = (uint32_t)c->str_len;
    memcpy(c->str + c->str_len, s, n);
    c->str[c->str_len + n] = '\0';
    c->str_len += n + 1;
    return id;
}

uint32_t nc__collect_str(nc__collect *c, const char *s)
{
    return nc__collect_strn(c, s, strlen(s));
}

const char *nc__collect_get_str(const nc__collect *c, uint32_t id)
{
    return id == NC__NONE ? NULL : c->str + id;
}
