/* method.c: the scoring methods (method.h) — points awarded from a finding
 * and the 评分标准 sentence of each indicator.  Pure: exact integer
 * arithmetic on points ×100 and numbers ×10000, one half-up rounding. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "method.h"
#include "msg.h"

static const char *const method_codes[] = {
	"all-or-nothing", "linear", "per-case", "veto", "bonus" };

const char *kh_method_code(enum kh_method method)
{
	return (unsigned)method < sizeof method_codes / sizeof method_codes[0]
	       ? method_codes[method] : "all-or-nothing";
}

int kh_method_parse(const char *text, enum kh_method *out)
{
	for (size_t i = 0; text && i < sizeof method_codes / sizeof method_codes[0]; i++)
		if (strcmp(text, method_codes[i]) == 0) {
			*out = (enum kh_method)i;
			return 0;
		}
	return -1;
}

const char *kh_veto_scope_code(enum kh_veto_scope scope)
{
	return scope == KH_VETO_SCORECARD ? "scorecard" : "category";
}

static const char *const final_codes[] = { "highest", "self", "city", "province" };

const char *kh_final_level_code(enum kh_final_level level)
{
	return (unsigned)level < 4 ? final_codes[level] : "highest";
}

int kh_final_level_parse(const char *text, enum kh_final_level *out)
{
	for (size_t i = 0; text && i < 4; i++)
		if (strcmp(text, final_codes[i]) == 0) {
			*out = (enum kh_final_level)i;
			return 0;
		}
	return -1;
}

int kh_method_number(const char *text, long long *out)
{
	if (!text || !*text)
		return -1;
	const char *p = text;
	int negative = 0;
	if (*p == '-') {
		negative = 1;
		p++;
	}
	if (!isdigit((unsigned char)*p))
		return -1;
	long long whole = 0;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > 100000000000LL)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	long long frac = 0;
	int places = 0;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		for (; isdigit((unsigned char)*p); p++, places++) {
			if (places == 6)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
	}
	int percent = 0;
	if (*p == '%') {
		percent = 1;
		p++;
	}
	if (*p)
		return -1;
	/* value = (whole + frac/10^places) [/100], as ×10000 */
	int scale = percent ? 2 : 4;     /* ×10000, or ×100 of a percentage */
	long long pow10 = 1;
	for (int i = 0; i < places; i++)
		pow10 *= 10;
	long long v = whole;
	for (int i = 0; i < scale; i++)
		v *= 10;
	long long f = frac;
	for (int i = 0; i < scale; i++)
		f *= 10;
	if (f % pow10)
		return -1;   /* more than four places */
	v += f / pow10;
	*out = negative ? -v : v;
	return 0;
}

long kh_method_scale(long points_x100, long long num, long long den)
{
	if (den <= 0)
		return 0;
	long long p = points_x100;
	if (num == 0 || p == 0)
		return 0;
	if (llabs(num) <= LLONG_MAX / (llabs(p) * 2 + 1)) {
		long long prod = p * num;
		long long q = prod / den, r = prod % den;
		if (llabs(r) * 2 >= den)
			q += prod < 0 ? -1 : 1;
		return (long)q;
	}
	long double x = (long double)p * (long double)num / (long double)den;
	return (long)(x < 0 ? x - 0.5L : x + 0.5L);
}

/* Linear: value v between floor f and target t (×10000). */
static int linear(const struct kh_method_input *in, long *out)
{
	long long v, t, f;
	if (kh_method_number(in->target, &t) || kh_method_number(in->floor, &f))
		return -1;
	if (!in->value || !*in->value) {
		*out = in->outcome == KH_OUTCOME_PASS ? in->points_x100 : 0;
		return 0;
	}
	if (kh_method_number(in->value, &v))
		return -1;
	if (t == f) {
		*out = v >= t ? in->points_x100 : 0;
		return 0;
	}
	if (t < f) {   /* lower is better: mirror */
		v = -v;
		t = -t;
		f = -f;
	}
	if (v >= t)
		*out = in->points_x100;
	else if (v <= f)
		*out = 0;
	else
		*out = kh_method_scale(in->points_x100, v - f, t - f);
	return 0;
}

