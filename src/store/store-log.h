/* store-log.h: the audit trail — an append-only log of what changed the
 * store's meaning after scoring: imports, decisions on money lines,
 * appeals and their decisions, the re-runs they caused.  Each entry says
 * who, when, what (an action code), on which contract, period and subject,
 * why, and the values before and after (text or JSON).  The engine refuses
 * UPDATE and DELETE on it (triggers): nothing here can change an entry. */
#ifndef KAOHE_STORE_LOG_H
#define KAOHE_STORE_LOG_H

#include <stdio.h>

#include "err.h"

struct kh_store;

/* One entry.  Any field but who and action may be NULL. */
struct kh_log_entry {
	long id;                  /* set by the store */
	const char *at;           /* "YYYY-MM-DD HH:MM:SS"; NULL on append: now
	                             ($KAOHE_NOW when set) */
	const char *who;
	const char *action;       /* import | decide | appeal-add | appeal-decide | rescore */
	const char *contract;
	const char *period;
	const char *subject;      /* a line id, an appeal number, a file */
	const char *reason;
	const char *before;
	const char *after;
};

/* Append one entry (its own transaction unless one is open: then inside
 * it).  0, or -1 with err filled. */
int kh_store_log_append(struct kh_store *store, const struct kh_log_entry *entry,
                        struct kh_err *err);

/* Each entry of a contract (NULL: all), oldest first; `fn` returns 0 to
 * go on.  The entry's strings are valid during the call only. */
typedef int kh_log_fn(const struct kh_log_entry *entry, void *arg);
int kh_store_log_each(struct kh_store *store, const char *contract,
                      kh_log_fn *fn, void *arg, struct kh_err *err);

#endif
