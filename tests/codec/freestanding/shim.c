/* Just enough of a C library for base64_rules.c and src/codec/base64.c to run where
 * there is none: Linux on big-endian aarch64, for which Debian ships a compiler
 * (aarch64-linux-gnu-gcc -mbig-endian) and an emulator (qemu-aarch64_be-static) but no C
 * library. .ci/steps/cross.sh builds and runs it, so that the NEON path is checked
 * against the scalar loop on a big-endian CPU too:
 *
 *   aarch64-linux-gnu-gcc -mbig-endian -ffreestanding -nostdlib -static -fno-builtin
 *     -isystem tests/codec/freestanding/include -I src -I tests/codec
 *     src/codec/base64.c tests/codec/base64_rules.c tests/codec/freestanding/shim.c
 *
 * case_fail() counts without printing; printf() knows %s and %d; malloc() takes from a
 * static arena, and free() gives back only the last block taken (the tests free each
 * copy before the next). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"

#if !defined(__aarch64__) || !defined(__linux__)
#error "the system calls below are Linux's on aarch64"
#endif

static long syscall3(long nr, long a, long b, long c)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

#define SYS_WRITE 64
#define SYS_EXIT 93

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) return (char *)s;
        if (!*s) return NULL;
    }
}

static _Alignas(16) unsigned char arena[1 << 20];
static size_t arena_used, last_block;

void *malloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof arena - arena_used) return NULL;
    last_block = arena_used;
    arena_used += n;
    return arena + last_block;
}

void free(void *p)
{
    if (p == arena + last_block) arena_used = last_block;
}

static void put(const char *s, size_t n)
{
    syscall3(SYS_WRITE, 1, (long)s, (long)n);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            const char *s = va_arg(ap, const char *);
            put(s, strlen(s));
            p++;
        } else if (p[0] == '%' && p[1] == 'd') {
            int v = va_arg(ap, int);
            char digits[12], *d = digits + sizeof digits;
            unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
            do
                *--d = (char)('0' + u % 10);
            while (u /= 10);
            if (v < 0) *--d = '-';
            put(d, (size_t)(digits + sizeof digits - d));
            p++;
        } else {
            put(p, 1);
        }
    }
    va_end(ap);
    return 0;
}

void case_fail(int *failures, const char *case_name, const char *fmt, ...)
{
    (void)case_name;
    (void)fmt;
    (*failures)++;
}

uint8_t *case_exact_copy(const uint8_t *data, size_t len)
{
    uint8_t *p = malloc(len ? len : 1);
    if (p == NULL) syscall3(SYS_EXIT, 99, 0, 0);
    return memcpy(p, data, len);
}

int main(void);
void _start(void);

void _start(void)
{
    syscall3(SYS_EXIT, main(), 0, 0);
    for (;;) {
    }
}
