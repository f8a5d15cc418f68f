/* records.h: the typed records kaohe scores — one struct per record kind of
 * SPEC section 3, as the store hands them to measures, fee models and the
 * monthly report.  These are plain data: no SQL, no XML.  The store layer
 * (src/store/) fills them; everything above it computes on them.
 *
 * Conventions:
 *   - days are kh_day; KH_DAY_NONE marks an empty optional date;
 *   - money is kh_fen; an optional amount has a has_* flag beside it;
 *   - text is owned by the record array it lives in ("" when empty, never
 *     NULL), and freed by kh_records_free;
 *   - arrays are sorted as stated on each, so measures need not sort.
 *
 * Settlements are not loaded: a province's year is 10^7 rows.  They are
 * streamed through a kh_settlement_source, once per query, in the order
 * the query asks for, so scoring stays flat in memory. */
#ifndef KAOHE_RECORDS_H
#define KAOHE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "err.h"
#include "money.h"

#define KH_DAY_NONE INT32_MIN   /* an optional date left empty */
#define KH_DAY_OPEN INT32_MAX   /* end of an assignment with no end date */

/* The record kinds, as bits: a measure's registry entry names the kinds it
 * reads, and the scoring run loads just those. */
enum kh_record_kind {
	KH_REC_ROSTER = 1u << 0,
	KH_REC_POPULATION = 1u << 1,
	KH_REC_SETTLEMENTS = 1u << 2,   /* streamed, never loaded */
	KH_REC_COMPLAINTS = 1u << 3,
	KH_REC_AUDITS = 1u << 4,
	KH_REC_SUBMISSIONS = 1u << 5,
	KH_REC_ACTIVITIES = 1u << 6,
	KH_REC_FINANCE = 1u << 7,
	KH_REC_RATINGS = 1u << 8,
	KH_REC_FACTS = 1u << 9,
	KH_REC_MARKS = 1u << 10,
};

/* --- roster (花名册): one row per assignment of a person to a post -------- */
struct kh_assignment {
	char *staff_id;
	char *name;
	char *post;               /* resident | city | county | other */
	char *unit;               /* "" when none */
	char *specialty;          /* medical | finance | it | other */
	char *end_reason;         /* "" when none */
	kh_day start, end;        /* inclusive; end KH_DAY_OPEN when open */
};
/* Sorted by staff_id, then start. */
struct kh_roster {
	struct kh_assignment *rows;
	size_t count;
};

/* --- population (参保人数): the insured count of a unit from a date ------- */
struct kh_population_row {
	char *unit;               /* "" = the whole contract */
	kh_day date;
	long long insured;
};
/* Sorted by unit, then date. */
struct kh_population {
	struct kh_population_row *rows;
	size_t count;
};

/* --- complaints (投诉举报) ------------------------------------------------ */
enum kh_substantiated { KH_SUBST_NO = 0, KH_SUBST_YES, KH_SUBST_PENDING };
struct kh_complaint {
	char *complaint_id;
	kh_day received;
	char *channel;            /* "" when none */
	char *category;
	enum kh_substantiated substantiated;
	int insurer_fault;        /* 1, 0, or -1 when not recorded */
	char *severity;           /* "minor" unless given */
	kh_day closed;            /* KH_DAY_NONE while open */
};
/* Sorted by received day, then complaint_id. */
struct kh_complaints {
	struct kh_complaint *rows;
	size_t count;
	int given;                /* any row, or an import of this kind named the
	                             contract (an empty file says "none this time") */
};

/* --- audits (稽核抽样): one sample checked by the purchaser -------------- */
struct kh_audit_sample {
	char *sample_id;
	kh_day audit_date;
	char *period;             /* "2024Q3", "2024", ... as recorded */
	char *stream;
	char *claim_id;           /* "" when none */
	int passed;               /* result: 1 pass, 0 fail */
	int has_error_amount;
	kh_fen error_amount;
	char *finding;            /* "" when none */
};
/* Sorted by audit_date, then sample_id. */
struct kh_audits {
	struct kh_audit_sample *rows;
	size_t count;
};

/* --- submissions (报表报送) ---------------------------------------------- */
struct kh_submission {
	char *report;             /* the report's name in the contract */
	char *period;             /* "2024-03", "2024Q1", "2024H1", "2024" */
	kh_time submitted_at;
	kh_day submitted_day;     /* the day part of submitted_at */
	int accepted;
	char *ref;                /* "" when none */
	char *source;             /* "import" | "submit" | ... */
};
/* Sorted by report, period, then submitted_at. */
struct kh_submissions {
	struct kh_submission *rows;
	size_t count;
};

/* --- activities (服务活动): counts of work done, by kind and unit -------- */
struct kh_activity {
	kh_day date;
	char *kind;
	char *unit;               /* "" when none */
	long long count;
};
/* Sorted by date, kind, then unit. */
struct kh_activities {
	struct kh_activity *rows;
	size_t count;
	int given;                /* as for complaints */
};

