/* OpenSSL's X509_CERT_AUX (crypto/x509/x_x509a.c) and its rule for a purpose
 * (crypto/x509/x509_trs.c, obj_trust), applied to TLS server authentication. */
#include "codec/trust_aux.h"

#include "codec/der.h"

#define TAG_UTF8_STRING 0x0C
#define TAG_OCTET_STRING 0x04
#define TAG_OID 0x06
#define TAG_SEQUENCE 0x30
#define TAG_REJECT 0xA0 /* [0] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER */
#define TAG_OTHER 0xA1  /* [1] IMPLICIT SEQUENCE OF AlgorithmIdentifier */

/* Walks a SEQUENCE OF OBJECT IDENTIFIER; *covers is set when one of them is serverAuth
 * or anyExtendedKeyUsage. Every entry must be well formed: one bad OID spoils the list. */
static nc__der_err read_oid_list(const nc__der_elem *list, int *covers, nc__der_err wrong)
{
    const uint8_t *p = list->content, *end = p + list->len;
    *covers = 0;
    while (p < end) {
        nc__der_elem oid;
        if (*p != TAG_OID || nc__der_next(&p, end, &oid) != NC__DER_OK ||
            !nc__der_oid_valid(oid.content, oid.len))
            return wrong;
        if (nc__der_oid_serves_tls_server(oid.content, oid.len)) *covers = 1;
    }
    return NC__DER_OK;
}

/* Reads the optional element at *p when it carries tag; returns 1 when present, 0 when
 * absent, -1 when malformed. */
static int optional(const uint8_t **p, const uint8_t *end, unsigned tag, nc__der_elem *e)
{
    if (*p >= end || **p != tag) return 0;
    return nc__der_next(p, end, e) == NC__DER_OK ? 1 : -1;
}

nc__der_err nc__trust_aux_evaluate(const uint8_t *aux, size_t len, nc__aux_verdict *verdict)
{
    const nc__der_err malformed = NC__DER_ERR_AUX_MALFORMED;
    const uint8_t *p = aux, *end = aux + len;
    nc__der_elem seq, trust, reject, e;
    int has_trust, has_reject, trust_covers = 0, reject_covers = 0;
    nc__der_err err;

    if (len == 0) {
        *verdict = NC__AUX_TRUSTED;
        return NC__DER_OK;
    }
    if (aux[0] != TAG_SEQUENCE) return NC__DER_ERR_AUX_NOT_SEQUENCE;
    if (nc__der_next(&p, end, &seq) != NC__DER_OK) return malformed;
    if (p != end) return NC__DER_ERR_AFTER_AUX;

    /* The fields in their order, each optional; nothing else may be there. */
    p = seq.content;
    end = p + seq.len;
    if ((has_trust = optional(&p, end, TAG_SEQUENCE, &trust)) < 0) return malformed;
    if (has_trust &&
        (err = read_oid_list(&trust, &trust_covers, NC__DER_ERR_AUX_BAD_TRUST)) != NC__DER_OK)
        return err;
    if ((has_reject = optional(&p, end, TAG_REJECT, &reject)) < 0) return malformed;
    if (has_reject &&
        (err = read_oid_list(&reject, &reject_covers, NC__DER_ERR_AUX_BAD_REJECT)) != NC__DER_OK)
        return err;
    if (optional(&p, end, TAG_UTF8_STRING, &e) < 0 || optional(&p, end, TAG_OCTET_STRING, &e) < 0)
        return malformed;
    int has_other = optional(&p, end, TAG_OTHER, &e);
    if (has_other < 0) return malformed;
    if (has_other) {
        /* Each entry an AlgorithmIdentifier, read as in a certificate (X509_ALGOR). */
        const uint8_t *q = e.content, *q_end = q + e.len;
        while (q < q_end) {
            nc__der_elem alg;
            if (*q != TAG_SEQUENCE || nc__der_next(&q, q_end, &alg) != NC__DER_OK ||
                nc__der_check_algorithm(&alg) != NC__DER_OK)
                return malformed;
        }
    }
    if (p != end) return NC__DER_ERR_AUX_UNEXPECTED;

    /* A reject wins over any trust; a trust list names the only purposes allowed. */
    if (has_reject && reject_covers)
        *verdict = NC__AUX_DISTRUSTED;
    else if (has_trust)
        *verdict = trust_covers ? NC__AUX_TRUSTED_EXPLICITLY : NC__AUX_NOT_FOR_SERVER_AUTH;
    else
        *verdict = NC__AUX_TRUSTED;
    return NC__DER_OK;
}
