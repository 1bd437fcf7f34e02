/* OpenSSL's hash of an X.509 Name: the value `openssl x509 -hash` prints and the names of
 * the links in a hashed certificate directory (`openssl rehash`, -CApath, SSL_CERT_DIR).
 * Computed without OpenSSL, from OpenSSL's rules (crypto/x509/x_name.c x509_name_canon,
 * asn1_string_canon, i2d_name_canon; crypto/x509/x509_cmp.c X509_NAME_hash_ex). */
#ifndef NC_CODEC_X509_NAME_HASH_H
#define NC_CODEC_X509_NAME_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The first four bytes of the SHA-1 of the canonical form of the Name name[0..len) (a
 * whole DER Name element), read little-endian. The canonical form is the encoding of the
 * Name's non-empty RDNs, one after the other, without the outer SEQUENCE header:
 *
 *   - each RDN a SET whose attributes are sorted by their encodings (DER's SET OF order);
 *   - each attribute SEQUENCE { OBJECT IDENTIFIER, value } with minimal lengths;
 *   - a value of type UTF8String, PrintableString, T61String, IA5String, VisibleString,
 *     BMPString or UniversalString becomes a UTF8String of its characters (the one-byte
 *     types read as Latin-1), with the ASCII whitespace (space, TAB, LF, VT, FF, CR) at
 *     either end removed, each run of it inside replaced by one space, and A-Z lowered to
 *     a-z; other bytes stay as they are (no Unicode folding);
 *   - any other value is kept as OpenSSL re-encodes it: a SEQUENCE exactly as it came,
 *     a BIT STRING with the unused bits of its last byte cleared (and no unused-bit count
 *     when it is empty), every other type (NumericString too) as tag, minimal length and
 *     content.
 *
 * A Name without attributes hashes the empty string. The Name must be one that
 * nc__der_check_name accepts (its values valid for their types): anything else is read
 * safely but may hash to a value OpenSSL never gives. Returns 0 and sets *hash; -1 when
 * the Name is malformed; -2 when working memory could not be allocated (a Name of more
 * than 512 bytes needs it; a shorter one is hashed with stack memory only). */
int nc__x509_name_hash(const uint8_t *name, size_t len, uint32_t *hash);

#endif