/* --- finance (资金收支): money in and out, may be negative (reversals) --- */
struct kh_finance_row {
	kh_day date;
	char *kind;               /* funds-received | claims-paid | refund | ... */
	kh_fen amount;
	char *note;
};
/* Sorted by date, kind, then amount. */
struct kh_finance {
	struct kh_finance_row *rows;
	size_t count;
};

/* --- ratings (偿付能力风险评级) ------------------------------------------ */
struct kh_rating {
	char *quarter;            /* "2024Q3" */
	char rating;              /* 'A'..'D' */
	char *raw_rating;         /* as reported ("BB", ...), "" when none */
};
/* Sorted by quarter. */
struct kh_ratings {
	struct kh_rating *rows;
	size_t count;
};

/* --- facts (记录事项): dated events money and duties hang on ------------- */
struct kh_fact {
	kh_day date;
	char *kind;               /* acceptance | termination-notice | refund | ... */
	char *ref;                /* "" when none */
	int has_amount;
	kh_fen amount;
	kh_day due;               /* KH_DAY_NONE when the fact sets no deadline */
	char *note;
};
/* Sorted by date, kind, then ref. */
struct kh_facts {
	struct kh_fact *rows;
	size_t count;
};
/* The first fact of `kind` on or before `until`, or NULL. */
const struct kh_fact *kh_facts_first(const struct kh_facts *facts,
                                     const char *kind, kh_day until);

/* --- marks (评分): a panel member's points for one indicator ---------- */
/* The level a mark is given at: the insurer's 自评, the city's 考核小组,
 * the province's 抽查 (001 第三十六条). */
enum kh_mark_level { KH_LEVEL_SELF = 0, KH_LEVEL_CITY = 1, KH_LEVEL_PROVINCE = 2 };
#define KH_LEVEL_COUNT 3
struct kh_mark {
	char *period;             /* "2024", "2024Q3": the period it scores, as written */
	enum kh_mark_level level;
	char *indicator;          /* indicator id of the contract */
	char *member;             /* panel member's name or code */
	long score_x100;          /* points awarded ×100, 0..the indicator's points */
	char *reason;             /* 扣分原因, "" when none */
	char *evidence;           /* reference to evidence, "" when none */
};
/* Sorted by period, indicator, level, then member. */
struct kh_marks {
	struct kh_mark *rows;
	size_t count;
};

/* --- settlements (结算), streamed ---------------------------------------- */
struct kh_settlement {
	const char *claim_id;
	const char *insured_id;
	const char *channel;      /* direct | manual */
	const char *category;     /* "standard" unless given */
	const char *region;       /* "" when none */
	const char *provider_id;  /* "" when none */
	kh_day service_date;      /* KH_DAY_NONE when not given */
	kh_day received;
	kh_day paid;              /* KH_DAY_NONE while unpaid */
	int has_eligible;
	kh_fen eligible_amount;
	kh_fen paid_amount;
	int excused;
	kh_day day;               /* the day the query's range applied to (its
	                             kh_settlement_day): always filled */
};

/* Which day a query's range applies to. */
enum kh_settlement_day {
	KH_SETTLE_RECEIVED = 0,   /* received */
	KH_SETTLE_SERVICE,        /* service date, else received */
	KH_SETTLE_PAID,           /* paid (unpaid claims never match) */
};
enum kh_settlement_order {
	KH_SETTLE_ANY_ORDER = 0,  /* whatever is fastest */
	KH_SETTLE_BY_PERSON,      /* insured_id, service-else-received day, claim_id */
};
/* The fields of a claim a callback reads.  A query that names them may get
 * the others empty ("", KH_DAY_NONE, 0): the store then reads, and sorts,
 * narrow rows, which is most of the cost at 10^7 claims. */
enum kh_settlement_field {
	KH_SF_CLAIM = 1u << 0,    /* claim_id */
	KH_SF_INSURED = 1u << 1,  /* insured_id */
	KH_SF_CHANNEL = 1u << 2,
	KH_SF_CATEGORY = 1u << 3,
	KH_SF_PLACE = 1u << 4,    /* region, provider_id */
	KH_SF_SERVICE = 1u << 5,  /* service_date */
	KH_SF_RECEIVED = 1u << 6,
	KH_SF_PAID = 1u << 7,     /* the paid day */
	KH_SF_AMOUNTS = 1u << 8,  /* has_eligible, eligible_amount, paid_amount */
	KH_SF_EXCUSED = 1u << 9,
};
/* The fields person order sorts on (insured, service-else-received day,
 * claim): added to a person-order query's own. */
#define KH_SF_PERSON_ORDER (KH_SF_INSURED | KH_SF_SERVICE | KH_SF_RECEIVED | \
                            KH_SF_CLAIM)
