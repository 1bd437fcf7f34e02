/* X.509 Names (RFC 5280 §4.1.2.4) as text: the RFC 4514 string OpenSSL prints with
 * XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB (what `openssl x509 -noout -subject -nameopt
 * RFC2253,-esc_msb` shows), and a short display name. Every read is bounded by the
 * lengths of the enclosing elements; nothing here allocates or keeps state.
 *
 * Output convention (that of snprintf): the whole text's length is returned; buf gets
 * its first n - 1 bytes (cut back to a whole UTF-8 character) and a NUL when n > 0.
 * buf may be NULL when n is 0. */
#ifndef NC_CODEC_X509_NAME_H
#define NC_CODEC_X509_NAME_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"

/* OpenSSL prints attribute types into an 80-byte buffer: 79 characters at most. */
#define NC__X509_ATTR_NAME_MAX 80

/* Writes the name OpenSSL prints for the attribute type whose OBJECT IDENTIFIER content is
 * oid[0..len): its short name ("CN", "emailAddress", "jurisdictionC") when OpenSSL
 * knows the type, else the dotted decimal form, cut to 79 characters; nothing for an OID
 * over 586 bytes, as OBJ_obj2txt. Returns 1 for a short name, 0 for a dotted form. The OID
 * must be well-formed (nc__der_oid_valid). */
int nc__x509_attr_name(const uint8_t *oid, size_t len, char out[NC__X509_ATTR_NAME_MAX]);

/* One attribute of a Name, as the walker below reads it. */
typedef struct nc__x509_attr {
    const uint8_t *oid; /* the OBJECT IDENTIFIER's content */
    size_t oid_len;
    const uint8_t *value; /* the whole value element */
    size_t value_len;
    nc__der_elem content; /* its tag and content */
    size_t rdn;           /* index of the SET it is in */
} nc__x509_attr;

/* Walks the attributes of a Name, SEQUENCE OF SET OF SEQUENCE { OBJECT IDENTIFIER, value },
 * first to last; an empty SET has none. Every read is bounded by the enclosing lengths. */
typedef struct nc__x509_attrs {
    const uint8_t *p, *end;   /* the RDNs not read yet */
    const uint8_t *q, *q_end; /* the attributes left in the current RDN */
    size_t rdn;
} nc__x509_attrs;

/* Starts at name[0..len), which must be exactly one SEQUENCE. Returns 0, or -1. */
int nc__x509_attrs_init(nc__x509_attrs *it, const uint8_t *name, size_t len);

/* Returns 1 with the next attribute in *e, 0 at the end, -1 when malformed: an element
 * that is not a SET, SEQUENCE or well-formed OID where one belongs, a SEQUENCE that holds
 * more or less than an OID and one value. It does not judge the value. */
int nc__x509_attrs_next(nc__x509_attrs *it, nc__x509_attr *e);

/* Receives bytes: the output of nc__x509_value_der. */
typedef void (*nc__x509_put)(void *ctx, const uint8_t *p, size_t n);

/* Writes the attribute's value as OpenSSL's i2d writes it again after reading it into an
 * ASN1_PRINTABLE: a constructed value (a SEQUENCE) or one of a high tag number exactly as
 * it came; a BIT STRING with the unused bits of its last byte cleared (and an unused-bit
 * count of 0 when it holds no bits), as c2i_ASN1_BIT_STRING and i2c_ASN1_BIT_STRING do;
 * any other primitive value as tag, minimal length and content. */
void nc__x509_value_der(const nc__x509_attr *e, nc__x509_put emit, void *ctx);

/* Finds the issuer and subject Names of a certificate: sets each pointer and length to
 * the whole Name element (SEQUENCE tag included). Returns 0, or -1 when der is not a
 * certificate that nc__der_check_certificate accepts. */
int nc__x509_cert_names(const uint8_t *der, size_t len, const uint8_t **issuer, size_t *issuer_len,
                        const uint8_t **subject, size_t *subject_len);

/* Writes the Name name[0..len) (a whole DER Name element) as RFC 4514 text, as OpenSSL
 * does: attributes last to first (RDN order reversed, and the attributes of a
 * multi-valued RDN too), joined by ',' or, within an RDN, '+'; each as TYPE=VALUE.
 * Values of the string types of asn1_string.h are decoded to UTF-8; in them `"+,;<>\`
 * are escaped with a backslash, and so are a leading '#', a leading or trailing space
 * (a value that is only "#" stays as it is: OpenSSL escapes a character as last, not
 * also as first), and controls (U+0000-U+001F, U+007F) as \XX; other characters are
 * copied. A value of an unknown attribute type, of another type, or not valid for its
 * type is written #HEX: uppercase hex digits of its DER (re-encoded with a minimal
 * length when primitive, as OpenSSL's i2d does). Returns (size_t)-1 when the Name is
 * malformed. */
size_t nc__x509_name_rfc4514(const uint8_t *name, size_t len, char *buf, size_t n);

/* Writes a short name for people: the value of the Name's last commonName, else of its
 * last organizationName, else of its last organizationalUnitName, unescaped UTF-8 with
 * control characters replaced by U+FFFD (a value that cannot be decoded is written
 * #HEX, as above); else the whole Name as nc__x509_name_rfc4514 writes it. Returns
 * (size_t)-1 when the Name is malformed. */
size_t nc__x509_name_display(const uint8_t *name, size_t len, char *buf, size_t n);

#endif