int kh_method_award(const struct kh_method_input *in, long *out)
{
	*out = 0;
	if (in->method == KH_METHOD_LINEAR) {
		if (in->outcome == KH_OUTCOME_NA)
			return kh_method_number(in->target, &(long long){ 0 }) ||
			       kh_method_number(in->floor, &(long long){ 0 }) ? -1 : 0;
		return linear(in, out);
	}
	if (in->outcome == KH_OUTCOME_NA)
		return 0;
	long cases = in->findings > 0 ? in->findings : 1;
	switch (in->method) {
	case KH_METHOD_PER_CASE:
		if (in->outcome == KH_OUTCOME_PASS)
			*out = in->points_x100;
		else if (in->per_case_x100 > 0 && cases <= in->points_x100 / in->per_case_x100)
			*out = in->points_x100 - cases * in->per_case_x100;
		else
			*out = 0;
		return 0;
	case KH_METHOD_BONUS:
		if (in->outcome != KH_OUTCOME_PASS)
			return 0;
		if (in->points_x100 > 0 && cases > in->bonus_cap_x100 / in->points_x100)
			*out = in->bonus_cap_x100;
		else
			*out = cases * in->points_x100;
		if (*out > in->bonus_cap_x100)
			*out = in->bonus_cap_x100;
		return 0;
	case KH_METHOD_ALL_OR_NOTHING:
	case KH_METHOD_VETO:
	case KH_METHOD_LINEAR:
		break;
	}
	*out = in->outcome == KH_OUTCOME_PASS ? in->points_x100 : 0;
	return 0;
}

/* ---- 评分标准 ------------------------------------------------------------ */

static void points_text(long x100, char *buf, size_t size)
{
	if (x100 % 100 == 0)
		snprintf(buf, size, "%ld", x100 / 100);
	else if (x100 % 10 == 0)
		snprintf(buf, size, "%ld.%ld", x100 / 100, labs(x100) % 100 / 10);
	else
		snprintf(buf, size, "%ld.%02ld", x100 / 100, labs(x100) % 100);
}

/* snprintf with a literal format of each language (checked by the compiler). */
#define TR_PRINT(buf, size, zh, en, ...) \
	(kh_lang == KH_LANG_EN ? snprintf(buf, size, en, __VA_ARGS__) \
	                       : snprintf(buf, size, zh, __VA_ARGS__))

void kh_method_criterion(const struct kh_indicator *ind, char *buf, size_t size)
{
	char pts[32], per[32], cap[32];
	points_text(ind->points_x100, pts, sizeof pts);
	points_text(ind->deduct_per_finding_x100, per, sizeof per);
	points_text(ind->bonus_cap_x100, cap, sizeof cap);
	const char *who = ind->manual ? kh_tr("考核小组评分：", "marked by the panel: ") : "";
	long long t = 0, f = 0;
	switch (ind->method) {
	case KH_METHOD_LINEAR:
		kh_method_number(ind->linear_target, &t);
		kh_method_number(ind->linear_floor, &f);
		if (t >= f)
			TR_PRINT(buf, size, "%s达到%s得满分（%s分），%s及以下不得分，其间按比例", "%1$sfull %3$s points at %2$s or more, none at %4$s or less, proportional between",
			         who, ind->linear_target, pts, ind->linear_floor);
		else
			TR_PRINT(buf, size, "%s不高于%s得满分（%s分），%s及以上不得分，其间按比例", "%1$sfull %3$s points at %2$s or less, none at %4$s or more, proportional between",
			         who, ind->linear_target, pts, ind->linear_floor);
		return;
	case KH_METHOD_PER_CASE:
		TR_PRINT(buf, size, "%s满分%s分，每例扣%s分，扣完为止", "%s%s points, %s off per case, down to none",
		         who, pts, per);
		return;
	case KH_METHOD_VETO:
		snprintf(buf, size, "%s%s",
		         who, ind->veto_scope == KH_VETO_SCORECARD
		         ? kh_tr("一票否决：不达标则考核不合格，总分不计", "veto: failing it fails the whole assessment")
		         : kh_tr("一票否决：不达标则本类别不得分", "veto: failing it fails its category"));
		return;
	case KH_METHOD_BONUS:
		TR_PRINT(buf, size, "%s加分项：每项加%s分，最多加%s分（不计入总分）", "%sbonus: %s points per case, at most %s (outside the total)",
		         who, pts, cap);
		return;
	case KH_METHOD_ALL_OR_NOTHING:
		break;
	}
	if (ind->manual)
		TR_PRINT(buf, size, "考核小组评分：0至%s分", "marked by the panel: 0 to %s points", pts);
	else
		TR_PRINT(buf, size, "达标得满分（%s分），不达标不得分", "full %s points when met, none otherwise", pts);
}
