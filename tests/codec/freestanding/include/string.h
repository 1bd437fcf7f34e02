/* The part of <string.h> base64.c and base64_rules.c use, for a build without a C
 * library (shim.c). */
#ifndef NC_SHIM_STRING_H
#define NC_SHIM_STRING_H
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
char *strchr(const char *s, int c);
size_t strlen(const char *s);
#endif
