/* PEM scanning: BEGIN/END structure, labels, in-place base64 of certificate blocks. */
#include "codec/pem.h"

#include <string.h>

#include "codec/base64.h"

#define BEGIN_PREFIX "-----BEGIN "
#define END_PREFIX "-----END "
#define DASHES "-----"

/* Labels longer than this are cut in messages; no certificate label comes close. */
#define LABEL_SHOWN_MAX 32
#define MESSAGE_SIZE sizeof(((nc__pem_block *)0)->message)

typedef struct pem_line {
    const uint8_t *p; /* the line's text, without its terminator */
    size_t n;
    unsigned long number;
} pem_line;

typedef struct pem_label {
    const uint8_t *p;
    size_t n;
} pem_label;

void nc__pem_init(nc__pem_scanner *s, uint8_t *buf, size_t len)
{
    s->buf = buf;
    s->len = len;
    s->pos = 0;
    s->line = 1;
    s->out = NULL;
    s->out_cap = 0;
    s->known = NULL;
    s->known_ctx = NULL;
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) s->pos = 3;
}

int nc__pem_looks_like_der(const uint8_t *buf, size_t len)
{
    /* See pem.h: long or indefinite length forms only, which text never starts with. */
    return len >= 2 && buf[0] == 0x30 && buf[1] >= 0x80 && buf[1] <= 0x84;
}

/* Takes the line at s->pos and moves past it and its terminator (LF, CRLF or CR). */
static int next_line(nc__pem_scanner *s, pem_line *l)
{
    if (s->pos >= s->len) return 0;
    /* memchr twice beats a byte loop: lines are long and almost all end in LF. */
    const uint8_t *start = s->buf + s->pos;
    size_t rest = s->len - s->pos;
    const uint8_t *lf = memchr(start, '\n', rest);
    size_t n = lf != NULL ? (size_t)(lf - start) : rest;
    const uint8_t *cr = memchr(start, '\r', n);
    size_t i = s->pos + (cr != NULL ? (size_t)(cr - start) : n);
    l->p = s->buf + s->pos;
    l->n = i - s->pos;
    l->number = s->line;
    if (i < s->len) {
        if (s->buf[i] == '\r' && i + 1 < s->len && s->buf[i + 1] == '\n') i++;
        i++;
        s->line++;
    }
    s->pos = i;
    return 1;
}

/* The line ends (LF, CRLF once, lone CR) in p[0..n), which ends at a line start or at the
 * end of the buffer, so that a CR at p[n-1] is a line end of its own. For the text the
 * decoder does not go through: between blocks, skipped blocks, the rest of a bad body. */
static unsigned long count_line_ends(const uint8_t *p, size_t n)
{
    unsigned long ends = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n'))) ends++;
    return ends;
}

/* Moves the scan to at, a line start at or after s->pos, counting the lines passed. */
static void skip_to(nc__pem_scanner *s, size_t at)
{
    s->line += count_line_ends(s->buf + s->pos, at - s->pos);
    s->pos = at;
}

static int starts_with(const nc__pem_scanner *s, size_t at, const char *prefix)
{
    size_t n = strlen(prefix);
    return s->len - at >= n && memcmp(s->buf + at, prefix, n) == 0;
}

/* The first line start at or after from (itself a line start) whose text starts with
 * BEGIN_PREFIX, or also END_PREFIX when is_end is not NULL (*is_end then says which);
 * s->len when there is none. Markers start with a dash, which neither base64 nor the
 * usual text between blocks holds often, so this jumps from dash to dash rather than
 * going line by line. */
static size_t find_marker(const nc__pem_scanner *s, size_t from, int *is_end)
{
    size_t at = from;
    while (at < s->len) {
        const uint8_t *dash = memchr(s->buf + at, '-', s->len - at);
        if (dash == NULL) break;
        size_t q = (size_t)(dash - s->buf);
        if (q == from || s->buf[q - 1] == '\n' || s->buf[q - 1] == '\r') {
            if (starts_with(s, q, BEGIN_PREFIX)) {
                if (is_end != NULL) *is_end = 0;
                return q;
            }
            if (is_end != NULL && starts_with(s, q, END_PREFIX)) {
                *is_end = 1;
                return q;
            }
        }
        at = q + 1;
    }
    return s->len;
}

