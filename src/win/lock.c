/* nc__lock on a Windows slim reader/writer lock, taken exclusively. */
#include "core/lock.h"

#include <stdlib.h>
#include <windows.h>

struct nc__lock {
    SRWLOCK l;
};

nc__lock *nc__lock_new(void)
{
    nc__lock *l = malloc(sizeof *l);
    if (l) InitializeSRWLock(&l->l);
    return l;
}

void nc__lock_free(nc__lock *l)
{
    free(l); /* an SRW lock holds no resources */
}

void nc__lock_acquire(nc__lock *l)
{
    AcquireSRWLockExclusive(&l->l);
}

void nc__lock_release(nc__lock *l)
{
    ReleaseSRWLockExclusive(&l->l);
}