struct kh_settlement_query {
	const char *contract;
	enum kh_settlement_day day;
	kh_day first, last;       /* inclusive range of that day */
	const char *channel;      /* NULL: both */
	int eligible_only;        /* only claims with an eligible amount */
	enum kh_settlement_order order;
	unsigned fields;          /* kh_settlement_field bits read; 0: all */
	int every_day;            /* first..last spans every day: an engine
	                             may leave the range test out (so with
	                             KH_SETTLE_PAID unpaid claims come too;
	                             the claim pass uses KH_SETTLE_RECEIVED) */
};

/* Called once per matching claim; the pointers are valid during the call
 * only.  Return 0 to go on, anything else to stop (returned by `each`). */
typedef int kh_settlement_fn(const struct kh_settlement *claim, void *arg);

/* Where claims come from: the store, or an array in a unit test.  `each`
 * returns 0, the callback's nonzero value, or -1 with err filled. */
struct kh_settlement_source {
	int (*each)(void *impl, const struct kh_settlement_query *query,
	            kh_settlement_fn *fn, void *arg, struct kh_err *err);
	/* Claim count and paid total of a query, computed by the engine
	 * (NULL: kh_records_settlement_totals streams and adds). */
	int (*totals)(void *impl, const struct kh_settlement_query *query,
	              long long *count, kh_fen *paid, struct kh_err *err);
	/* The claims of an any-order query in two shares read at once (NULL:
	 * not offered): one share to fn_a on the calling thread, the other to
	 * fn_b on a thread of the source's own, so fn_b must touch nothing
	 * fn_a does.  A callback's nonzero value stops its share only; a
	 * failure (a callback's value below 0 included) stops both.  Both
	 * shares come from one snapshot of the store.  0 when both ended,
	 * 1 when the source cannot split now (nothing was streamed: stream
	 * with `each`), or -1 with err filled. */
	int (*each_split)(void *impl, const struct kh_settlement_query *query,
	                  kh_settlement_fn *fn_a, void *arg_a,
	                  kh_settlement_fn *fn_b, void *arg_b, struct kh_err *err);
	void *impl;
};

/* --- the records of one contract, as a scoring run loads them ------------ */
struct kh_adjustments;
struct kh_records {
	unsigned loaded;          /* the kh_record_kind bits filled in */
	struct kh_roster roster;
	struct kh_population population;
	struct kh_complaints complaints;
	struct kh_audits audits;
	struct kh_submissions submissions;
	struct kh_activities activities;
	struct kh_finance finance;
	struct kh_ratings ratings;
	struct kh_facts facts;
	struct kh_marks marks;
	struct kh_settlement_source settlements;
	/* The regulator's decisions on money lines and the evidence re-judged
	 * on appeal (decisions.h), borrowed: NULL when none were loaded. */
	const struct kh_adjustments *adjust;
};

/* Stream the claims matching `query` (records.c).  A source is only ever
 * asked for KH_SETTLE_ANY_ORDER: person order is sorted here, in C
 * (claim-sort.h), for every engine alike. */
int kh_records_each_settlement(const struct kh_records *records,
                               const struct kh_settlement_query *query,
                               kh_settlement_fn *fn, void *arg,
                               struct kh_err *err);

/* The claims of an any-order query in two shares at once, through the
 * source's each_split (see there): 0, 1 when the source cannot split (or
 * offers no split), or -1 with err filled. */
int kh_records_each_settlement_split(const struct kh_records *records,
                                     const struct kh_settlement_query *query,
                                     kh_settlement_fn *fn_a, void *arg_a,
                                     kh_settlement_fn *fn_b, void *arg_b,
                                     struct kh_err *err);

/* Claim count and paid total over the claims `query` selects (its order is
 * ignored): the source's own totals when it has them, else a stream. */
int kh_records_settlement_totals(const struct kh_records *records,
                                 const struct kh_settlement_query *query,
                                 long long *count, kh_fen *paid,
                                 struct kh_err *err);

/* Free every array and its text; leaves the struct zeroed (records.c). */
void kh_records_free(struct kh_records *records);

/* Whether a claim (with the fields the query's filters read) matches a
 * query's day range, channel and eligible_only; and the day a query's
 * range applies to (KH_DAY_NONE when the claim has none). */
int kh_settlement_matches(const struct kh_settlement *claim,
                          const struct kh_settlement_query *query);
kh_day kh_settlement_day_of(const struct kh_settlement *claim,
                            enum kh_settlement_day day);

/* An in-memory settlement source over an array of claims (unit tests,
 * small callers): filters as each query asks, in array order.  The array must
 * outlive the source; the source itself needs no freeing. */
struct kh_settlement_array {
	const struct kh_settlement *claims;
	size_t count;
};
void kh_settlement_array_source(struct kh_settlement_source *source,
                                struct kh_settlement_array *array);

#endif