/* The label of a BEGIN or END line: what lies between the prefix and the closing dashes,
 * which trailing blanks may follow. Returns 0 when the line does not close that way. */
static int marker_label(const pem_line *l, const char *prefix, pem_label *label)
{
    size_t start = strlen(prefix);
    size_t n = l->n;
    while (n > start && nc__base64_is_space(l->p[n - 1]))
        n--;
    if (n < start + 5 || memcmp(l->p + n - 5, DASHES, 5) != 0) return 0;
    label->p = l->p + start;
    label->n = n - start - 5;
    return 1;
}

static int label_is(const pem_label *label, const char *name)
{
    return label->n == strlen(name) && memcmp(label->p, name, label->n) == 0;
}

/* The kind a label yields, or 0 for labels whose blocks are skipped undecoded. */
static nc__pem_kind label_kind(const pem_label *label)
{
    if (label_is(label, "CERTIFICATE") || label_is(label, "X509 CERTIFICATE"))
        return NC__PEM_CERTIFICATE;
    if (label_is(label, "TRUSTED CERTIFICATE")) return NC__PEM_TRUSTED;
    return (nc__pem_kind)0;
}

/* Appends text to a message, always leaving it NUL-terminated. */
static size_t append(char *msg, size_t at, const char *text)
{
    while (*text != '\0' && at + 1 < MESSAGE_SIZE)
        msg[at++] = *text++;
    msg[at] = '\0';
    return at;
}

/* Appends a label from the file, cut and with unprintable bytes replaced, so that a
 * message stays one readable line whatever the file holds. */
static size_t append_label(char *msg, size_t at, const pem_label *label)
{
    if (label->n == 0) return append(msg, at, "unnamed");
    size_t n = label->n < LABEL_SHOWN_MAX ? label->n : LABEL_SHOWN_MAX;
    for (size_t i = 0; i < n && at + 1 < MESSAGE_SIZE; i++) {
        uint8_t c = label->p[i];
        msg[at++] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
    }
    msg[at] = '\0';
    return label->n > n ? append(msg, at, "...") : at;
}

/* Fills out as an error: before + label + after (+ other label), at line. */
static int block_error(nc__pem_block *out, unsigned long line, const char *before,
                       const pem_label *label, const char *after, const pem_label *other)
{
    size_t at = 0;
    out->kind = NC__PEM_ERROR;
    out->der = NULL;
    out->der_len = 0;
    out->line = line;
    at = append(out->message, at, before);
    if (label != NULL) at = append_label(out->message, at, label);
    at = append(out->message, at, after);
    if (other != NULL) append_label(out->message, at, other);
    return 1;
}

/* Offers the block from begin (its BEGIN line) to the END line at `at` to the known hook;
 * on a match, fills *out and moves the scan past the block. */
static int known_block(nc__pem_scanner *s, size_t begin, unsigned long begin_line, size_t at,
                       nc__pem_block *out)
{
    nc__pem_scanner end = *s;
    pem_line l;
    end.pos = at;
    next_line(&end, &l);
    uint32_t id;
    unsigned long lines;
    if (!s->known(s->known_ctx, s->buf + begin, end.pos - begin, &id, &lines)) return 0;
    out->kind = NC__PEM_KNOWN;
    out->known = id;
    out->der = NULL;
    out->der_len = 0;
    out->line = begin_line;
    out->message[0] = '\0';
    out->text_off = begin;
    out->text_len = end.pos - begin;
    out->text_lines = lines;
    out->text_kept = 1;
    s->pos = end.pos;
    s->line = begin_line + lines;
    return 1;
}

/* Reads the block whose BEGIN line (at begin) was just consumed, up to and including its
 * END line. Returns 1 when *out was filled (a certificate, a known one, or an error), 0
 * for a well-formed block of a skipped label. */
