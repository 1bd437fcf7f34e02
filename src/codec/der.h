/* Structural validation of DER X.509 certificates, as OpenSSL's d2i_X509 reads them
 * (docs/trust.md). Every read is bounded by the length its enclosing element declared;
 * nothing here allocates. Faults are codes of codec/der_errors.h. */
#ifndef NC_CODEC_DER_H
#define NC_CODEC_DER_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der_errors.h"

/* What a certificate's own extendedKeyUsage extension says of TLS server authentication. */
typedef enum nc__eku {
    NC__EKU_ABSENT = 0,     /* no such extension: every purpose */
    NC__EKU_SERVER = 1,     /* it names serverAuth or anyExtendedKeyUsage */
    NC__EKU_NOT_SERVER = 2, /* it names neither: other purposes only, or none */
    NC__EKU_MALFORMED = 3   /* unreadable, or two of them: the certificate is refused */
} nc__eku;

/* The limits a valid certificate sets on its own use, which the loader applies: when
 * (its validity) and what for (its extendedKeyUsage). The public display API
 * (nativecerts_cert_validity and the rest, core/cert_info.c) reads them from here. */
typedef struct nc__cert_limits {
    int64_t not_before; /* seconds since 1970-01-01T00:00:00Z (may be negative) */
    int64_t not_after;
    nc__eku eku;
} nc__cert_limits;

/* One element (tag, length, content) read by nc__der_next. */
typedef struct nc__der_elem {
    unsigned tag;           /* the first identifier byte (0x30 SEQUENCE, 0xA0 [0], ...) */
    const uint8_t *content; /* inside the buffer that was read */
    size_t len;
} nc__der_elem;

/* Reads the element at *pos, which must lie wholly before end, and moves *pos past it.
 * Lengths are definite; like OpenSSL's decoder, non-minimal length forms (leading zero
 * bytes, the long form for lengths under 128) are accepted, and like it (asn1_get_length)
 * a byte must follow the length bytes of the long form: an empty element in the long
 * form cannot end at end. High tag numbers are read over (tag then holds their first
 * byte). Returns NC__DER_OK, or the fault (NC__DER_ERR_INDEFINITE_LENGTH, ...) and
 * leaves *pos unchanged. */
nc__der_err nc__der_next(const uint8_t **pos, const uint8_t *end, nc__der_elem *e);

/* Non-zero when p[0..n) is a well-formed OBJECT IDENTIFIER content: not empty, last byte
 * ends a sub-identifier, no sub-identifier padded with a leading 0x80 (OpenSSL's rule). */
int nc__der_oid_valid(const uint8_t *p, size_t n);

/* Non-zero when the OBJECT IDENTIFIER content p[0..n) is a purpose that allows TLS server
 * authentication: id-kp-serverAuth (1.3.6.1.5.5.7.3.1) or anyExtendedKeyUsage
 * (2.5.29.37.0). */
int nc__der_oid_serves_tls_server(const uint8_t *p, size_t n);

/* Checks an AlgorithmIdentifier, SEQUENCE { OBJECT IDENTIFIER, parameters ANY OPTIONAL },
 * given the SEQUENCE read by nc__der_next, as OpenSSL's X509_ALGOR reader does: a
 * well-formed OID, then nothing or one element that its ASN1_ANY reader accepts (a
 * BOOLEAN of one byte, a NULL without content, a minimal INTEGER, a well-formed OID, ...;
 * SEQUENCE, SET and other classes are not looked into). Stricter only as DER is: no
 * constructed encoding of a universal type but SEQUENCE and SET, no universal tag in the
 * high-number form. Returns NC__DER_OK, or NC__DER_ERR_BAD_ALGORITHM,
 * NC__DER_ERR_BAD_ALGORITHM_PARAMETERS or a fault of nc__der_next. */
nc__der_err nc__der_check_algorithm(const nc__der_elem *seq);

/* The most bytes nc__der_header writes: a tag, a length byte, the length's bytes. */
#define NC__DER_HEADER_MAX (2 + sizeof(size_t))

/* Writes a one-byte tag and len as a minimal definite length (short form under 128, else
 * the fewest bytes), as OpenSSL's ASN1_put_object does. Returns the bytes written. */
