/* JSON strings that any parser accepts, whatever bytes they were made from. */
#include "json.h"

#include "utf8.h"

void json_string(FILE *f, const char *s)
{
    if (s == NULL) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    while (*s) {
        uint32_t cp;
        size_t len = utf8_decode(s, &cp);
        if (len == 0) {
            fputs("\\ufffd", f);
            s++;
            continue;
        }
        switch (cp) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\b':
            fputs("\\b", f);
            break;
        case '\f':
            fputs("\\f", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029 || utf8_is_bidi_control(cp))
                fprintf(f, "\\u%04x", (unsigned)cp);
            else
                fwrite(s, 1, len, f);
        }
        s += len;
    }
    fputc('"', f);
}

void json_key(FILE *f, const char *key, int first)
{
    if (!first) fputc(',', f);
    fprintf(f, "\"%s\":", key);
}

void json_uint(FILE *f, uint64_t v, int present)
{
    if (present)
        fprintf(f, "%llu", (unsigned long long)v);
    else
        fputs("null", f);
}

void json_int(FILE *f, int64_t v, int present)
{
    if (present)
        fprintf(f, "%lld", (long long)v);
    else
        fputs("null", f);
}
