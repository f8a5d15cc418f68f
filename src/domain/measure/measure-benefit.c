/* measure-benefit.c: `benefit-recompute` (every claim's benefit recomputed
 * from the person's yearly cumulative eligible amount, 001 第十三/十四条)
 * and `claims-cap` (yearly total per person, 000 第十条).  Reads the
 * claims by person (its own pass, or a scoring run's shared claim pass:
 * claim-pass.h) with no allocation per row; exact integer arithmetic in fen, never floating point; no SQL,
 * never writes the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim-pass.h"
#include "measure-lib.h"
#include "msg.h"

#define MAX_SCHEMES 8

struct schemes {
	struct kh_benefit_scheme items[MAX_SCHEMES];
	size_t count;
};

static int read_schemes(const struct kh_measure_ctx *ctx, struct schemes *s)
{
	const struct kh_node *m = &ctx->indicator->measure;
	s->count = 0;
	for (size_t i = 0; i < m->nchildren; i++) {
		if (strcmp(m->children[i].name, "scheme") != 0)
			continue;
		if (s->count == MAX_SCHEMES)
			return kh_mparam_error(ctx, &m->children[i], "category",
			                       "(too many schemes)");
		if (kh_benefit_scheme_parse(ctx, &m->children[i],
		                            &s->items[s->count]) != 0)
			return -1;
		s->count++;
	}
	if (s->count == 0)
		return kh_mparam_error(ctx, m, "scheme", NULL);
	return 0;
}

/* The scheme for a claim's category: the one naming it, else one naming
 * no category; NULL when none applies. */
static const struct kh_benefit_scheme *scheme_for(const struct schemes *s,
                                                  const char *category)
{
	const struct kh_benefit_scheme *any = NULL;
	for (size_t i = 0; i < s->count; i++) {
		if (!s->items[i].category)
			any = any ? any : &s->items[i];
		else if (category && strcmp(s->items[i].category, category) == 0)
			return &s->items[i];
	}
	return any;
}

/* The person and year whose cumulative amount is running; the id buffer
 * grows only when a longer id arrives. */
struct running {
	char *insured;
	size_t cap;
	int year;
	kh_fen cumulative;
};

static int same_person_year(const struct running *run, const char *insured,
                            size_t len, int year)
{
	return run->insured && run->year == year && strlen(run->insured) == len &&
	       memcmp(run->insured, insured, len) == 0;
}

static void start_person_year(struct running *run, const char *insured,
                              size_t len, int year)
{
	if (len + 1 > run->cap) {
		run->cap = len + 1 > 64 ? len + 1 : 64;
		run->insured = kh_xrealloc(run->insured, run->cap);
	}
	memcpy(run->insured, insured, len);
	run->insured[len] = '\0';
	run->year = year;
	run->cumulative = 0;
}

struct benefit_tally {
	long judged, findings, no_scheme;
	long over, under;         /* findings paid above / below the recomputed */
};

/* --- trigger decisions -----------------------------------------------------
 * A clause such as 001 第三十四条(三) "擅自提高或降低报销比例" or 000
 * 第三十三条(五) names a deliberate change of the rule, not an error in a
 * claim.  The indicator's triggers fire only on a pattern: more than one
 * case off in the same direction, and those cases at least `pattern-share`
 * (default 10%) of the cases judged.  Each case stays a finding with its
 * evidence either way. */
#define PATTERN_SHARE_DEFAULT "10%"

static int pattern_fires(struct kh_rate share, long same_direction, long judged)
{
	if (same_direction < 2 || judged <= 0)
		return 0;
	struct kh_rate seen = { same_direction, judged };
	return kh_rate_cmp(seen, share) >= 0;
}

static void decide_triggers(const struct kh_measure_ctx *ctx,
                            struct kh_result *r, int fires)
{
	for (size_t i = 0; i < ctx->indicator->ntriggers; i++)
		kh_result_decide(r, ctx->indicator->triggers[i].action, fires);
}

static void pattern_note(const struct kh_measure_ctx *ctx, struct kh_result *r,
                         struct kh_rate share, long same_direction, long judged,
                         int fires)
{
	char pct[64], note[512];
	kh_rate_format_percent(share, 2, pct, sizeof pct);
	if (!kh_node_attr(&ctx->indicator->measure, "pattern-share"))
		strncat(pct, kh_tr("（默认）", " (default)"), sizeof pct - strlen(pct) - 1);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "The indicator's triggers (a deliberate change of the rule) "
		         "need a pattern: more than one case off in the same direction "
		         "and at least %s of the %ld judged; %ld found, so they %s.",
		         pct, judged, same_direction, fires ? "apply" : "do not apply");
	else
		snprintf(note, sizeof note,
		         "本指标的违约情形（擅自改变报销规则）须有系统性表现：同一方向偏差"
		         "超过 1 例且不低于判定数 %ld 的 %s；同向偏差 %ld 例，%s。",
		         judged, pct, same_direction, fires ? "适用" : "不适用");
	kh_result_note(r, note);
}

