/* der_edit: reads the DER case file and builds the input of each case (see der_edit.h). The base
 * certificate is read into a tree of its elements; edits are recorded on the elements they
 * name, and the tree is written back with every length recomputed in the minimal form,
 * except where an edit sets a length. "@PATH" always means the unedited base. */
#define _POSIX_C_SOURCE 200809L
#include "der_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
} buf;

static void put(buf *b, const uint8_t *p, size_t n)
{
    if (b->cap - b->n < n) {
        size_t cap = b->cap * 2 + n + 16;
        uint8_t *bigger = realloc(b->p, cap);
        if (bigger == NULL) abort();
        b->p = bigger;
        b->cap = cap;
    }
    if (n > 0) memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_byte(buf *b, uint8_t byte)
{
    put(b, &byte, 1);
}

/* A DER length in the minimal form. */
static void put_length(buf *b, size_t n)
{
    uint8_t bytes[sizeof(size_t)];
    size_t k = 0;
    if (n < 0x80) {
        put_byte(b, (uint8_t)n);
        return;
    }
    for (size_t v = n; v > 0; v >>= 8)
        bytes[k++] = (uint8_t)v;
    put_byte(b, (uint8_t)(0x80 | k));
    while (k > 0)
        put_byte(b, bytes[--k]);
}

enum { LENGTH_AS_IS, LENGTH_LONG, LENGTH_MORE };

/* One element of the base, and what the edits do to it. */
typedef struct node {
    size_t start, hdr, end; /* the element is base[start, end), its content from start + hdr */
    uint8_t tag;
    struct node *kids;
    size_t nkids;
    int replaced, content_set, length_mode;
    size_t length_arg;
    buf repl, content, tail, after;
} node;

typedef struct ctx {
    uint8_t *base; /* the fixture as read, never written to */
    size_t base_len;
    node root;
    const der_edit_defines *defs;
    int depth; /* of "$NAME" expansions */
    char *err;
    size_t err_size;
} ctx;

/* Writes the message of the case's failure and gives -1 for the caller to return
 * (snprintf checks the format). */
#define FAIL(c, ...) (snprintf((c)->err, (c)->err_size, __VA_ARGS__), -1)

/* The base is a certificate of the fixtures: low tag numbers, definite lengths. */
static int parse_node(ctx *c, node *nd, size_t start, size_t limit)
{
    const uint8_t *b = c->base;
    size_t i = start + 2, len;
    if (limit - start < 2 || (b[start] & 0x1f) == 0x1f)
        return FAIL(c, "base: unreadable element at %zu", start);
    if (b[start + 1] < 0x80) {
        len = b[start + 1];
    } else {
        size_t k = b[start + 1] & 0x7f;
        if (k == 0 || k > 4 || limit - i < k) return FAIL(c, "base: bad length at %zu", start);
        for (len = 0; k > 0; k--)
            len = len << 8 | b[i++];
    }
    if (limit - i < len) return FAIL(c, "base: element at %zu overruns", start);
    memset(nd, 0, sizeof(*nd));
    nd->start = start;
    nd->hdr = i - start;
    nd->end = i + len;
    nd->tag = b[start];
    if ((nd->tag & 0x20) == 0) return 0;
    size_t cap = 0;
    for (size_t p = i; p < nd->end; p = nd->kids[nd->nkids++].end) {
        if (nd->nkids == cap) {
            cap = cap * 2 + 4;
            node *bigger = realloc(nd->kids, cap * sizeof(*bigger));
            if (bigger == NULL) abort();
            nd->kids = bigger;
        }
        if (parse_node(c, &nd->kids[nd->nkids], p, nd->end) != 0) return -1;
    }
    return 0;
}

static void free_node(node *nd)
{
    for (size_t i = 0; i < nd->nkids; i++)
        free_node(&nd->kids[i]);
    free(nd->kids);
    free(nd->repl.p);
    free(nd->content.p);
    free(nd->tail.p);
    free(nd->after.p);
}

/* The elements of a certificate by their names in RFC 5280 4.1, as child indexes. */
static const struct {
    const char *name, *path;
} aliases[] = {
    {"certificate", ""},
    {"tbsCertificate", "0"},
    {"signatureAlgorithm", "1"},
    {"signatureValue", "2"},
    {"version", "0.0"},
    {"serialNumber", "0.1"},
    {"signature", "0.2"},
    {"issuer", "0.3"},
    {"validity", "0.4"},
    {"notBefore", "0.4.0"},
    {"notAfter", "0.4.1"},
    {"subject", "0.5"},
    {"subjectPublicKeyInfo", "0.6"},
    {"extensions", "0.7"},
};

enum { PART_ELEMENT, PART_CONTENT, PART_LENGTH };

static int is_word(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
}

static int child(ctx *c, node **cur, unsigned long index, const char *path)
{
    if (index >= (*cur)->nkids)
        return FAIL(c, "%s: no element %lu there (%zu)", path, index, (*cur)->nkids);
    *cur = &(*cur)->kids[index];
    return 0;
}

/* NAME(.INDEX)*[.content|.length]; NAME from aliases, INDEX the child's position. */
static int parse_path(ctx *c, const char **s, node **out, int *part)
{
    const char *p = *s, *start = *s;
    if (c->base == NULL) return FAIL(c, "\"%s\": no base certificate to name", start);
    while (is_word(*p))
        p++;
    size_t n = (size_t)(p - start), a;
    for (a = 0; a < sizeof(aliases) / sizeof(aliases[0]); a++)
        if (strlen(aliases[a].name) == n && strncmp(aliases[a].name, start, n) == 0) break;
    if (a == sizeof(aliases) / sizeof(aliases[0]))
        return FAIL(c, "unknown element \"%.*s\"", (int)n, start);
    node *cur = &c->root;
    for (const char *q = aliases[a].path; *q != '\0'; q += *q == '.') {
        char *end;
        if (child(c, &cur, strtoul(q, &end, 10), start) != 0) return -1;
        q = end;
    }
    *part = PART_ELEMENT;
    while (*p == '.') {
        if (p[1] >= '0' && p[1] <= '9') {
            char *end;
            if (child(c, &cur, strtoul(p + 1, &end, 10), start) != 0) return -1;
            p = end;
        } else if (strncmp(p, ".content", 8) == 0 && !is_word(p[8])) {
            *part = PART_CONTENT;
            p += 8;
            break;
        } else if (strncmp(p, ".length", 7) == 0 && !is_word(p[7])) {
            *part = PART_LENGTH;
            p += 7;
            break;
        } else {
            return FAIL(c, "bad path \"%s\"", start);
        }
    }
    *out = cur;
    *s = p;
    return 0;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static void skip_blanks(const char **s)
{
    while (**s == ' ' || **s == '\t')
        (*s)++;
}

/* [A:B] after an "@" reference, Python's slice: a bound may be negative or left out. */
static int parse_slice(ctx *c, const char **s, size_t len, size_t *from, size_t *to)
{
    long bound[2] = {0, (long)len};
    const char *p = *s + 1;
    for (int k = 0; k < 2; k++) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end != p) bound[k] = v < 0 ? (long)len + v : v;
        if (*end != (k == 0 ? ':' : ']')) return FAIL(c, "bad slice \"%s\"", *s);
        p = end + 1;
    }
    if (bound[0] < 0 || bound[1] > (long)len || bound[0] > bound[1])
        return FAIL(c, "slice out of range \"%s\"", *s);
    *from = (size_t)bound[0];
    *to = (size_t)bound[1];
    *s = p;
    return 0;
}

