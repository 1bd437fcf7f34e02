/* The contents of one certificate file, whatever read it: PEM (any number of blocks)
 * or a single DER certificate, told apart by content, not by name (docs/files.md,
 * docs/trust.md). */
#ifndef NC_CORE_CERT_FILE_H
#define NC_CORE_CERT_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/collect.h"

/* Parses buf[0..len) (modified: PEM is decoded in place) read from path, and adds its
 * certificates to source in role, and its errors. A file with no certificate and no
 * error (a README) adds nothing. In a trust role only what is exactly a valid certificate
 * counts. In a distrust role a certificate is recognised as leniently as OpenSSL's
 * d2i_X509 reads it (bytes after it, damaged trust data after it, a malformed
 * extendedKeyUsage): it is distrusted, and the damage is reported as a parse error that
 * leaves the distrust place complete. When buf is the read buffer (nc__collect_scratch) and
 * the first file of several blocks, its text is kept instead, for later files that repeat
 * its blocks (core/known_text.h); the next nc__collect_scratch call allocates anew. */
void nc__cert_file_parse(nc__collect *c, uint32_t source, const char *path, uint8_t *buf,
                         size_t len, nc__role role);

/* The same for a file that a backend read once for this load, remembered as `file` by
 * nc__collect_file_once(): counts the read and records which certificates the file gave,
 * so that another name or role that leads to it reuses them; a file that reported an
 * error is damaged (nc__collect_file_damaged). */
void nc__cert_file_parse_read(nc__collect *c, uint32_t file, uint32_t source, const char *path,
                              uint8_t *buf, size_t len, nc__role role);

#endif
