/* PEM scanning (docs/trust.md): finds BEGIN/END blocks in a buffer and decodes the
 * certificate ones in place. Knows nothing of files or trust. */
#ifndef NC_CODEC_PEM_H
#define NC_CODEC_PEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum nc__pem_kind {
    NC__PEM_CERTIFICATE = 1, /* CERTIFICATE or X509 CERTIFICATE: der = the certificate */
    NC__PEM_TRUSTED = 2,     /* TRUSTED CERTIFICATE: der = certificate + OpenSSL aux data */
    NC__PEM_ERROR = 3,       /* a malformed block: message says why, line says where */
    NC__PEM_KNOWN = 4        /* a CERTIFICATE block whose whole text the known hook
                                recognised: not decoded, known = what the hook said */
} nc__pem_kind;

typedef struct nc__pem_block {
    nc__pem_kind kind;
    uint8_t *der; /* decoded bytes, over the block's base64 in the scanned buffer or in
                     the scanner's out buffer; NULL for NC__PEM_ERROR and NC__PEM_KNOWN */
    size_t der_len;
    unsigned long line; /* 1-based: the BEGIN line, or the line of the error */
    uint32_t known;     /* for NC__PEM_KNOWN */
    /* For certificate blocks: the block's whole text, BEGIN line to END line with its
     * terminator, as buf[text_off..text_off + text_len) holding text_lines line ends.
     * text_kept says the text is still there (decoded into the scanner's out buffer). */
    size_t text_off, text_len;
    unsigned long text_lines;
    int text_kept;
    char message[96]; /* for NC__PEM_ERROR: "invalid base64 in CERTIFICATE block";
                         empty otherwise */
} nc__pem_block;

typedef struct nc__pem_scanner {
    uint8_t *buf; /* writable: certificate blocks are decoded over their text */
    size_t len;
    size_t pos;
    unsigned long line; /* line number of buf[pos] */
    /* Optional, set after nc__pem_init. With out, certificate blocks are decoded into
     * out[0..out_cap) (when they fit) instead of over their text, which stays as read;
     * der is then valid until the next call. With known, a CERTIFICATE block's whole
     * text (as text_off/text_len above) is offered before decoding; when known returns
     * non-zero, the block is returned as NC__PEM_KNOWN with its *id, and *lines (the
     * line ends that text holds) moves the line count on: identical text is never
     * decoded twice. */
    uint8_t *out;
    size_t out_cap;
    int (*known)(void *ctx, const uint8_t *text, size_t n, uint32_t *id, unsigned long *lines);
    void *known_ctx;
} nc__pem_scanner;

/* Starts a scan of buf[0..len); a UTF-8 BOM at the start is skipped. */
void nc__pem_init(nc__pem_scanner *s, uint8_t *buf, size_t len);

/* Finds the next certificate block or error. Blocks with other labels (keys, CRLs) are
 * skipped without decoding their base64, but a missing or mismatched END in them is
 * still an error. Returns 1 and fills *out, or 0 at the end of the buffer. The decoded
 * bytes are not checked as DER here.
 *
 * Lines end at LF, CRLF or CR. A block opens at a line that starts with "-----BEGIN "
 * and closes at one that starts with "-----END "; either must end in "-----" followed
 * only by blanks (space, tab, VT, FF). Labels are compared exactly (case-sensitive).
 * Every other line outside a block is text and ignored, including indented markers and
 * stray END lines (as OpenSSL does). The errors, each ending its block:
 *   - "malformed BEGIN line" (line: that line): the text after it is read as text;
 *   - "L block has no END line" (line: its BEGIN), at the end of the buffer;
 *   - "L block has no END line before the next BEGIN" (line: its BEGIN); the next call
 *     starts with the new BEGIN;
 *   - "malformed END line in L block", "L block closed by END M" (line: the END line);
 *   - for certificate labels only: "invalid base64 in L block" or "RFC 1421 header in L
 *     block" (line: the first line with a byte that is neither base64 nor whitespace, or
 *     a misplaced '='), "truncated base64 in L block" (line: the END line).
 * After an error inside a block the scan resumes after that block's END line. Labels in
 * messages are cut at 32 bytes, unprintable bytes shown as '?'.
 *
 * An empty block (BEGIN then END, or only whitespace between) is returned as a
 * certificate with der_len 0: the DER check then refuses it ("certificate is empty"),
 * so the caller reports it like any other undecodable certificate, at its BEGIN line.
 *
 * Decoding writes over the block's own text only (unless out is set), so der of a block
 * stays valid while the scan goes on; the text of a decoded block cannot be scanned
 * again. */
int nc__pem_next(nc__pem_scanner *s, nc__pem_block *out);

/* Non-zero when buf looks like DER rather than text: it starts with a SEQUENCE tag and
 * a length form that a certificate uses, whatever follows (a certificate with bytes after
 * it is still DER, which a distrust role reads). The caller then validates it as one DER
 * certificate; PEM files never start this way.
 *
 * Precisely: 0x30 then 0x81..0x84 (the long forms every certificate needs, being longer
 * than 127 bytes) or 0x80 (indefinite, so that a BER file gets a clear DER error). A '0'
 * followed by 0x80..0x84 is neither ASCII nor UTF-8 text, so no text file is mistaken. */
int nc__pem_looks_like_der(const uint8_t *buf, size_t len);

#endif
