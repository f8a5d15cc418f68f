/* measure-lib.c: pieces shared by the measure families — parameters with
 * errors naming the contract line, calendar errors, period intervals, text
 * forms, and the pure arithmetic of timeliness, benefits and due dates.
 * Never writes the store; never uses floating point. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim-pass.h"
#include "measure-lib.h"
#include "msg.h"

/* --- parameters ------------------------------------------------------------ */

static const char *mctx_file(const struct kh_measure_ctx *ctx)
{
	return ctx && ctx->contract && ctx->contract->id ? ctx->contract->id
	                                                 : "contract";
}

static const char *mctx_indicator(const struct kh_measure_ctx *ctx)
{
	return ctx && ctx->indicator && ctx->indicator->id ? ctx->indicator->id : "?";
}

int kh_mnode_error(const char *file, const char *indicator,
                   const struct kh_node *node, const char *name,
                   const char *value)
{
	long line = node ? node->line : 0;
	const char *elem = node && node->name ? node->name : "?";
	if (!value) {
		if (kh_lang == KH_LANG_EN)
			kh_error_at(file, line, 0,
			            "indicator %s: <%s> needs the attribute %s",
			            indicator, elem, name);
		else
			kh_error_at(file, line, 0, "指标 %s：<%s> 缺少属性 %s",
			            indicator, elem, name);
	} else if (kh_lang == KH_LANG_EN) {
		kh_error_at(file, line, 0,
		            "indicator %s: <%s> attribute %s is not valid (got '%s')",
		            indicator, elem, name, value);
	} else {
		kh_error_at(file, line, 0, "指标 %s：<%s> 的属性 %s 无效（'%s'）",
		            indicator, elem, name, value);
	}
	return -1;
}

int kh_mparam_error(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                    const char *name, const char *value)
{
	return kh_mnode_error(mctx_file(ctx), mctx_indicator(ctx), node, name,
	                      value);
}

static const char *param_text(const struct kh_node *node, const char *name,
                              const char *fallback)
{
	const char *v = node ? kh_node_attr(node, name) : NULL;
	return v ? v : fallback;
}

int kh_mparam_rate(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                   const char *name, const char *fallback, struct kh_rate *out)
{
	const char *v = param_text(node, name, fallback);
	if (!v || kh_rate_parse(v, out) != 0 || out->den <= 0)
		return kh_mparam_error(ctx, node, name, v);
	return 0;
}

int kh_mparam_long(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                   const char *name, const char *fallback, long min, long max,
                   long *out)
{
	const char *v = param_text(node, name, fallback);
	if (!v || !*v)
		return kh_mparam_error(ctx, node, name, v);
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || n < min || n > max || !(v[0] >= '0' && v[0] <= '9'))
		return kh_mparam_error(ctx, node, name, v);
	*out = n;
	return 0;
}

int kh_mparam_fen(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                  const char *name, const char *fallback, kh_fen *out)
{
	const char *v = param_text(node, name, fallback);
	if (!v || kh_fen_parse(v, strlen(v), 0, out) != 0)
		return kh_mparam_error(ctx, node, name, v);
	return 0;
}

int kh_mcal_error(const struct kh_calendar *cal)
{
	int year = kh_calendar_missing_year(cal);
	if (kh_lang == KH_LANG_EN)
		kh_error("the work calendar has no year %d (kaohe calendar import "
		         "FILE.ics adds one)", year);
	else
		kh_error("工作日历缺少 %d 年（可用 kaohe calendar import FILE.ics 导入）",
		         year);
	return -1;
}

/* --- periods --------------------------------------------------------------- */

size_t kh_period_split(const struct kh_period *within, enum kh_period_kind kind,
                       struct kh_period *out, size_t max)
{
	size_t n = 0;
	struct kh_period cur;
	kh_period_containing(kind, within->first, &cur);
	while (cur.first <= within->last && n < max) {
		if (cur.first >= within->first && cur.last <= within->last)
			out[n++] = cur;
		kh_period_containing(kind, cur.last + 1, &cur);
	}
	return n;
}

int kh_period_kind_parse(const char *text, enum kh_period_kind *out)
{
	static const struct { const char *name; enum kh_period_kind kind; } kinds[] = {
		{ "month", KH_PERIOD_MONTH }, { "quarter", KH_PERIOD_QUARTER },
		{ "half", KH_PERIOD_HALF }, { "year", KH_PERIOD_YEAR },
	};
	for (size_t i = 0; text && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(text, kinds[i].name) == 0) {
			*out = kinds[i].kind;
			return 0;
		}
	return -1;
}

kh_day kh_mctx_until(const struct kh_measure_ctx *ctx)
{
	return ctx->as_of < ctx->period.last ? ctx->as_of : ctx->period.last;
}

const char *kh_mctx_contract(const struct kh_measure_ctx *ctx)
{
	return ctx->contract->id;
}

/* --- text forms ------------------------------------------------------------ */

