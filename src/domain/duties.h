/* duties.h: the duties calendar — every dated duty of both parties under a
 * contract (reports, rectification, fund requests and payments, receipts,
 * the solvency report, the refund window, renewal talks), each with its
 * clause, due date and status at an as-of day.  Pure: computes on the
 * contract, the loaded records and the work calendar; never touches the
 * store and never prints except calendar errors in strict mode. */
#ifndef KAOHE_DUTIES_H
#define KAOHE_DUTIES_H

#include <stddef.h>

#include <libxml/tree.h>

#include "calendar.h"
#include "contract.h"
#include "dates.h"
#include "err.h"
#include "records.h"

/* The record kinds the duties read (kh_store_load_records). */
#define KH_DUTIES_READS (KH_REC_SUBMISSIONS | KH_REC_FACTS | KH_REC_RATINGS)

enum kh_duty_party { KH_PARTY_INSURER = 0, KH_PARTY_PURCHASER, KH_PARTY_BOTH };

/* At the as-of day: not-due (the duty has not arisen: its period is still
 * running), open (arisen, deadline not passed, not done), done (done on
 * or before the due day), late (done after it, or not done and the due
 * day has passed).  A record dated after the as-of day is not known. */
enum kh_duty_status { KH_DUTY_NOT_DUE = 0, KH_DUTY_OPEN, KH_DUTY_DONE,
                      KH_DUTY_LATE };

struct kh_duty {
	const char *kind;         /* code: report, rectification, fund-request,
	                             fund-payment, fund-receipt, rating-report,
	                             refund, renewal-talks */
	char *clause;             /* "第二十一条" */
	enum kh_duty_party party;
	char *ref;                /* the period or the fact's ref it is about ("" none) */
	char *text;               /* what is to be done, current language */
	kh_day from;              /* the day the duty arises */
	kh_day due;               /* KH_DAY_NONE: the order set no deadline */
	kh_day done;              /* KH_DAY_NONE while not done (as of) */
	enum kh_duty_status status;
	int is_default;           /* the deadline is the template's reading */
};

/* Sorted by due day (no deadline last), then kind, then ref. */
struct kh_duties {
	struct kh_duty *rows;
	size_t count, cap;
};

/* Status rule above: done only counts when done <= as_of. */
enum kh_duty_status kh_duty_judge(kh_day from, kh_day due, kh_day done,
                                  kh_day as_of);

/* Every duty of the contract's term at as_of.  `strict`: a due date the
 * calendar cannot compute (year not loaded) is an error, printed (-1 with
 * err); else that duty is left out.  0 or -1. */
int kh_duties_build(const struct kh_contract *c, const struct kh_records *rec,
                    const struct kh_calendar *cal, kh_day as_of, int strict,
                    struct kh_duties *out, struct kh_err *err);
void kh_duties_free(struct kh_duties *d);

/* Codes for XML ("insurer", "done", ...). */
const char *kh_duty_party_code(enum kh_duty_party p);
const char *kh_duty_status_code(enum kh_duty_status s);

/* One <duty> element under parent (in parent's namespace). */
xmlNodePtr kh_duty_xml(xmlNodePtr parent, const struct kh_duty *d);

/* The scorecard hook (called by score.c after <triggers>): appends
 * <duties as-of=".."> to the scorecard root holding the duties that are
 * late — due within the period, or due before it and still not done —
 * and the rectification orders still open, with their deadlines.  Adds
 * nothing when there are none.  Never fails: a duty the calendar cannot
 * date is left out. */
void kh_duties_scorecard(const struct kh_contract *c, const struct kh_records *rec,
                         const struct kh_calendar *cal,
                         const struct kh_period *period, kh_day as_of,
                         xmlNodePtr root);

/* How the insurer contests a result (复核), for the result notice: the
 * clause providing it ("" when the contract names none), the window in
 * working days from receipt of the notice, and whether the window is the
 * template's default (1: no seed states one). */
struct kh_appeal_rule {
	const char *clause;
	const char *text;         /* Chinese paraphrase */
	int workdays;
	int is_default;
};
void kh_duties_appeal_rule(const char *seed, struct kh_appeal_rule *out);

#endif
