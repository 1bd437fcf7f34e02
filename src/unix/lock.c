/* nc__lock on POSIX threads. */
#include "core/lock.h"

#include <pthread.h>
#include <stdlib.h>

struct nc__lock {
    pthread_mutex_t m;
};

nc__lock *nc__lock_new(void)
{
    nc__lock *l = malloc(sizeof *l);
    if (l && pthread_mutex_init(&l->m, NULL) != 0) {
        free(l);
        l = NULL;
    }
    return l;
}

void nc__lock_free(nc__lock *l)
{
    if (!l) return;
    pthread_mutex_destroy(&l->m);
    free(l);
}

void nc__lock_acquire(nc__lock *l)
{
    pthread_mutex_lock(&l->m);
}

void nc__lock_release(nc__lock *l)
{
    pthread_mutex_unlock(&l->m);
}