/* BYTES: hex pairs; "text"; HH*N (byte HH N times); HH{BYTES} (an element of tag HH with
 * its length computed); @PATH or @PATH.content of the unedited base, with an optional
 * [A:B]; $NAME of a define. Stops at the end, at "," or, when nested, at "}". */
static int parse_bytes(ctx *c, const char **s, buf *out, int nested)
{
    for (;;) {
        skip_blanks(s);
        const char *p = *s;
        if (*p == '\0' || *p == ',' || *p == '}') {
            if ((*p == '}') != (nested != 0)) return FAIL(c, "unbalanced braces near \"%s\"", p);
            return 0;
        }
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (close == NULL) return FAIL(c, "unclosed quote \"%s\"", p);
            put(out, (const uint8_t *)p + 1, (size_t)(close - p - 1));
            *s = close + 1;
        } else if (*p == '@') {
            node *nd;
            int part;
            *s = p + 1;
            if (parse_path(c, s, &nd, &part) != 0) return -1;
            if (part == PART_LENGTH) return FAIL(c, "\"%s\": a length is no bytes", p);
            size_t from = part == PART_CONTENT ? nd->start + nd->hdr : nd->start, to = nd->end;
            if (**s == '[') {
                size_t a = 0, b = 0;
                if (parse_slice(c, s, to - from, &a, &b) != 0) return -1;
                to = from + b;
                from += a;
            }
            put(out, c->base + from, to - from);
        } else if (*p == '$') {
            const char *name = ++p, *text = NULL;
            while (is_word(*p))
                p++;
            for (size_t i = 0; i < c->defs->n && text == NULL; i++)
                if (strlen(c->defs->items[i].name) == (size_t)(p - name) &&
                    strncmp(c->defs->items[i].name, name, (size_t)(p - name)) == 0)
                    text = c->defs->items[i].text;
            if (text == NULL) return FAIL(c, "undefined \"$%.*s\"", (int)(p - name), name);
            if (c->depth == 8) return FAIL(c, "defines nested too deep at $%s", name);
            c->depth++;
            int rc = parse_bytes(c, &text, out, 0);
            c->depth--;
            if (rc != 0) return -1;
            if (*text != '\0') return FAIL(c, "\"$%.*s\" is not bytes", (int)(p - name), name);
            *s = p;
        } else if (hex_value(p[0]) >= 0 && hex_value(p[1]) >= 0) {
            uint8_t byte = (uint8_t)(hex_value(p[0]) * 16 + hex_value(p[1]));
            *s = p + 2;
            if (**s == '{') {
                buf inner = {0};
                (*s)++;
                int rc = parse_bytes(c, s, &inner, 1);
                if (rc == 0) {
                    (*s)++; /* the "}" */
                    put_byte(out, byte);
                    put_length(out, inner.n);
                    put(out, inner.p, inner.n);
                }
                free(inner.p);
                if (rc != 0) return -1;
            } else if (**s == '*') {
                char *end;
                unsigned long count = strtoul(*s + 1, &end, 10);
                if (end == *s + 1) return FAIL(c, "no count after \"*\" near \"%s\"", p);
                for (unsigned long i = 0; i < count; i++)
                    put_byte(out, byte);
                *s = end;
            } else {
                put_byte(out, byte);
            }
        } else {
            return FAIL(c, "not bytes: \"%s\"", p);
        }
    }
}

