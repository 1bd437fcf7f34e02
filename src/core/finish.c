/* Decides, for each unique certificate, from all its sightings:
 *   distrusted by any source             -> excluded "distrusted" (distrust wins);
 *   else, would be returned, but a distrust place that could have distrusted it was
 *   not read completely (or could not say, for it alone)
 *                                        -> excluded "distrust-unknown" (fail closed);
 *   trusted by some source               -> returned, unless the validity filter
 *                                           excludes it as "expired"/"not-yet-valid"
 *                                           (always on when every source that trusts
 *                                           it does so only while it is valid);
 *   only "not for server auth" sightings -> excluded "not-for-server-auth".
 * A certificate whose own extendedKeyUsage names neither serverAuth nor
 * anyExtendedKeyUsage is not for server auth wherever it is trusted, unless a source
 * trusts it for server auth by name (explicit trust overrides, as in OpenSSL).
 * Provenance is the first sighting (in load order) that decided (docs/trust.md,
 * docs/fail-closed.md). Copying the decided certificates, the errors and the sources
 * into the result is result_build.c's. */
#include "core/finish.h"

#include <stdlib.h>

#include "core/result_build.h"

typedef struct decision {
    uint32_t trusted, distrusted, not_server; /* first deciding occurrence, or NC__NONE */
    uint32_t plain;   /* first trusting occurrence without a validity condition */
    uint32_t unknown; /* first occurrence whose distrust could not be read, or NC__NONE */
} decision;

/* Whether occurrence o trusts its certificate for TLS server authentication: a trusting
 * verdict, for a certificate whose own extendedKeyUsage allows it or (for an explicit
 * trust) names other purposes; one that could not be read never trusts. */
static int trusts(const nc__collect *c, const nc__occurrence *o)
{
    uint8_t eku = c->certs[o->cert].eku;
    if (o->role != NC__ROLE_TRUST || eku == NC__EKU_MALFORMED) return 0;
    if (o->verdict == NC__VERDICT_TRUSTED_EXPLICITLY) return 1;
    return (o->verdict == NC__VERDICT_TRUSTED || o->verdict == NC__VERDICT_TRUSTED_IF_VALID) &&
           eku != NC__EKU_NOT_SERVER;
}

/* The incomplete distrust places, in load order. A place of scope "all" covers every
 * certificate; one scoped to a source covers those whose every trusting sighting is in
 * that source (another source's trust it could not withdraw): `escapes` holds, per
 * scoped place, one byte per certificate that says whether some other source trusts it,
 * found in one pass over the sightings. */
typedef struct incomplete {
    uint32_t *place;
    size_t n;
    uint8_t *escapes; /* n * ncerts bytes; rows of scope-"all" places unused */
} incomplete;

static int find_incomplete(const nc__collect *c, incomplete *in)
{
    in->n = 0;
    for (uint32_t s = 0; s < c->nsources; s++)
        in->n += c->sources[s].incomplete != 0;
    if (!in->n) return 0;
    in->place = malloc(in->n * sizeof *in->place);
    in->escapes = c->ncerts ? calloc(in->n, c->ncerts) : NULL;
    if (!in->place || (c->ncerts && !in->escapes)) return -1;
    size_t k = 0;
    for (uint32_t s = 0; s < c->nsources; s++)
        if (c->sources[s].incomplete) in->place[k++] = s;
    for (k = 0; k < in->n; k++) {
        uint32_t scope = c->sources[in->place[k]].scope;
        if (scope == NC__NONE || !c->ncerts) continue; /* no rows without certificates */
        uint8_t *row = in->escapes + k * c->ncerts;
        for (size_t o = 0; o < c->nocc; o++) {
            const nc__occurrence *x = &c->occ[o];
            if (trusts(c, x) && x->source != scope) row[x->cert] = 1;
        }
    }
    return 0;
}

/* The first incomplete distrust place that covers certificate i, or NC__NONE. */
static uint32_t covering_place(const nc__collect *c, const incomplete *in, size_t i)
{
    for (size_t k = 0; k < in->n; k++)
        if (c->sources[in->place[k]].scope == NC__NONE || !in->escapes[k * c->ncerts + i])
            return in->place[k];
    return NC__NONE;
}

