/* store-submissions.h: the receipts `kaohe submit` keeps — finding an
 * accepted submission by the file's idempotency key (so a file is not
 * sent twice), and recording a receipt as a submissions row (source
 * 'submit') that the report indicators then judge.
 *
 * Invariants: the bearer token never reaches the store; a receipt is
 * recorded in one transaction, and the same receipt recorded again updates
 * its row in place instead of adding another. */
#ifndef KAOHE_STORE_SUBMISSIONS_H
#define KAOHE_STORE_SUBMISSIONS_H

#include "err.h"
#include "store.h"

/* A receipt to record (strings borrowed). */
struct kh_receipt_record {
	const char *contract, *report, *period;
	const char *submitted_at;     /* the server's time, "YYYY-MM-DD HH:MM:SS" */
	int accepted;
	const char *ref;              /* the server's reference */
	const char *idempotency_key;  /* SHA-256 of the file sent */
};

/* A stored accepted receipt (strings owned; kh_stored_receipt_free). */
struct kh_stored_receipt {
	char *contract, *report, *period;
	char *submitted_at;
	char *ref;                    /* "" when the row has none */
};
void kh_stored_receipt_free(struct kh_stored_receipt *receipt);

/* The earliest accepted submission sent with this key: *found = 1 and *out
 * filled, or *found = 0. */
int kh_store_submission_find(struct kh_store *store, const char *key,
                             struct kh_stored_receipt *out, int *found,
                             struct kh_err *err);

/* Record a receipt (one transaction; a row with the same contract, report,
 * period and submitted_at is updated in place). */
int kh_store_submission_record(struct kh_store *store,
                               const struct kh_receipt_record *receipt,
                               struct kh_err *err);

#endif