/* PATH = BYTES         the element becomes these bytes (none: it is removed)
 * PATH += BYTES        these bytes follow the element
 * PATH.content = BYTES the element keeps its tag and holds these bytes
 * PATH.content += BYTES these bytes follow the element's last child (or content)
 * PATH.length = long N the length in the long form on N bytes (N: a number)
 * PATH.length = +K     the length says K bytes more than the content has */
static int parse_edit(ctx *c, const char **s)
{
    node *nd;
    int part, append;
    const char *start = *s;
    if (parse_path(c, s, &nd, &part) != 0) return -1;
    skip_blanks(s);
    append = strncmp(*s, "+=", 2) == 0;
    if (!append && **s != '=') return FAIL(c, "no \"=\" or \"+=\" in \"%s\"", start);
    *s += append ? 2 : 1;
    skip_blanks(s);
    if (part == PART_LENGTH) {
        char *end;
        int more = **s == '+';
        if (append || nd->length_mode != LENGTH_AS_IS || (!more && strncmp(*s, "long ", 5) != 0))
            return FAIL(c, "bad length edit \"%s\"", start);
        nd->length_mode = more ? LENGTH_MORE : LENGTH_LONG;
        nd->length_arg = strtoul(*s + (more ? 1 : 5), &end, 10);
        if (end == *s + (more ? 1 : 5)) return FAIL(c, "no number in \"%s\"", start);
        if (!more && (nd->length_arg == 0 || nd->length_arg > 126))
            return FAIL(c, "a long form has 1 to 126 length bytes: \"%s\"", start);
        *s = end;
        return 0;
    }
    buf b = {0};
    if (parse_bytes(c, s, &b, 0) != 0) {
        free(b.p);
        return -1;
    }
    buf *to = part == PART_ELEMENT ? (append ? &nd->after : &nd->repl)
                                   : (append ? &nd->tail : &nd->content);
    if (!append && (part == PART_ELEMENT ? nd->replaced : nd->content_set)) {
        free(b.p);
        return FAIL(c, "\"%s\": that is set twice", start);
    }
    put(to, b.p, b.n);
    free(b.p);
    if (!append) *(part == PART_ELEMENT ? &nd->replaced : &nd->content_set) = 1;
    return 0;
}

