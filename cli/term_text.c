/* Escaping and column counting for terminal output (see term_text.h). */
#include "term_text.h"

#include "utf8.h"

#include <stdint.h>

/* One unit of output: a printable character, or a byte written as \xHH. */
typedef struct unit {
    size_t bytes;   /* of the input */
    size_t columns; /* on the terminal */
    int escaped;
} unit;

static int in_ranges(uint32_t cp, const uint32_t (*ranges)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1]) return 1;
    return 0;
}

static size_t char_columns(uint32_t cp)
{
    static const uint32_t zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
        {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    };
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
        {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
    };
    if (in_ranges(cp, zero, sizeof(zero) / sizeof(zero[0]))) return 0;
    if (in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0]))) return 2;
    return 1;
}

static unit next_unit(const char *s)
{
    uint32_t cp;
    size_t len = utf8_decode(s, &cp);
    /* Only the first byte is escaped here; the bytes after it are not UTF-8 on their own,
     * so they are escaped in turn: U+202E is written \xE2\x80\xAE. */
    if (len == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
        utf8_is_bidi_control(cp)) {
        unit u = {1, 4, 1};
        return u;
    }
    unit u = {len, char_columns(cp), 0};
    return u;
}

static void put_unit(FILE *f, const char *s, unit u)
{
    if (u.escaped)
        fprintf(f, "\\x%02X", (unsigned char)*s);
    else
        fwrite(s, 1, u.bytes, f);
}

void term_put(FILE *f, const char *s)
{
    while (*s) {
        unit u = next_unit(s);
        put_unit(f, s, u);
        s += u.bytes;
    }
}

void term_put_lines(FILE *f, const char *s, const char *indent)
{
    while (*s) {
        fputs(indent, f);
        while (*s && *s != '\n') {
            unit u = next_unit(s);
            put_unit(f, s, u);
            s += u.bytes;
        }
        fputc('\n', f);
        if (*s == '\n') s++;
    }
}

size_t term_columns(const char *s)
{
    size_t columns = 0;
    while (*s) {
        unit u = next_unit(s);
        columns += u.columns;
        s += u.bytes;
    }
    return columns;
}

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026, one column */

void term_put_cell(FILE *f, const char *s, size_t width, int keep_end, int pad)
{
    size_t total = term_columns(s), used = 0;
    if (total <= width) {
        term_put(f, s);
        used = total;
    } else if (width > 0 && keep_end) {
        /* Skip units until what remains fits beside the ellipsis. */
        size_t rest = total;
        while (*s && rest > width - 1) {
            unit u = next_unit(s);
            rest -= u.columns;
            s += u.bytes;
        }
        fputs(ellipsis, f);
        term_put(f, s);
        used = 1 + rest;
    } else if (width > 0) {
        for (;;) {
            unit u = next_unit(s);
            if (used + u.columns > width - 1) break;
            put_unit(f, s, u);
            used += u.columns;
            s += u.bytes;
        }
        fputs(ellipsis, f);
        used++;
    }
    for (; pad && used < width; used++)
        fputc(' ', f);
}
