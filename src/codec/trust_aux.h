/* OpenSSL's "TRUSTED CERTIFICATE" auxiliary data (X509_CERT_AUX) and the trust rule for
 * TLS server authentication (docs/trust.md). */
#ifndef NC_CODEC_TRUST_AUX_H
#define NC_CODEC_TRUST_AUX_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der_errors.h"

typedef enum nc__aux_verdict {
    NC__AUX_TRUSTED = 1,             /* no aux, or no list that decides */
    NC__AUX_DISTRUSTED = 2,          /* reject list holds serverAuth or anyEKU */
    NC__AUX_NOT_FOR_SERVER_AUTH = 3, /* a trust list is present and holds neither */
    /* A trust list holds serverAuth or anyEKU, and no reject list does: explicit trust,
     * which OpenSSL's verifier lets override the certificate's own purposes
     * (X509_check_trust without the self-signed fallback says TRUSTED). */
    NC__AUX_TRUSTED_EXPLICITLY = 4
} nc__aux_verdict;

/* Evaluates the aux bytes that follow the certificate in a TRUSTED CERTIFICATE block
 * (len may be 0: no aux, trusted). The aux must be exactly one X509_CERT_AUX SEQUENCE
 * { trust SEQUENCE OF OID OPTIONAL, reject [0] IMPLICIT SEQUENCE OF OID OPTIONAL,
 * alias UTF8String OPTIONAL, keyid OCTET STRING OPTIONAL, other [1] IMPLICIT SEQUENCE OF
 * AlgorithmIdentifier OPTIONAL }.
 * Returns NC__DER_OK and sets *verdict, or the fault when the aux is malformed or
 * followed by other bytes (then nothing may be trusted from the block).
 *
 * The certificate ends where nc__der_element_length(der, der_len) says; aux is the rest.
 * Fields must come in that order, each at most once, in DER (definite lengths); every
 * entry of both lists must be a well-formed OID, so a damaged reject list is an error,
 * never a shorter list; every entry of other must pass nc__der_check_algorithm, as
 * d2i_X509_AUX reads them (parameters included). A reject wins over a trust; a trust
 * list that is present but empty trusts nothing (as in OpenSSL). Faults:
 * NC__DER_ERR_AUX_NOT_SEQUENCE, NC__DER_ERR_AFTER_AUX, NC__DER_ERR_AUX_BAD_TRUST,
 * NC__DER_ERR_AUX_BAD_REJECT, NC__DER_ERR_AUX_UNEXPECTED, NC__DER_ERR_AUX_MALFORMED. */
nc__der_err nc__trust_aux_evaluate(const uint8_t *aux, size_t len, nc__aux_verdict *verdict);

#endif
