/* TEST DOUBLE — NOT APPLE'S errno.h. The values src/macos/*.c uses (Apple's, which are
 * also Linux's), for the Apple-target syntax check only (.ci/steps/macos-syntax.sh),
 * where glibc's headers cannot be used. */
#ifndef NC_FAKE_ERRNO_H
#define NC_FAKE_ERRNO_H

#define ENOMEM 12

#endif
