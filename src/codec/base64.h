/* Base64 (RFC 4648 alphabet) for PEM bodies: streaming decoding, written in place (the
 * output never overtakes the input, so the decoder may write over the text it reads), and
 * encoding. */
#ifndef NC_CODEC_BASE64_H
#define NC_CODEC_BASE64_H

#include <stddef.h>
#include <stdint.h>

typedef struct nc__base64 {
    uint8_t *out;     /* where the next decoded byte goes */
    uint32_t bits;    /* the characters of the current quantum, 6 bits each */
    unsigned count;   /* characters in the current quantum, 0..3 */
    unsigned padding; /* '=' seen in the current quantum */
    int done;         /* a padded quantum ended the data: only whitespace may follow */
} nc__base64;

/* Starts decoding; bytes are written from out onwards. When the input is fed from a
 * buffer that starts at out (in place), every write lands on bytes already read. */
void nc__base64_init(nc__base64 *b, uint8_t *out);

/* Feeds in[0..n). Whitespace (space, tab, CR, LF, VT, FF) is skipped. Returns n when all
 * of it was accepted, else the index of the first byte that is neither whitespace nor
 * base64 in its place ('=' anywhere but the end of the data, data after padding); the
 * decoder must then be abandoned. */
size_t nc__base64_update(nc__base64 *b, const uint8_t *in, size_t n);

/* As nc__base64_update, and also follows the lines of in (for PEM error lines): adds to
 * *line_ends the line ends (LF, CRLF once, a lone CR, including one at in[n-1]) that lie
 * before the returned index, and sets *line_start to the offset in in at which the line
 * holding that index starts (0 when in has no line end before it). */
size_t nc__base64_update_lines(nc__base64 *b, const uint8_t *in, size_t n, unsigned long *line_ends,
                               size_t *line_start);

/* Ends the data: returns 0 when it ended on a quantum boundary (the output is complete
 * and ends at b->out), -1 when characters are left over (truncated base64). */
int nc__base64_final(const nc__base64 *b);

/* For tests: non-zero makes the decoder use its scalar loop only, zero lets it use the
 * CPU's vector instructions again where it has them. Not for use during a load. */
void nc__base64_force_scalar(int on);

/* For tests: the vector instructions this build decodes with where the CPU has them
 * ("ssse3", "neon"), or NULL when it has no vector path. */
const char *nc__base64_vector_path(void);

/* Non-zero for the whitespace that PEM allows inside a body: space, tab, CR, LF, VT, FF. */
int nc__base64_is_space(uint8_t c);

/* Encodes in[0..n) as base64 with '=' padding (RFC 4648 §4) into out: exactly
 * NC__BASE64_ENCODED(n) characters, no NUL, no line breaks. Returns that length. */
#define NC__BASE64_ENCODED(n) (((n) + 2) / 3 * 4)
size_t nc__base64_encode(const uint8_t *in, size_t n, char *out);

#endif