static int edited(const node *nd)
{
    if (nd->replaced || nd->content_set || nd->length_mode != LENGTH_AS_IS || nd->tail.n > 0 ||
        nd->after.n > 0)
        return 1;
    for (size_t i = 0; i < nd->nkids; i++)
        if (edited(&nd->kids[i])) return 1;
    return 0;
}

static int write_node(ctx *c, const node *nd, buf *out)
{
    if (nd->replaced || nd->content_set)
        for (size_t i = 0; i < nd->nkids; i++)
            if (edited(&nd->kids[i]))
                return FAIL(c, "an edit inside an element that an edit replaces");
    if (nd->replaced) {
        put(out, nd->repl.p, nd->repl.n);
        put(out, nd->after.p, nd->after.n);
        return 0;
    }
    buf content = {0};
    if (nd->content_set) {
        put(&content, nd->content.p, nd->content.n);
    } else if (nd->tag & 0x20) {
        for (size_t i = 0; i < nd->nkids; i++)
            if (write_node(c, &nd->kids[i], &content) != 0) {
                free(content.p);
                return -1;
            }
    } else {
        put(&content, c->base + nd->start + nd->hdr, nd->end - nd->start - nd->hdr);
    }
    put(&content, nd->tail.p, nd->tail.n);
    put_byte(out, nd->tag);
    if (nd->length_mode == LENGTH_LONG) {
        put_byte(out, (uint8_t)(0x80 | nd->length_arg));
        for (size_t k = nd->length_arg; k > 0; k--)
            put_byte(out, k > sizeof(size_t) ? 0 : (uint8_t)(content.n >> (8 * (k - 1))));
    } else {
        put_length(out, content.n + (nd->length_mode == LENGTH_MORE ? nd->length_arg : 0));
    }
    put(out, content.p, content.n);
    free(content.p);
    put(out, nd->after.p, nd->after.n);
    return 0;
}

static int build(ctx *c, const char *input, const char *cert_dir, buf *out)
{
    const char *s = input;
    if (strncmp(s, "bytes", 5) == 0 && (s[5] == '\0' || s[5] == ' ')) {
        s += 5;
        if (parse_bytes(c, &s, out, 0) != 0) return -1;
        return *s == '\0' ? 0 : FAIL(c, "unexpected \"%s\"", s);
    }
    char name[256], path[1024];
    size_t n = 0;
    while (is_word(s[n]) && n + 1 < sizeof(name))
        n++;
    if (n == 0) return FAIL(c, "no base certificate in \"%s\"", input);
    memcpy(name, s, n);
    name[n] = '\0';
    s += n;
    case_path(path, sizeof(path), cert_dir, name, ".der");
    c->base = case_read_file(path, &c->base_len);
    if (c->base == NULL) return FAIL(c, "cannot read %s", path);
    if (parse_node(c, &c->root, 0, c->base_len) != 0) return -1;
    if (c->root.end != c->base_len) return FAIL(c, "%s: bytes after the certificate", path);
    if (strncmp(s, " with ", 6) == 0) {
        s += 6;
        for (;;) {
            skip_blanks(&s);
            if (parse_edit(c, &s) != 0) return -1;
            skip_blanks(&s);
            if (*s != ',') break;
            s++;
        }
    }
    if (*s != '\0') return FAIL(c, "unexpected \"%s\"", s);
    return write_node(c, &c->root, out);
}

uint8_t *der_edit_build(const char *input, const char *cert_dir, const der_edit_defines *defs,
                        size_t *len, char *err, size_t err_size)
{
    ctx c = {.defs = defs, .err = err, .err_size = err_size};
    buf out = {0};
    int rc = build(&c, input, cert_dir, &out);
    if (c.base != NULL) {
        free_node(&c.root);
        free(c.base);
    }
    if (rc != 0) {
        free(out.p);
        return NULL;
    }
    put_byte(&out, 0); /* at least one byte allocated; not counted */
    *len = out.n - 1;
    return out.p;
}