void kh_mrate_value(struct kh_result *r, struct kh_rate rate)
{
	char value[48], text[48];
	kh_rate_format(rate, 4, value, sizeof value);
	kh_rate_format_percent(rate, 2, text, sizeof text);
	kh_result_value(r, value, text);
}

void kh_mrate_target_min(struct kh_result *r, struct kh_rate min)
{
	char value[48], pct[48], text[64];
	kh_rate_format(min, 4, value, sizeof value);
	kh_rate_format_percent(min, 2, pct, sizeof pct);
	snprintf(text, sizeof text, "≥ %s", pct);
	kh_result_target(r, value, text);
}

static void count_text(char *buf, size_t size, const char *prefix, long n,
                       const char *unit_zh, const char *unit_en)
{
	const char *unit = kh_tr(unit_zh, unit_en);
	snprintf(buf, size, "%s%ld%s%s", prefix, n, *unit ? " " : "", unit);
}

void kh_mcount_value(struct kh_result *r, long count, const char *unit_zh,
                     const char *unit_en)
{
	char value[32], text[96];
	snprintf(value, sizeof value, "%ld", count);
	count_text(text, sizeof text, "", count, unit_zh, unit_en);
	kh_result_value(r, value, text);
}

void kh_mcount_target_max(struct kh_result *r, long max, const char *unit_zh,
                          const char *unit_en)
{
	char value[32], text[96];
	snprintf(value, sizeof value, "%ld", max);
	count_text(text, sizeof text, "≤ ", max, unit_zh, unit_en);
	kh_result_target(r, value, text);
}

void kh_mcount_target_min(struct kh_result *r, long min, const char *unit_zh,
                          const char *unit_en)
{
	char value[32], text[96];
	snprintf(value, sizeof value, "%ld", min);
	count_text(text, sizeof text, "≥ ", min, unit_zh, unit_en);
	kh_result_target(r, value, text);
}

void kh_mresult_na(struct kh_result *r, const char *note)
{
	r->status = KH_STATUS_NA;
	kh_result_note(r, note);
}

void kh_item_set_day(xmlNodePtr item, const char *name, kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	kh_item_set(item, name, kh_day_format(d, buf));
}

void kh_item_set_long(xmlNodePtr item, const char *name, long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	kh_item_set(item, name, buf);
}

void kh_item_set_fen(xmlNodePtr item, const char *name, kh_fen v)
{
	char buf[48];
	kh_item_set(item, name, kh_fen_format(v, buf, sizeof buf));
}

int kh_mrun_halves(const struct kh_measure_ctx *ctx, struct kh_result *r,
                   kh_measure_begin_fn *begin, kh_measure_end_fn *end)
{
	struct kh_claim_reader reader = { 0 };
	if (begin(ctx, r, &reader) != 0)
		return -1;
	reader.rc = kh_records_each_settlement(ctx->records, &reader.query, reader.fn,
	                                       reader.arg, ctx->err);
	return end(ctx, r, &reader);
}

void kh_result_count_hidden(struct kh_result *r, long more)
{
	/* Items past the limit come back NULL but are counted: only the
	 * public interface, so the count stays the helpers' business. */
	for (long i = 0; i < more; i++)
		(void)kh_result_item(r);
}

/* --- timeliness ------------------------------------------------------------ */

enum kh_claim_state kh_claim_judge(kh_day deadline, int paid, kh_day paid_day,
                                   kh_day as_of)
{
	if (paid && paid_day <= as_of)
		return paid_day <= deadline ? KH_CLAIM_ON_TIME : KH_CLAIM_LATE;
	return deadline < as_of ? KH_CLAIM_LATE : KH_CLAIM_NOT_DUE;
}

int kh_claim_timeliness(const struct kh_calendar *cal, kh_day received,
                        int workdays, kh_day paid, kh_day as_of,
                        kh_day *deadline, enum kh_claim_state *state)
{
	if (kh_calendar_add_workdays(cal, received, workdays, deadline) != 0)
		return -1;
	*state = kh_claim_judge(*deadline, paid != KH_DAY_NONE, paid, as_of);
	return 0;
}

int kh_contract_claim_workdays(const struct kh_contract *c, const char *channel,
                               long *workdays)
{
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		const char *ch = kh_node_attr(&ind->measure, "channel");
		if (strcmp(ind->measure.name, "timeliness") != 0 || !ch ||
		    strcmp(ch, channel) != 0)
			continue;
		struct kh_measure_ctx mctx = { .contract = c, .indicator = ind };
		if (kh_mparam_long(&mctx, &ind->measure, "workdays", NULL, 1,
		                   KH_CLAIM_WORKDAYS_MAX, workdays) != 0)
			return -1;
		return 1;
	}
	return 0;
}

/* --- benefits -------------------------------------------------------------- */

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static int cmp_band(const void *a, const void *b)
{
	const struct kh_benefit_band *x = a, *y = b;
	return (x->above > y->above) - (x->above < y->above);
}