static void benefit_columns(struct kh_result *r)
{
	kh_result_column(r, "ref", kh_tr("结算单号", "claim"));
	kh_result_column(r, "insured", kh_tr("参保人编号", "insured"));
	kh_result_column(r, "category", kh_tr("人员类别", "category"));
	kh_result_column(r, "service", kh_tr("结算日期", "service date"));
	kh_result_column(r, "eligible", kh_tr("合规自付费用", "eligible amount"));
	kh_result_column(r, "before", kh_tr("此前年度累计", "cumulative before"));
	kh_result_column(r, "recomputed", kh_tr("应付金额（复算）", "recomputed benefit"));
	kh_result_column(r, "paid", kh_tr("实付金额", "paid"));
	kh_result_column(r, "difference", kh_tr("差额（实付−应付）", "difference (paid − recomputed)"));
}

static void benefit_item(struct kh_result *r, const struct kh_settlement *claim,
                         kh_day service, kh_fen before, kh_fen due)
{
	xmlNodePtr item = kh_result_item(r);
	if (!item)
		return;
	kh_item_set(item, "ref", claim->claim_id);
	kh_item_set(item, "insured", claim->insured_id);
	kh_item_set(item, "category", claim->category);
	kh_item_set_day(item, "service", service);
	kh_item_set_fen(item, "eligible", claim->eligible_amount);
	kh_item_set_fen(item, "before", before);
	kh_item_set_fen(item, "recomputed", due);
	kh_item_set_fen(item, "paid", claim->paid_amount);
	kh_item_set_fen(item, "difference", claim->paid_amount - due);
}

struct benefit_scan {
	const struct kh_measure_ctx *ctx;
	const struct schemes *s;
	struct running run;
	struct benefit_tally *t;
	struct kh_result *r;
	kh_day year_first, year_last;   /* the year last worked out (empty: */
	int year;                       /* first > last), so most claims */
};                                      /* need no kh_day_to_ymd */

/* The calendar year of a day, remembered for the days after it. */
static int year_of(struct benefit_scan *b, kh_day d)
{
	if (d >= b->year_first && d <= b->year_last)
		return b->year;
	int year, month, day;
	kh_day_to_ymd(d, &year, &month, &day);
	b->year = year;
	b->year_first = kh_day_from_ymd(year, 1, 1);
	b->year_last = kh_day_from_ymd(year, 12, 31);
	return year;
}

/* One claim in (insured, date, claim) order.  Claims dated before the
 * period (earlier in the same year) only accumulate. */
static int benefit_claim(const struct kh_settlement *claim, void *arg)
{
	struct benefit_scan *b = arg;
	kh_day service = claim->day;   /* service date, else receipt */
	int year = year_of(b, service);
	size_t insured_len = strlen(claim->insured_id);
	if (!same_person_year(&b->run, claim->insured_id, insured_len, year))
		start_person_year(&b->run, claim->insured_id, insured_len, year);
	kh_fen eligible = claim->eligible_amount;
	kh_fen before = b->run.cumulative;
	b->run.cumulative += eligible > 0 ? eligible : 0;
	if (service < b->ctx->period.first)
		return 0;
	const struct kh_benefit_scheme *scheme = scheme_for(b->s, claim->category);
	if (!scheme) {
		b->t->no_scheme++;
		return 0;
	}
	b->t->judged++;
	kh_fen due = kh_benefit_of_claim(scheme, before, eligible);
	if (due == claim->paid_amount)
		return 0;
	b->t->findings++;
	if (claim->paid_amount > due)
		b->t->over++;
	else
		b->t->under++;
	benefit_item(b->r, claim, service, before, due);
	return 0;
}

static void benefit_note(const struct benefit_tally *t, struct kh_result *r)
{
	char note[640];
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "Per insured person and year, eligible amounts accumulate in "
		         "service-date order (claim id breaks ties); a claim's benefit "
		         "is f(cumulative after) − f(cumulative before), f applying the "
		         "deductible, the bands and the yearly cap of the person's "
		         "scheme, computed exactly and rounded half-up to the fen once "
		         "per claim.  Claims without an eligible amount are not judged.  "
		         "Judged %ld, differing %ld%s.", t->judged, t->findings,
		         t->no_scheme ? "; claims of a category with no scheme were skipped" : "");
	else
		snprintf(note, sizeof note,
		         "按参保人、年度，以结算日期为序（同日按结算单号）累计合规自付费用；"
		         "每笔应付 = f(累计后) − f(累计前)，f 按人员类别适用起付线、分段比例"
		         "和年度封顶线，精确计算后每笔四舍五入到分一次。无合规自付费用的结算"
		         "不判定。判定 %ld 笔，不一致 %ld 笔%s。", t->judged, t->findings,
		         t->no_scheme ? "；人员类别无对应方案的结算未判定" : "");
	kh_result_note(r, note);
}