/* Gathers, for each certificate, the first sighting of each kind (d[0..ncerts)). */
static void gather(const nc__collect *c, decision *d)
{
    for (size_t i = 0; i < c->ncerts; i++)
        d[i].trusted = d[i].distrusted = d[i].not_server = d[i].plain = d[i].unknown = NC__NONE;
    for (size_t i = 0; i < c->nocc; i++) {
        const nc__occurrence *o = &c->occ[i];
        decision *x = &d[o->cert];
        if (o->verdict == NC__VERDICT_DISTRUST_UNKNOWN) {
            if (x->unknown == NC__NONE) x->unknown = (uint32_t)i;
            continue;
        }
        uint32_t *slot = o->role == NC__ROLE_DISTRUST || o->verdict == NC__VERDICT_DISTRUSTED
                             ? &x->distrusted
                         : trusts(c, o) ? &x->trusted
                                        : &x->not_server;
        if (*slot == NC__NONE) *slot = (uint32_t)i;
        if (slot == &x->trusted && o->verdict != NC__VERDICT_TRUSTED_IF_VALID &&
            x->plain == NC__NONE)
            x->plain = (uint32_t)i;
    }
}

/* The decision on certificate i: returned (reason 0) or excluded, and the source that
 * decided it. */
static nc__res_cert decide(const nc__collect *c, const decision *d, const incomplete *in, size_t i,
                           int skip_expired, int64_t now)
{
    const nc__cert_entry *e = &c->certs[i];
    nc__res_cert out = {c->der + e->off, e->len, NULL, (nativecerts_reason)0};
    uint32_t by = NC__NONE;
    if (d[i].distrusted != NC__NONE) {
        by = d[i].distrusted;
        out.reason = NATIVECERTS_REASON_DISTRUSTED;
    } else if (d[i].trusted != NC__NONE) {
        by = d[i].trusted;
        nativecerts_reason invalid = e->not_after < now    ? NATIVECERTS_REASON_EXPIRED
                                     : e->not_before > now ? NATIVECERTS_REASON_NOT_YET_VALID
                                                           : (nativecerts_reason)0;
        if (invalid && (skip_expired || d[i].plain == NC__NONE))
            out.reason = invalid;
        else if (invalid)
            by = d[i].plain; /* the source that trusts it even so */
    } else if (d[i].not_server != NC__NONE) {
        by = d[i].not_server;
        out.reason = NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH;
    }
    if ((!out.reason && d[i].unknown != NC__NONE) || by == NC__NONE) {
        by = d[i].unknown;
        out.reason = NATIVECERTS_REASON_DISTRUST_UNKNOWN;
    }
    out.source = c->str + c->occ[by].path;
    uint32_t place = !out.reason && in->n ? covering_place(c, in, i) : NC__NONE;
    if (place != NC__NONE) {
        out.reason = NATIVECERTS_REASON_DISTRUST_UNKNOWN;
        out.source = c->str + c->sources[place].name;
    }
    return out;
}

nativecerts_result *nc__finish(nc__collect *c, int skip_expired, int64_t now)
{
    nc__collect_end_reading(c);
    if (c->oom) return NULL;
    nativecerts_result *r = nc__result_new();
    decision *d = c->ncerts ? malloc(c->ncerts * sizeof *d) : NULL;
    incomplete in = {NULL, 0, NULL};
    if (!r || (c->ncerts && !d)) goto fail;
    for (size_t i = 0; i < c->nsources; i++)
        if (c->sources[i].incomplete) c->sources[i].status = NATIVECERTS_STATUS_INCOMPLETE;
    if (find_incomplete(c, &in)) goto fail;
    gather(c, d);
    if (nc__result_reserve(r, c->ncerts)) goto fail;
    for (size_t i = 0; i < c->ncerts; i++)
        nc__result_add(r, decide(c, d, &in, i, skip_expired, now));
    free(d);
    free(in.place);
    free(in.escapes);
    d = NULL;
    in.place = NULL;
    in.escapes = NULL;
    if (nc__result_complete(r, c)) goto fail;
    return r;
fail:
    free(d);
    free(in.place);
    free(in.escapes);
    nativecerts_result_free(r); /* what was built so far: the pools are still c's */
    return NULL;
}
