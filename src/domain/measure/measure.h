/* measure.h: the one small interface every measure family implements.  A
 * measure reads the stored records of one contract for one period, judges
 * them against its indicator's parameters (docs/measures.md) and fills a
 * result: status, value, target, evidence, chart series.  Measures never
 * print and never write to the store. */
#ifndef KAOHE_MEASURE_H
#define KAOHE_MEASURE_H

#include <libxml/tree.h>

#include "calendar.h"
#include "contract.h"
#include "dates.h"
#include "err.h"
#include "params.h"
#include "records.h"

struct kh_measure_ctx {
	const struct kh_contract *contract;
	const struct kh_indicator *indicator;
	const struct kh_calendar *calendar;
	struct kh_period period;  /* the period being scored */
	kh_day as_of;             /* facts judged on this day */
	const struct kh_records *records;  /* the kinds the registry entry reads */
	struct kh_err *err;       /* filled when the measure returns -1 */
};

enum kh_status { KH_STATUS_NA = 0, KH_STATUS_PASS, KH_STATUS_FAIL };

#define KH_RESULT_MAX_DECIDED 8

/* What a measure produces; built through the functions below, which write
 * into the <indicator> element of the scorecard (docs/scorecard.md). */
struct kh_result {
	enum kh_status status;
	long findings;            /* findings counted for deduct-per-finding */
	xmlNodePtr indicator;     /* the scorecard <indicator> element */
	xmlNodePtr evidence;      /* created on first use */
	xmlNodePtr charts;        /* the scorecard's <charts> element */
	long evidence_count;      /* total items (shown or not) */
	long evidence_limit;      /* items kept in the XML */
	/* Triggers that depend on how a measure failed (the audit band a
	 * quarter fell into): the actions the measure decides, and whether
	 * each applies.  Every trigger whose action is not decided here fires
	 * on any failure.  Set through kh_result_decide. */
	const char *decided[KH_RESULT_MAX_DECIDED];
	int applies[KH_RESULT_MAX_DECIDED];
	int ndecided;
};

/* Record that `action` is the measure's to decide, and whether it applies
 * (a later call with applies = 1 wins). */
void kh_result_decide(struct kh_result *r, const char *action, int applies);
/* Whether a trigger with this action fires, given the measure failed. */
int kh_result_trigger_fires(const struct kh_result *r, const char *action);

/* value/target: machine form ("0.9500", "12") and text for people
 * ("95.00%", "≥ 2 人"). */
void kh_result_value(struct kh_result *r, const char *value, const char *text);
void kh_result_target(struct kh_result *r, const char *target, const char *text);
/* A sentence about the rule applied or why the status is na. */
void kh_result_note(struct kh_result *r, const char *text);
/* Declare an evidence column: `name` is the item attribute, `heading` its
 * heading in the current language. */
void kh_result_column(struct kh_result *r, const char *name, const char *heading);
/* Start a new evidence item; NULL (and still counted) past the limit.
 * Set its fields with kh_item_set. */
xmlNodePtr kh_result_item(struct kh_result *r);
void kh_item_set(xmlNodePtr item, const char *name, const char *value);
/* A chart series (see docs/scorecard.md) and its points; ref lines. */
xmlNodePtr kh_result_series(struct kh_result *r, const char *id,
                            const char *type, const char *x_kind,
                            const char *unit, const char *title);
void kh_series_ref_line(xmlNodePtr series, const char *y, const char *label);
xmlNodePtr kh_series_point(xmlNodePtr series, const char *x, const char *y);
/* The series with that id already in the scorecard's charts, or NULL (so
 * that a chart drawn once per scorecard is not drawn twice). */
xmlNodePtr kh_result_find_series(const struct kh_result *r, const char *id);
/* Called by the scoring runner after the measure: writes evidence/@count
 * (every item) and @shown (items kept, at most evidence_limit), or drops
 * an evidence element that got no item. */
void kh_result_finish(struct kh_result *r);

/* Evidence items kept in the XML per indicator; @count still counts all. */
#define KH_EVIDENCE_LIMIT 200

/* A measure: 0 on success (whatever the status), or -1 with ctx->err
 * filled after printing why (a calendar year missing is KH_ERR_DATA). */
typedef int kh_measure_fn(const struct kh_measure_ctx *ctx, struct kh_result *r);

/* A measure that reads claims also runs in two halves, so that a scoring
 * run serves all such indicators from one pass over the claims
 * (claim-pass.h).  `begin` reads the parameters and sets reader->query,
 * ->fn and ->arg (its state, which may write evidence items into r as the
 * claims come); the pass sets reader->rc; `end` judges into r from the
 * state and frees it — when reader->rc is -1 it only frees and returns
 * -1.  ctx and r must stay put from begin to end.  Both return 0, or -1
 * with ctx->err filled.  `run` is begin, a pass of its own, and end
 * (kh_mrun_halves in measure-lib.h). */
struct kh_claim_reader;
typedef int kh_measure_begin_fn(const struct kh_measure_ctx *ctx,
                                struct kh_result *r,
                                struct kh_claim_reader *reader);
typedef int kh_measure_end_fn(const struct kh_measure_ctx *ctx,
                              struct kh_result *r,
                              struct kh_claim_reader *reader);

struct kh_measure_type {
	const char *name;         /* the measure element's name */
	kh_measure_fn *run;
	unsigned reads;           /* kh_record_kind bits the measure reads */
	const struct kh_param *params;  /* its grammar, ended by a NULL name */
	kh_measure_begin_fn *begin;     /* NULL unless it reads claims */
	kh_measure_end_fn *end;
};

/* The registry (measure.c): the measure with that element name, or NULL;
 * the i-th measure, or NULL past the last. */
const struct kh_measure_type *kh_measure_find(const char *name);
const struct kh_measure_type *kh_measure_at(size_t i);

/* The measures, one family per file (src/domain/measure/measure-*.c).
 * (Transitional: unit tests call these directly; new code and new
 * measures go through the registry only.) */
kh_measure_fn kh_measure_staffing;        /* measure-staffing.c */
kh_measure_fn kh_measure_staff_share;     /* measure-staffing.c */
kh_measure_fn kh_measure_turnover;        /* measure-turnover.c */
kh_measure_fn kh_measure_timeliness;      /* measure-timeliness.c */
kh_measure_begin_fn kh_measure_timeliness_begin;
kh_measure_end_fn kh_measure_timeliness_end;
kh_measure_fn kh_measure_benefit;         /* measure-benefit.c */
kh_measure_begin_fn kh_measure_benefit_begin;
kh_measure_end_fn kh_measure_benefit_end;
kh_measure_fn kh_measure_claims_cap;      /* measure-benefit.c */
kh_measure_begin_fn kh_measure_claims_cap_begin;
kh_measure_end_fn kh_measure_claims_cap_end;
kh_measure_fn kh_measure_report_deadline; /* measure-reports.c */
kh_measure_fn kh_measure_audit_pass_rate; /* measure-audit.c */
kh_measure_fn kh_measure_complaints;      /* measure-complaints.c */
kh_measure_fn kh_measure_volume;          /* measure-activity.c */
kh_measure_fn kh_measure_activity;        /* measure-activity.c */
kh_measure_fn kh_measure_solvency;        /* measure-solvency.c */

#endif