int kh_benefit_scheme_parse(const struct kh_measure_ctx *ctx,
                            const struct kh_node *node,
                            struct kh_benefit_scheme *out)
{
	memset(out, 0, sizeof *out);
	out->category = kh_node_attr(node, "category");
	if (kh_mparam_fen(ctx, node, "deductible", NULL, &out->deductible) != 0)
		return -1;
	if (kh_node_attr(node, "cap")) {
		if (kh_mparam_fen(ctx, node, "cap", NULL, &out->cap) != 0)
			return -1;
		out->has_cap = 1;
	}
	out->den = 1;
	for (size_t i = 0; i < node->nchildren; i++) {
		const struct kh_node *band = &node->children[i];
		if (strcmp(band->name, "band") != 0)
			continue;
		if (out->nbands == KH_BENEFIT_MAX_BANDS)
			return kh_mparam_error(ctx, band, "above", "(too many bands)");
		struct kh_benefit_band *b = &out->bands[out->nbands];
		if (kh_mparam_fen(ctx, band, "above", "0", &b->above) != 0 ||
		    kh_mparam_rate(ctx, band, "rate", NULL, &b->rate) != 0)
			return -1;
		if (b->rate.num > b->rate.den)  /* more than 100% is a typo */
			return kh_mparam_error(ctx, band, "rate",
			                       kh_node_attr(band, "rate"));
		int64_t g = gcd64(out->den, b->rate.den);
		if (out->den / g > INT64_C(1000000000000) / b->rate.den)
			return kh_mparam_error(ctx, band, "rate",
			                       kh_node_attr(band, "rate"));
		out->den = out->den / g * b->rate.den;
		out->nbands++;
	}
	if (out->nbands == 0)
		return kh_mparam_error(ctx, node, "band", NULL);
	qsort(out->bands, out->nbands, sizeof out->bands[0], cmp_band);
	return 0;
}

/* f(x) × den, exactly: the yearly benefit on a cumulative eligible amount
 * of x fen, as a numerator over the scheme's common denominator.  Every
 * band contributes segment × rate.num × (den / rate.den), an integer, so
 * the sum is exact; the cap compares cap × den against it. */
static __int128 benefit_f_scaled(const struct kh_benefit_scheme *s, kh_fen x)
{
	__int128 total = 0;
	for (size_t i = 0; i < s->nbands; i++) {
		kh_fen low = s->bands[i].above > s->deductible ? s->bands[i].above
		                                               : s->deductible;
		kh_fen high = x;
		if (i + 1 < s->nbands && s->bands[i + 1].above < high)
			high = s->bands[i + 1].above;
		if (high <= low)
			continue;
		total += (__int128)(high - low) * s->bands[i].rate.num *
		         (s->den / s->bands[i].rate.den);
	}
	if (s->has_cap && total > (__int128)s->cap * s->den)
		total = (__int128)s->cap * s->den;
	return total;
}

/* The benefit of one claim: (F(after) − F(before)) / den, where F is
 * benefit_f_scaled, rounded half-up to the fen ONCE: q = floor((2·diff +
 * den) / (2·den)).  diff ≥ 0 because f never decreases, so half-up and
 * half-away-from-zero agree.  Example: 60% of 0.01 yuan on 1 fen gives
 * 0.6 fen → 1 fen; 60% of 5 fen = 3 fen exactly. */
kh_fen kh_benefit_of_claim(const struct kh_benefit_scheme *s, kh_fen before,
                           kh_fen amount)
{
	if (amount < 0)
		amount = 0;
	__int128 diff = benefit_f_scaled(s, before + amount) -
	                benefit_f_scaled(s, before);
	__int128 den = s->den;
	return (kh_fen)((2 * diff + den) / (2 * den));
}

/* --- report due dates ------------------------------------------------------ */

kh_day kh_report_due_nominal(const struct kh_period *required, int due_day,
                             int months_after)
{
	int y, m, d;
	kh_day_to_ymd(required->last, &y, &m, &d);
	int index = y * 12 + (m - 1) + months_after;
	y = index / 12;
	m = index % 12 + 1;
	int last = kh_days_in_month(y, m);
	return kh_day_from_ymd(y, m, due_day < last ? due_day : last);
}

int kh_period_only_admits(const char *only, const struct kh_period *required)
{
	int y, first_month, last_month, d;
	kh_day_to_ymd(required->first, &y, &first_month, &d);
	kh_day_to_ymd(required->last, &y, &last_month, &d);
	int lo, hi;
	char extra;
	int n;
	if (sscanf(only, "H%d%c", &n, &extra) == 1 && n >= 1 && n <= 2) {
		lo = (n - 1) * 6 + 1;
		hi = lo + 5;
	} else if (sscanf(only, "Q%d%c", &n, &extra) == 1 && n >= 1 && n <= 4) {
		lo = (n - 1) * 3 + 1;
		hi = lo + 2;
	} else if ((sscanf(only, "M%d%c", &n, &extra) == 1 ||
	            (only[0] >= '0' && only[0] <= '9' &&
	             sscanf(only, "%d%c", &n, &extra) == 1)) && n >= 1 && n <= 12) {
		lo = hi = n;
	} else {
		return -1;
	}
	return first_month >= lo && last_month <= hi;
}
