/*
 * TEST DOUBLE — NOT APPLE'S CoreFoundation.h.
 *
 * nativecerts' fake of the few CoreFoundation declarations src/macos/keychain.c uses,
 * so that the real keychain code compiles (for Linux and, syntax only, for Apple
 * targets) and runs on Linux against scripted keychains (tests/macos/fake_keychain.c).
 * It declares exactly what keychain.c calls, nothing more. Types, signatures and
 * values follow Apple's documented headers (CFBase.h, CFArray.h, CFDictionary.h,
 * CFData.h, CFNumber.h, CFString.h, MacTypes.h); where Debian's
 * librust-core-foundation-sys-dev 0.8.1 declares the same item, it agrees (noted
 * "rust:" below). The only difference from the SDK is the absence of availability and
 * nullability annotations.
 */
#ifndef NC_FAKE_COREFOUNDATION_H
#define NC_FAKE_COREFOUNDATION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* MacTypes.h */
typedef unsigned char Boolean; /* rust: u8 */
typedef unsigned char UInt8;
typedef signed int SInt32; /* LP64; rust: c_int */
typedef SInt32 OSStatus;   /* rust: i32 */

/* CFBase.h */
typedef signed long CFIndex;    /* rust: isize */
typedef unsigned long CFTypeID; /* rust: usize */
typedef const void *CFTypeRef;  /* rust: *const c_void */
typedef const struct __CFString *CFStringRef;
typedef const struct __CFArray *CFArrayRef;
typedef const struct __CFDictionary *CFDictionaryRef;
typedef const struct __CFData *CFDataRef;
typedef const struct __CFNumber *CFNumberRef;

void CFRelease(CFTypeRef cf);
CFTypeID CFGetTypeID(CFTypeRef cf);
Boolean CFEqual(CFTypeRef cf1, CFTypeRef cf2);

/* CFString.h: CFSTR() as Apple defines it, with or without compiler support. */
CFStringRef __CFStringMakeConstantString(const char *cStr);
#if defined(__CONSTANT_CFSTRINGS__)
#define CFSTR(cStr) ((CFStringRef)__builtin___CFStringMakeConstantString("" cStr ""))
#else
#define CFSTR(cStr) __CFStringMakeConstantString("" cStr "")
#endif

/* CFArray.h */
CFIndex CFArrayGetCount(CFArrayRef theArray);
const void *CFArrayGetValueAtIndex(CFArrayRef theArray, CFIndex idx);

/* CFDictionary.h */
CFTypeID CFDictionaryGetTypeID(void);
Boolean CFDictionaryGetValueIfPresent(CFDictionaryRef theDict, const void *key, const void **value);

/* CFData.h */
CFIndex CFDataGetLength(CFDataRef theData);
const UInt8 *CFDataGetBytePtr(CFDataRef theData);

/* CFNumber.h: CF_ENUM(CFIndex, CFNumberType) (rust 0.8.1 says u32; Apple says CFIndex). */
typedef CFIndex CFNumberType;
enum { kCFNumberSInt32Type = 3 }; /* rust: 3 */
CFTypeID CFNumberGetTypeID(void);
Boolean CFNumberGetValue(CFNumberRef number, CFNumberType theType, void *valuePtr);

#ifdef __cplusplus
}
#endif

#endif