int der_edit_define(der_edit_defines *defs, const char *line, char *err, size_t err_size)
{
    const char *p = line;
    while (is_word(*p))
        p++;
    if (p == line || *p != ' ' || defs->n == sizeof(defs->items) / sizeof(defs->items[0])) {
        snprintf(err, err_size, "bad define \"%s\"", line);
        return -1;
    }
    /* Parse it once now, so that a bad define fails where it is written. */
    ctx c = {.defs = defs, .err = err, .err_size = err_size};
    buf scratch = {0};
    const char *text = p + 1;
    int rc = parse_bytes(&c, &text, &scratch, 0);
    free(scratch.p);
    if (rc != 0) return -1;
    if (*text != '\0') {
        snprintf(err, err_size, "bad define \"%s\"", line);
        return -1;
    }
    defs->items[defs->n].name = strndup(line, (size_t)(p - line));
    defs->items[defs->n].text = strdup(p + 1);
    if (defs->items[defs->n].name == NULL || defs->items[defs->n].text == NULL) abort();
    defs->n++;
    return 0;
}

void der_edit_free_defines(der_edit_defines *defs)
{
    for (size_t i = 0; i < defs->n; i++) {
        free(defs->items[i].name);
        free(defs->items[i].text);
    }
    defs->n = 0;
}

/* Cuts line at the next " | ", returning what follows (NULL when there is none). */
static char *next_field(char *line)
{
    char *bar = strstr(line, " | ");
    if (bar == NULL) return NULL;
    *bar = '\0';
    return bar + 3;
}

size_t der_case_file_run(const char *path, const char *cert_dir, int *failures,
                         void (*fn)(void *arg, int *failures, const der_case *c), void *arg)
{
    char *text = case_read_cases(path), *cursor = text, *line, err[512];
    der_edit_defines defs = {0};
    const char *titles[1024];
    size_t count = 0;
    while ((line = case_next_line(&cursor)) != NULL) {
        if (strncmp(line, "define ", 7) == 0) {
            if (der_edit_define(&defs, line + 7, err, sizeof(err)) != 0)
                case_fail(failures, path, "%s", err);
            continue;
        }
        char *input = next_field(line), *expected = input ? next_field(input) : NULL;
        char *reason = expected ? next_field(expected) : NULL;
        count++;
        if (expected == NULL || strchr(line, ' ') != NULL || (reason && strstr(reason, " | "))) {
            case_fail(failures, line, "want TITLE | INPUT | EXPECTED [| REASON]");
            continue;
        }
        /* A title given twice would let one case hide the other where cases are named. */
        for (size_t i = 0; i < count - 1 && i < 1024; i++)
            if (strcmp(titles[i], line) == 0) case_fail(failures, line, "title given twice");
        if (count - 1 < 1024) titles[count - 1] = line;
        der_case c = {.title = line, .expected = expected, .reason = reason};
        uint8_t *data = der_edit_build(input, cert_dir, &defs, &c.len, err, sizeof(err));
        if (data == NULL) {
            case_fail(failures, line, "input: %s", err);
            continue;
        }
        c.data = data;
        fn(arg, failures, &c);
        free(data);
    }
    der_edit_free_defines(&defs);
    free(text);
    return count;
}

typedef struct wanted {
    const char *title;
    uint8_t *data;
    size_t len;
} wanted;

static void keep_wanted(void *arg, int *failures, const der_case *c)
{
    wanted *w = arg;
    (void)failures;
    if (strcmp(c->title, w->title) != 0 || w->data != NULL) return;
    w->data = case_exact_copy(c->data, c->len);
    w->len = c->len;
}

uint8_t *der_case_input(const char *path, const char *title, const char *cert_dir, size_t *len)
{
    wanted w = {title, NULL, 0};
    int failures = 0;
    der_case_file_run(path, cert_dir, &failures, keep_wanted, &w);
    if (w.data == NULL || failures > 0) {
        fprintf(stderr, "%s: no case \"%s\" built without failure\n", path, title);
        free(w.data);
        return NULL;
    }
    *len = w.len;
    return w.data;
}
