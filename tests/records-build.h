/* records-build.h: appending typed records (records.h) in memory for the C
 * unit tests — complaints, audit samples, submissions, activities, ratings
 * — with text owned by the arrays, so kh_records_free frees them.  Callers
 * append in the order records.h says the store sorts them; nothing here
 * sorts, and nothing here touches a database. */
#ifndef KAOHE_RECORDS_BUILD_H
#define KAOHE_RECORDS_BUILD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "records.h"

static inline kh_day rb_day(const char *text)
{
	kh_day d = KH_DAY_NONE;
	if (text && kh_day_parse(text, &d))
		printf("# bad date in test: %s\n", text);
	return d;
}

/* Room for one more row (arrays grow one at a time: tests are small). */
#define RB_PUSH(list) \
	((list)->rows = kh_xrealloc((list)->rows, ((list)->count + 1) * \
	                            sizeof (list)->rows[0]), \
	 memset(&(list)->rows[(list)->count], 0, sizeof (list)->rows[0]), \
	 &(list)->rows[(list)->count++])

/* fault: 1, 0, or -1 (not recorded); closed NULL while open. */
static inline void rb_complaint(struct kh_complaints *list, const char *id,
                                const char *received, const char *category,
                                enum kh_substantiated subst, int fault,
                                const char *severity, const char *closed)
{
	struct kh_complaint *c = RB_PUSH(list);
	c->complaint_id = kh_xstrdup(id);
	c->received = rb_day(received);
	c->channel = kh_xstrdup("");
	c->category = kh_xstrdup(category);
	c->substantiated = subst;
	c->insurer_fault = fault;
	c->severity = kh_xstrdup(severity ? severity : "minor");
	c->closed = rb_day(closed);
	list->given = 1;
}

static inline void rb_audit(struct kh_audits *list, const char *id,
                            const char *date, const char *period,
                            const char *stream, int passed)
{
	struct kh_audit_sample *a = RB_PUSH(list);
	a->sample_id = kh_xstrdup(id);
	a->audit_date = rb_day(date);
	a->period = kh_xstrdup(period);
	a->stream = kh_xstrdup(stream);
	a->claim_id = kh_xstrdup("");
	a->passed = passed;
	a->finding = kh_xstrdup("");
}

/* at: "YYYY-MM-DD HH:MM:SS". */
static inline void rb_submission(struct kh_submissions *list, const char *report,
                                 const char *period, const char *at,
                                 int accepted)
{
	struct kh_submission *s = RB_PUSH(list);
	s->report = kh_xstrdup(report);
	s->period = kh_xstrdup(period);
	if (kh_time_parse(at, &s->submitted_at))
		printf("# bad datetime in test: %s\n", at);
	s->submitted_day = kh_time_day(s->submitted_at);
	s->accepted = accepted;
	s->ref = kh_xstrdup("");
	s->source = kh_xstrdup("import");
}

static inline void rb_activity(struct kh_activities *list, const char *date,
                               const char *kind, long long count)
{
	struct kh_activity *a = RB_PUSH(list);
	a->date = rb_day(date);
	a->kind = kh_xstrdup(kind);
	a->unit = kh_xstrdup("");
	a->count = count;
	list->given = 1;
}

static inline void rb_rating(struct kh_ratings *list, const char *quarter,
                             char rating)
{
	struct kh_rating *r = RB_PUSH(list);
	r->quarter = kh_xstrdup(quarter);
	r->rating = rating;
	r->raw_rating = kh_xstrdup("");
}

#endif