size_t nc__der_header(uint8_t tag, size_t len, uint8_t out[NC__DER_HEADER_MAX]);

/* Length of the first complete DER element of buf (tag + length + content), or 0 when
 * buf does not start with a well-formed definite-length element that fits. */
size_t nc__der_element_length(const uint8_t *buf, size_t len);

/* Checks that der[0..len) is exactly one structurally valid certificate: an outer
 * SEQUENCE of exactly len bytes holding TBSCertificate, AlgorithmIdentifier and BIT
 * STRING; a TBSCertificate with optional [0] version, serial, signature algorithm,
 * issuer, validity, subject, public key in that order, then optional [1] [2] [3];
 * definite lengths only. Never stricter than OpenSSL's d2i_X509 on real roots.
 * Returns NC__DER_OK and fills *info (if not NULL), or the fault (NC__DER_ERR_CERT_EMPTY,
 * NC__DER_ERR_AFTER_CERT, ...).
 *
 * It also reads the extendedKeyUsage extension (2.5.29.37) into info->eku, as OpenSSL's
 * verifier reads it (X509V3_EXT_d2i, then x509v3_cache_extensions): the value must start
 * with a SEQUENCE of well-formed OBJECT IDENTIFIERs, which may be empty (no purpose); what
 * follows that SEQUENCE inside the value is not looked at (OpenSSL and Go ignore it).
 * A value that does not read so, or a second extendedKeyUsage extension, makes OpenSSL
 * mark the certificate invalid for every purpose, and is refused here
 * (NC__DER_ERR_BAD_EKU, NC__DER_ERR_TWO_EKU). d2i_X509 itself does not look into
 * extensions: when the extendedKeyUsage is the only fault, *info is filled all the same,
 * with eku NC__EKU_MALFORMED, so that a reader as lenient as d2i_X509 can still tell the
 * certificate. After any other fault, *info is zeroed.
 *
 * The check goes one level into names (SET OF {OID, value}), algorithm identifiers,
 * the public key and extensions ({OID, [BOOLEAN], OCTET STRING}), as OpenSSL's decoder
 * does, and judges what OpenSSL's decoder judges there: minimal INTEGERs (version,
 * serial), algorithm parameters (nc__der_check_algorithm), and name attribute values as
 * its ASN1_PRINTABLE and the name's canonical form take them (a string type, BIT STRING,
 * SEQUENCE or one of the types it calls unknown; UTF-8, BMP and UniversalString values
 * that convert to UTF-8); a Name of at most 1 MiB (X509_NAME_MAX). It does not look into
 * key bits, nor into extension values but extendedKeyUsage's. It is stricter than OpenSSL
 * only where DER asks (definite lengths, primitive forms and low tag numbers for universal
 * types: X.690 8.1.2, 10.2) and where the loader needs a value: the validity times must be
 * readable. */
nc__der_err nc__der_check_certificate(const uint8_t *der, size_t len, nc__cert_limits *info);

/* Checks that name[0..len) is exactly one Name as the certificate check above judges the
 * issuer and subject (what OpenSSL's d2i_X509_NAME reads, and can put in its canonical
 * form). Returns NC__DER_OK, or the fault. */
nc__der_err nc__der_check_name(const uint8_t *name, size_t len);

/* Converts an ASN.1 UTCTime (tag 0x17) or GeneralizedTime (tag 0x18) content to seconds
 * since the epoch. Returns 0 on success, -1 when malformed. UTCTime years 50..99 are
 * 1950..1999 (RFC 5280). X.509 asks for UTC, "Z" and seconds; like OpenSSL's
 * ASN1_TIME_to_tm, seconds may be absent, GeneralizedTime may carry a fraction (ignored)
 * and either may end in +hhmm or -hhmm (hh <= 12) instead of "Z", so that no root that
 * OpenSSL reads is refused here. Days are checked against the month (Gregorian leap
 * years); a 60th second is refused, as OpenSSL does. */
int nc__der_time_to_unix(unsigned tag, const uint8_t *p, size_t n, int64_t *out);

#endif
