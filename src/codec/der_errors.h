/* Why DER bytes were refused: one code per fault, each with its message, for the
 * certificate check (codec/der.h) and OpenSSL's trust data (codec/trust_aux.h). Callers
 * compare codes; the message is only for people, and tests and scripts match it, so it
 * never changes with the code's name or number. */
#ifndef NC_CODEC_DER_ERRORS_H
#define NC_CODEC_DER_ERRORS_H

/* Each fault: its name (NC__DER_ERR_<name>) and its message, in one list. */
#define NC__DER_ERRORS(X)                                                                          \
    /* Elements, as nc__der_next reads them. */                                                    \
    X(MISSING_ELEMENT, "missing element")                                                          \
    X(OVERRUN, "element longer than what holds it")                                                \
    X(TAG_TOO_LARGE, "tag number too large")                                                       \
    X(INDEFINITE_LENGTH, "indefinite length")                                                      \
    X(LENGTH_TOO_LARGE, "length too large")                                                        \
    /* The certificate as a whole. */                                                              \
    X(CERT_EMPTY, "certificate is empty")                                                          \
    X(CERT_NOT_SEQUENCE, "certificate is not a SEQUENCE")                                          \
    X(CERT_TRUNCATED, "certificate is truncated")                                                  \
    X(AFTER_CERT, "bytes after the certificate")                                                   \
    X(NO_TBS, "missing or misplaced TBSCertificate")                                               \
    X(NO_SIGNATURE_ALGORITHM, "missing or misplaced signature algorithm")                          \
    X(NO_SIGNATURE, "missing or misplaced signature")                                              \
    X(BAD_SIGNATURE, "malformed signature")                                                        \
    X(AFTER_SIGNATURE, "element after the signature")                                              \
    /* The TBSCertificate, in its order. */                                                        \
    X(BAD_VERSION, "malformed version")                                                            \
    X(NO_SERIAL, "missing or misplaced serial number")                                             \
    X(EMPTY_SERIAL, "empty serial number")                                                         \
    X(SERIAL_NOT_MINIMAL, "serial number not in minimal form")                                     \
    X(NO_TBS_SIGNATURE_ALGORITHM, "missing or misplaced TBS signature algorithm")                  \
    X(BAD_ALGORITHM, "malformed algorithm identifier")                                             \
    X(BAD_ALGORITHM_PARAMETERS, "malformed algorithm parameters")                                  \
    X(NO_ISSUER, "missing or misplaced issuer")                                                    \
    X(BAD_NAME, "malformed name")                                                                  \
    X(NAME_TOO_LONG, "name too long")                                                              \
    X(BAD_NAME_VALUE, "malformed name attribute value")                                            \
    X(AFTER_NAME, "bytes after the name")                                                          \
    X(NO_VALIDITY, "missing or misplaced validity")                                                \
    X(BAD_VALIDITY, "malformed validity")                                                          \
    X(BAD_NOT_BEFORE, "invalid notBefore time")                                                    \
    X(BAD_NOT_AFTER, "invalid notAfter time")                                                      \
    X(NO_SUBJECT, "missing or misplaced subject")                                                  \
    X(NO_PUBLIC_KEY, "missing or misplaced public key")                                            \
    X(BAD_PUBLIC_KEY, "malformed public key")                                                      \
    X(AFTER_PUBLIC_KEY, "unexpected element after the public key")                                 \
    X(BAD_UNIQUE_ID, "malformed unique identifier")                                                \
    X(BAD_EXTENSIONS, "malformed extensions")                                                      \
    X(BAD_EKU, "malformed extended key usage")                                                     \
    X(TWO_EKU, "two extended key usage extensions")                                                \
    /* OpenSSL's trust data after a TRUSTED CERTIFICATE's certificate. */                          \
    X(AUX_NOT_SEQUENCE, "trust data is not a SEQUENCE")                                            \
    X(AUX_MALFORMED, "malformed trust data")                                                       \
    X(AFTER_AUX, "bytes after the trust data")                                                     \
    X(AUX_BAD_TRUST, "malformed trust list")                                                       \
    X(AUX_BAD_REJECT, "malformed reject list")                                                     \
    X(AUX_UNEXPECTED, "unexpected element in trust data")

typedef enum nc__der_err {
    NC__DER_OK = 0, /* no fault: so that "if (err)" reads as "if refused" */
#define NC__DER_ERR_ENUM(name, message) NC__DER_ERR_##name,
    NC__DER_ERRORS(NC__DER_ERR_ENUM)
#undef NC__DER_ERR_ENUM
        NC__DER_ERR_COUNT /* one past the last code */
} nc__der_err;

/* The message of a fault ("indefinite length", ...), a static string; NULL for
 * NC__DER_OK and for any number that is not a code. */
const char *nc__der_err_message(nc__der_err err);

#endif
