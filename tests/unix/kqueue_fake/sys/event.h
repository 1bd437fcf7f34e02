/* <sys/event.h> as FreeBSD 13 declares it (kqueue(2)), for compiling the kqueue notifier
 * on a machine that has none (.ci/steps/kqueue-syntax.sh): types and calls only. */
#ifndef NC_FAKE_SYS_EVENT_H
#define NC_FAKE_SYS_EVENT_H

#include <stdint.h>
#include <time.h>

struct kevent {
    uintptr_t ident;
    short filter;
    unsigned short flags;
    unsigned int fflags;
    int64_t data;
    void *udata;
    uint64_t ext[4];
};

#define EV_SET(kevp_, a, b, c, d, e, f)                                                            \
    do {                                                                                           \
        struct kevent *kevp = (kevp_);                                                             \
        (kevp)->ident = (a);                                                                       \
        (kevp)->filter = (b);                                                                      \
        (kevp)->flags = (c);                                                                       \
        (kevp)->fflags = (d);                                                                      \
        (kevp)->data = (e);                                                                        \
        (kevp)->udata = (f);                                                                       \
        (kevp)->ext[0] = (kevp)->ext[1] = (kevp)->ext[2] = (kevp)->ext[3] = 0;                     \
    } while (0)

#define EVFILT_VNODE (-4)
#define EV_ADD 0x0001
#define EV_CLEAR 0x0020
#define NOTE_DELETE 0x0001
#define NOTE_WRITE 0x0002
#define NOTE_EXTEND 0x0004
#define NOTE_ATTRIB 0x0008
#define NOTE_LINK 0x0010
#define NOTE_RENAME 0x0020
#define NOTE_REVOKE 0x0040

int kqueue(void);
int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist,
           int nevents, const struct timespec *timeout);

/* <sys/mman.h> on FreeBSD 12+ and OpenBSD: a page that a forked child gets zeroed. */
#define INHERIT_ZERO 3
int minherit(void *addr, size_t len, int inherit);

#endif
