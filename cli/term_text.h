/* Text for a terminal. Names and paths can hold any byte: what is not printable UTF-8
 * (control characters, C1 controls, bidirectional controls such as U+202E, bytes that
 * are not UTF-8) is written as \xHH, byte by byte, so that nothing read from a
 * certificate or a file name can move the cursor, hide text or reorder a line.
 * Column widths are counted without the locale: East Asian wide characters and emoji
 * take two columns, combining marks none, everything else one. */
#ifndef NC_CLI_TERM_TEXT_H
#define NC_CLI_TERM_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Writes s, escaped as above. */
void term_put(FILE *f, const char *s);

/* Writes s line by line, escaped as above except its '\n', each line after indent. */
void term_put_lines(FILE *f, const char *s, const char *indent);

/* The columns s takes once escaped. */
size_t term_columns(const char *s);

/* Writes s in at most `width` columns: when it is longer, it is cut and "…" marks the
 * cut (at the end, or at the start when keep_end, which keeps a file name visible).
 * With pad, spaces fill the cell up to `width`. */
void term_put_cell(FILE *f, const char *s, size_t width, int keep_end, int pad);

#endif
