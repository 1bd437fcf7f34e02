/* Identical PEM text is not decoded twice. The first file of a load that holds several
 * CERTIFICATE blocks (a bundle) keeps its text; a CERTIFICATE block of a later file
 * whose whole text (BEGIN line to END line) equals one of its blocks byte for byte is
 * that block's certificate, with no base64 decoding, hashing or DER check. Debian-style
 * stores hold every bundle block again as a file of its own, so this halves the decoding
 * of a default load. Text that differs in any byte (CRLF, wrapping, comments inside) is
 * simply decoded. Its allocations fail the load like any other (no partial result after
 * out of memory: docs/fail-closed.md), though the result would be the same without it. */
#ifndef NC_CORE_KNOWN_TEXT_H
#define NC_CORE_KNOWN_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "codec/pem.h"

typedef struct nc__known_block {
    size_t off, len;     /* the block's text in the kept file */
    unsigned long lines; /* line ends in that text */
    uint32_t cert;       /* the collected certificate it gave */
    uint32_t key;
} nc__known_block;

typedef struct nc__known_text {
    uint8_t *text; /* the kept file (owned); NULL while none is kept */
    nc__known_block *blocks;
    size_t nblocks, blocks_cap;
    uint64_t *table; /* open addressing over blocks: key << 32 | index + 1, 0 = empty */
    size_t table_cap;
    uint8_t *out; /* decoding buffer while a file may still be kept */
    uint64_t seed;
    size_t hits; /* blocks recognised (tests read it) */
    int off;     /* after an allocation failure */
} nc__known_text;

void nc__known_text_init(nc__known_text *k, uint64_t seed);
void nc__known_text_free(nc__known_text *k);

/* Each returns -1 when an allocation failed, after which k does nothing more. */

/* Before a PEM file is scanned with s: sets the scanner up to keep the text (no file
 * kept yet) or to recognise kept blocks. */
int nc__known_text_begin_file(nc__known_text *k, nc__pem_scanner *s);
/* A CERTIFICATE block of the file being scanned (buf) gave certificate cert. */
int nc__known_text_add(nc__known_text *k, const uint8_t *buf, const nc__pem_block *b,
                       uint32_t cert);
/* After the scan of buf. owned says buf is the caller's to give away; returns 1 when
 * the file is kept (buf now belongs to k), else 0. */
int nc__known_text_end_file(nc__known_text *k, uint8_t *buf, int owned);

#endif