/* Everything one indicator keeps from begin to end (measure.h). */
struct benefit_state {
	struct benefit_scan b;    /* first: the reader's arg is both */
	struct schemes s;
	struct kh_rate share;
	struct benefit_tally t;
};

/* The benefit year is the year of service_date (received_date when a
 * claim has none); accumulation starts on 1 January of the period's year,
 * so a quarter is scored on the person's whole year so far.  The claims
 * come in person order (claim-sort.h: sorted in C, spilling to a
 * temporary file, so memory stays flat). */
int kh_measure_benefit_begin(const struct kh_measure_ctx *ctx, struct kh_result *r,
                             struct kh_claim_reader *reader)
{
	struct benefit_state *st = kh_xcalloc(1, sizeof *st);
	if (read_schemes(ctx, &st->s) != 0 ||
	    kh_mparam_rate(ctx, &ctx->indicator->measure, "pattern-share",
	                   PATTERN_SHARE_DEFAULT, &st->share) != 0) {
		free(st);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	st->b = (struct benefit_scan){ ctx, &st->s, { NULL, 0, 0, 0 }, &st->t, r,
	                               1, 0, 0 };
	reader->query = (struct kh_settlement_query){
		.contract = kh_mctx_contract(ctx), .day = KH_SETTLE_SERVICE,
		.first = kh_day_from_ymd(ctx->period.year, 1, 1),
		.last = kh_mctx_until(ctx), .eligible_only = 1,
		.order = KH_SETTLE_BY_PERSON,
		.fields = KH_SF_CLAIM | KH_SF_INSURED | KH_SF_CATEGORY | KH_SF_AMOUNTS,
	};
	reader->fn = benefit_claim;
	reader->arg = st;
	return 0;
}

static void benefit_judge(const struct kh_measure_ctx *ctx,
                          const struct benefit_state *st, struct kh_result *r)
{
	const struct benefit_tally *t = &st->t;
	benefit_note(t, r);
	if (t->findings > 0)
		benefit_columns(r);  /* columns go before the items */
	kh_mcount_target_max(r, 0, "笔", "claims");
	r->findings = t->findings;
	if (t->judged == 0) {
		kh_mresult_na(r, kh_tr("本期没有带合规自付费用的结算记录，无法复算。",
		                       "No claim of the period carries an eligible "
		                       "amount: nothing to recompute."));
		return;
	}
	kh_mcount_value(r, t->findings, "笔", "claims");
	r->status = t->findings == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	if (t->findings > 0) {
		long same = t->over > t->under ? t->over : t->under;
		int fires = pattern_fires(st->share, same, t->judged);
		pattern_note(ctx, r, st->share, same, t->judged, fires);
		decide_triggers(ctx, r, fires);
	}
}

int kh_measure_benefit_end(const struct kh_measure_ctx *ctx, struct kh_result *r,
                           struct kh_claim_reader *reader)
{
	struct benefit_state *st = reader->arg;
	int rc = reader->rc < 0 ? -1 : 0;
	if (rc == 0)
		benefit_judge(ctx, st, r);
	free(st->b.run.insured);
	free(st);
	return rc;
}

int kh_measure_benefit(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	return kh_mrun_halves(ctx, r, kh_measure_benefit_begin, kh_measure_benefit_end);
}

/* --- claims-cap ------------------------------------------------------------ */

/* One person's yearly total as the claims stream by person. */
struct cap_scan {
	kh_fen max;
	int eligible;             /* sum eligible amounts, not paid ones */
	struct running person;    /* the person being summed (cumulative: total) */
	long claims;
	long persons, over;
	struct kh_result *r;
};

/* The person summed so far is complete: judge the total. */
static void cap_close_person(struct cap_scan *c)
{
	if (!c->person.insured || c->claims == 0)
		return;
	c->persons++;
	kh_fen total = c->person.cumulative;
	if (total <= c->max)
		return;
	c->over++;
	xmlNodePtr item = kh_result_item(c->r);
	kh_item_set(item, "ref", c->person.insured);
	kh_item_set_long(item, "claims", c->claims);
	kh_item_set_fen(item, "total", total);
	kh_item_set_fen(item, "excess", total - c->max);
}

static int cap_claim(const struct kh_settlement *claim, void *arg)
{
	struct cap_scan *c = arg;
	size_t len = strlen(claim->insured_id);
	if (!same_person_year(&c->person, claim->insured_id, len, 0)) {
		cap_close_person(c);
		start_person_year(&c->person, claim->insured_id, len, 0);
		c->claims = 0;
	}
	c->claims++;
	if (!c->eligible)
		c->person.cumulative += claim->paid_amount;
	else if (claim->has_eligible)
		c->person.cumulative += claim->eligible_amount;
	return 0;
}

static void cap_note(const struct cap_scan *c, struct kh_result *r)
{
	char cap[48], note[320];
	kh_fen_format_grouped(c->max, cap, sizeof cap);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note, "Yearly total of %s amounts per insured "
		         "person against the cap of %s yuan; %ld persons.",
		         c->eligible ? "eligible" : "paid", cap, c->persons);
	else
		snprintf(note, sizeof note, "每位参保人年度%s累计与封顶线 %s 元比较；"
		         "共 %ld 人。", c->eligible ? "合规自付费用" : "支付金额", cap,
		         c->persons);
	kh_result_note(r, note);
}

