/* method.h: the scoring methods of a rubric (评分方法) — how an indicator's
 * finding becomes points: all-or-nothing, linear between a floor and a
 * target, per-case deductions (扣完为止), veto (一票否决) and capped bonus —
 * and the 评分标准 sentence that states each.  Pure arithmetic on points
 * ×100: no store, no XML, no printing.  Defined in method.c. */
#ifndef KAOHE_METHOD_H
#define KAOHE_METHOD_H

#include <stddef.h>

enum kh_method {
	KH_METHOD_ALL_OR_NOTHING = 0, /* "all-or-nothing": full points when met, else 0 */
	KH_METHOD_LINEAR,             /* "linear": full at the target, 0 at the floor */
	KH_METHOD_PER_CASE,           /* "per-case": deduct-per-finding per case, down to 0 */
	KH_METHOD_VETO,               /* "veto": failing it fails its category or the scorecard */
	KH_METHOD_BONUS,              /* "bonus": points per case added, up to bonus-cap */
};

enum kh_veto_scope { KH_VETO_CATEGORY = 0, KH_VETO_SCORECARD };

/* Which level's score is the final one (<scoring final-level=...>). */
enum kh_final_level {
	KH_FINAL_HIGHEST = 0,     /* "highest": province > city > self > computed */
	KH_FINAL_SELF, KH_FINAL_CITY, KH_FINAL_PROVINCE,
};

/* What the measure (or the marks) found: the numbers equal enum kh_status. */
enum kh_outcome { KH_OUTCOME_NA = 0, KH_OUTCOME_PASS = 1, KH_OUTCOME_FAIL = 2 };

/* Everything the award depends on. */
struct kh_method_input {
	enum kh_method method;
	long points_x100;         /* the indicator's points (bonus: per case) */
	long per_case_x100;       /* per-case: points off per case (0: all or nothing) */
	long bonus_cap_x100;      /* bonus: the most it adds */
	const char *target;       /* linear: "90%", "0.9", "12" */
	const char *floor;
	enum kh_outcome outcome;
	long findings;            /* cases the measure counted */
	const char *value;        /* the measure's machine value ("0.9500", "12"), or NULL */
};

/* Points awarded ×100.  na earns 0.  all-or-nothing and veto: the points
 * on a pass.  per-case: points − max(findings, 1) × per-case on a failure,
 * never below 0.  linear: from the value, full at or beyond the target, 0
 * at or beyond the floor, proportional between, half up to 0.01 (a lower
 * target than floor means lower is better); with no value, all or nothing.
 * bonus: points × max(findings, 1) on a pass, at most the cap.  0, or -1
 * when target, floor or value is not a number. */
int kh_method_award(const struct kh_method_input *in, long *awarded_x100);

/* A measure number as ×10000: "90%" → 9000, "0.9" → 9000, "12" → 120000,
 * "-0.5" → -5000.  At most four places after scaling.  0 or -1. */
int kh_method_number(const char *text, long long *out_x10000);

/* points × (num / den), rounded half away from zero; den > 0.  Exact while
 * the product fits in 64 bits, else through long double. */
long kh_method_scale(long points_x100, long long num, long long den);

/* "all-or-nothing", ... and back (0, or -1 when unknown). */
const char *kh_method_code(enum kh_method method);
int kh_method_parse(const char *text, enum kh_method *out);
const char *kh_veto_scope_code(enum kh_veto_scope scope);
const char *kh_final_level_code(enum kh_final_level level);
int kh_final_level_parse(const char *text, enum kh_final_level *out);

struct kh_indicator;
/* The 评分标准 of an indicator in the current language, e.g.
 * "达到90%得满分，80%及以下不得分，其间按比例".  Writes at most size bytes. */
void kh_method_criterion(const struct kh_indicator *ind, char *buf, size_t size);

#endif