static int read_block(nc__pem_scanner *s, size_t begin, unsigned long begin_line,
                      const pem_label *label, nc__pem_block *out)
{
    nc__pem_kind kind = label_kind(label);
    uint8_t *body = s->buf + s->pos;
    nc__base64 b64;
    unsigned long bad_line = 0, body_ends = 0;
    int bad_is_header = 0, is_end = 0;
    pem_line l;

    /* The body runs to the first BEGIN or END line (or the end of the buffer). */
    size_t at = find_marker(s, s->pos, &is_end);
    size_t n = at - s->pos;

    if (kind == NC__PEM_CERTIFICATE && is_end && s->known &&
        known_block(s, begin, begin_line, at, out))
        return 1;
    /* Decoded bytes go over the body's own text, or into out when the text is kept: three
     * bytes for four characters at most. */
    uint8_t *dst = s->out && n / 4 * 3 + 3 <= s->out_cap ? s->out : body;
    nc__base64_init(&b64, dst);
    if (kind != 0) {
        /* Only certificate blocks are decoded: a damaged key or CRL is not our business.
         * One call for the whole body (line ends are whitespace to base64), which also
         * counts its lines, since its text is written over as it goes. */
        size_t line_start = 0;
        size_t got = nc__base64_update_lines(&b64, body, n, &body_ends, &line_start);
        if (got != n) {
            /* The first bad byte gives the line. The text before it may be written over
             * by decoded bytes already, so only the rest of the line, from the bad byte
             * on, is looked at: a header line ("Proc-Type: ...") has its colon there.
             * The rest of the body is intact, its lines are counted as text. */
            size_t line_end = got;
            while (line_end < n && body[line_end] != '\n' && body[line_end] != '\r')
                line_end++;
            bad_line = s->line + body_ends;
            bad_is_header = memchr(body + got, ':', line_end - got) != NULL;
            body_ends += count_line_ends(body + got, n - got);
        }
    } else {
        body_ends = count_line_ends(body, n);
    }
    s->pos = at;
    s->line += body_ends;

    if (at == s->len)
        return block_error(out, begin_line, "", label, " block has no END line", NULL);
    /* A new BEGIN is left for the next call, so that its block is parsed. */
    if (!is_end)
        return block_error(out, begin_line, "", label,
                           " block has no END line before the next BEGIN", NULL);
    next_line(s, &l);

    pem_label end;
    if (!marker_label(&l, END_PREFIX, &end))
        return block_error(out, l.number, "malformed END line in ", label, " block", NULL);
    if (end.n != label->n || memcmp(end.p, label->p, end.n) != 0)
        return block_error(out, l.number, "", label, " block closed by END ", &end);
    if (kind == 0) return 0;
    if (bad_line != 0)
        return block_error(out, bad_line,
                           bad_is_header ? "RFC 1421 header in " : "invalid base64 in ", label,
                           " block", NULL);
    if (nc__base64_final(&b64) != 0)
        return block_error(out, l.number, "truncated base64 in ", label, " block", NULL);

    out->kind = kind;
    out->der = dst;
    out->der_len = (size_t)(b64.out - dst);
    out->line = begin_line;
    out->message[0] = '\0';
    out->text_off = begin;
    out->text_len = s->pos - begin;
    out->text_lines = s->line - begin_line;
    out->text_kept = dst != body;
    return 1;
}

int nc__pem_next(nc__pem_scanner *s, nc__pem_block *out)
{
    pem_line l;
    for (;;) {
        /* Only a line that starts with the marker opens a block; anything else (comments,
         * "subject=" lines, text dumps, indented markers) is text between blocks. */
        skip_to(s, find_marker(s, s->pos, NULL));
        size_t begin = s->pos;
        if (!next_line(s, &l)) return 0;
        pem_label label;
        if (!marker_label(&l, BEGIN_PREFIX, &label))
            return block_error(out, l.number, "malformed BEGIN line", NULL, "", NULL);
        if (read_block(s, begin, l.number, &label, out)) return 1;
    }
}