/* Everything one indicator keeps from begin to end (measure.h). */
struct cap_state {
	struct cap_scan c;        /* first: the reader's arg is both */
	struct kh_rate share;
};

int kh_measure_claims_cap_begin(const struct kh_measure_ctx *ctx,
                                struct kh_result *r,
                                struct kh_claim_reader *reader)
{
	const struct kh_node *m = &ctx->indicator->measure;
	struct cap_state *st = kh_xcalloc(1, sizeof *st);
	struct cap_scan *c = &st->c;
	c->r = r;
	const char *amount = kh_node_attr(m, "amount");
	c->eligible = amount && strcmp(amount, "eligible") == 0;
	if (kh_mparam_fen(ctx, m, "max", NULL, &c->max) != 0 ||
	    kh_mparam_rate(ctx, m, "pattern-share", PATTERN_SHARE_DEFAULT,
	                   &st->share) != 0 ||
	    (amount && !c->eligible && strcmp(amount, "paid") != 0 &&
	     kh_mparam_error(ctx, m, "amount", amount) != 0)) {
		free(st);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	/* Yearly totals from 1 January of the period's year to the period's
	 * end (or the as-of day), per person; the year of a claim is that of
	 * its service date, else its receipt.  Claims come grouped by person. */
	reader->query = (struct kh_settlement_query){
		.contract = kh_mctx_contract(ctx), .day = KH_SETTLE_SERVICE,
		.first = kh_day_from_ymd(ctx->period.year, 1, 1),
		.last = kh_mctx_until(ctx), .order = KH_SETTLE_BY_PERSON,
		.fields = KH_SF_INSURED | KH_SF_AMOUNTS,
	};
	reader->fn = cap_claim;
	reader->arg = st;
	return 0;
}

static void cap_judge(const struct kh_measure_ctx *ctx, struct cap_state *st,
                      struct kh_result *r)
{
	struct cap_scan *c = &st->c;
	cap_note(c, r);
	if (c->over > 0) {
		kh_result_column(r, "ref", kh_tr("参保人编号", "insured"));
		kh_result_column(r, "claims", kh_tr("结算笔数", "claims"));
		kh_result_column(r, "total", kh_tr("年度累计", "yearly total"));
		kh_result_column(r, "excess", kh_tr("超出封顶", "excess"));
	}
	kh_mcount_target_max(r, 0, "人", "persons");
	r->findings = c->over;
	if (c->persons == 0) {
		kh_mresult_na(r, kh_tr("本期没有结算记录。", "No claims in the period."));
		return;
	}
	kh_mcount_value(r, c->over, "人", "persons");
	r->status = c->over == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	if (c->over > 0) {
		/* Paying above the cap is one direction (a widened benefit). */
		int fires = pattern_fires(st->share, c->over, c->persons);
		pattern_note(ctx, r, st->share, c->over, c->persons, fires);
		decide_triggers(ctx, r, fires);
	}
}

int kh_measure_claims_cap_end(const struct kh_measure_ctx *ctx,
                              struct kh_result *r, struct kh_claim_reader *reader)
{
	struct cap_state *st = reader->arg;
	int rc = reader->rc < 0 ? -1 : 0;
	if (rc == 0) {
		cap_close_person(&st->c);
		cap_judge(ctx, st, r);
	}
	free(st->c.person.insured);
	free(st);
	return rc;
}

int kh_measure_claims_cap(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	return kh_mrun_halves(ctx, r, kh_measure_claims_cap_begin,
	                      kh_measure_claims_cap_end);
}
