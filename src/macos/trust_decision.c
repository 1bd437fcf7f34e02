/* The rules over what keychain.c read: per domain, the first entry that decides SSL
 * server trust; across domains, the highest one that decides. */
#include "macos/trust_decision.h"

#include <stdlib.h>
#include <string.h>

static int applies_to_ssl_server(const nc__ts_constraint *e)
{
    /* An entry for one host or one application does not make a general root. One
     * named for another use of the SSL policy (sslClient) says nothing of servers: a
     * client-only Deny must not distrust a server root, nor a client-only TrustRoot
     * trust one. */
    return !e->unreadable && !e->has_policy_string && !e->has_application &&
           (e->policy == NC__TS_POLICY_NONE || e->policy == NC__TS_POLICY_SSL) &&
           e->policy_name != NC__TS_NAME_OTHER;
}

nc__ts_verdict nc__ts_decide_domain(const nc__ts_constraint *entries, size_t n)
{
    if (n == 0) return NC__TS_TRUSTED;
    for (size_t i = 0; i < n; i++) {
        const nc__ts_constraint *e = &entries[i];
        if (!applies_to_ssl_server(e)) continue;
        long result = e->has_result ? e->result : NC__TS_RESULT_TRUST_ROOT;
        if (result == NC__TS_RESULT_TRUST_ROOT || result == NC__TS_RESULT_TRUST_AS_ROOT)
            return NC__TS_TRUSTED;
        if (result == NC__TS_RESULT_DENY) return NC__TS_DISTRUSTED;
        /* Unspecified (typically an entry that only allows an error), Invalid or a value
         * Apple does not define: this entry says nothing, a later one may. */
    }
    return NC__TS_NO_DECISION;
}

nc__ts_verdict nc__ts_decide_not_found(unsigned domain)
{
    return domain == NC__TS_DOMAIN_SYSTEM ? NC__TS_TRUSTED : NC__TS_NO_DECISION;
}

static int compare_der(const nc__ts_sighting *x, const nc__ts_sighting *y)
{
    size_t n = x->len < y->len ? x->len : y->len;
    int r = n ? memcmp(x->der, y->der, n) : 0;
    if (r) return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int compare_sightings(const void *a, const void *b)
{
    const nc__ts_sighting *x = a, *y = b;
    int r = compare_der(x, y);
    if (r) return r;
    if (x->domain != y->domain) return x->domain < y->domain ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t nc__ts_decide_all(nc__ts_sighting *s, size_t n, nc__ts_outcome *out)
{
    if (n == 0) return 0;
    qsort(s, n, sizeof *s, compare_sightings);
    size_t nout = 0;
    for (size_t first = 0; first < n;) {
        size_t end = first + 1;
        while (end < n && compare_der(&s[first], &s[end]) == 0)
            end++;
        nc__ts_outcome o = {first, NC__TS_NO_DECISION};
        for (size_t i = first; i < end; i++) {
            if (s[i].verdict != NC__TS_NO_DECISION) {
                o.sighting = i;
                o.verdict = s[i].verdict;
                break;
            }
        }
        out[nout++] = o;
        first = end;
    }
    return nout;
}
