/* A mutex, for the one object that is shared between threads: nativecerts_store.
 * Implemented by each platform (pthreads on Unix). */
#ifndef NC_CORE_LOCK_H
#define NC_CORE_LOCK_H

typedef struct nc__lock nc__lock;

/* Returns NULL when out of memory. */
nc__lock *nc__lock_new(void);
void nc__lock_free(nc__lock *l);
void nc__lock_acquire(nc__lock *l);
void nc__lock_release(nc__lock *l);

#endif
