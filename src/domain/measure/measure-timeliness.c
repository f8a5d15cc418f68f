/* measure-timeliness.c: the `timeliness` measure — settlement claims paid
 * within N working days of receipt (001 第十六/十七条, the rule in
 * kh_claim_timeliness), judged at the as-of day, with a monthly chart.
 * Reads the settlements in one pass (its own, or a scoring run's shared
 * claim pass: claim-pass.h) with O(1) work and no allocation per row; no
 * SQL, never writes the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim-pass.h"
#include "measure-lib.h"
#include "msg.h"

/* One claim kept as evidence.  Only the worst claims are kept (see
 * late_precedes), so memory is bounded by the evidence limit. */
struct late_claim {
	int late;                 /* working days late (0 for an on-time excused claim) */
	int excused;
	kh_day received, deadline, paid;  /* paid: -1 when unpaid at as-of */
	char *ref;
};

/* Evidence order: non-excused before excused, then the most working days
 * late first, then the earliest receipt, then claim id.  The kept set is
 * the first `limit` claims in this order: the N worst, not the first N
 * met, so a capped table still shows what matters to the panel. */
static int late_precedes(const struct late_claim *a, const struct late_claim *b)
{
	if (a->excused != b->excused)
		return a->excused < b->excused;
	if (a->late != b->late)
		return a->late > b->late;
	if (a->received != b->received)
		return a->received < b->received;
	return strcmp(a->ref, b->ref) < 0;
}

/* A max-heap in evidence order: the root is the claim that would be shown
 * last, the first to drop out when a worse one arrives. */
struct late_heap {
	struct late_claim *items;
	size_t count, cap;
	long limit;               /* < 0: keep everything */
};

static void heap_swap(struct late_claim *a, struct late_claim *b)
{
	struct late_claim t = *a;
	*a = *b;
	*b = t;
}

static void heap_up(struct late_heap *h, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!late_precedes(&h->items[parent], &h->items[i]))
			break;
		heap_swap(&h->items[parent], &h->items[i]);
		i = parent;
	}
}

static void heap_down(struct late_heap *h, size_t i)
{
	for (;;) {
		size_t last = i, l = 2 * i + 1, r = l + 1;
		if (l < h->count && late_precedes(&h->items[last], &h->items[l]))
			last = l;
		if (r < h->count && late_precedes(&h->items[last], &h->items[r]))
			last = r;
		if (last == i)
			return;
		heap_swap(&h->items[i], &h->items[last]);
		i = last;
	}
}

/* Offer a claim; `ref` is copied only when the claim is kept. */
static void heap_offer(struct late_heap *h, struct late_claim c, const char *ref)
{
	if (h->limit == 0)
		return;
	if (h->limit > 0 && (long)h->count >= h->limit) {
		c.ref = (char *)ref;
		if (!late_precedes(&c, &h->items[0]))
			return;
		free(h->items[0].ref);
		c.ref = kh_xstrdup(ref);
		h->items[0] = c;
		heap_down(h, 0);
		return;
	}
	if (h->count == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->items = kh_xrealloc(h->items, h->cap * sizeof h->items[0]);
	}
	c.ref = kh_xstrdup(ref);
	h->items[h->count] = c;
	heap_up(h, h->count++);
}

static int cmp_late(const void *a, const void *b)
{
	const struct late_claim *x = a, *y = b;
	if (late_precedes(x, y))
		return -1;
	return late_precedes(y, x);
}

static void heap_free(struct late_heap *h)
{
	for (size_t i = 0; i < h->count; i++)
		free(h->items[i].ref);
	free(h->items);
}

/* Counts for the whole period and for each month of receipt. */
struct month_tally {
	long judged, on_time;
};

struct tally {
	long received, judged, on_time, late, not_due, excused;
	long listed;              /* late + excused judged: evidence items */
	struct month_tally months[12];
};

/* The month of the period a day falls in (0..11), or -1.  The period's
 * month starts are worked out once per period (months[12] the day after
 * the twelfth), so a claim costs a few comparisons, not a date split. */
struct month_starts {
	kh_day first[13];
};

static void month_starts_init(struct month_starts *ms, const struct kh_period *period)
{
	int y0, m0, dd;
	kh_day_to_ymd(period->first, &y0, &m0, &dd);
	for (int i = 0; i <= 12; i++) {
		int index = y0 * 12 + (m0 - 1) + i;
		ms->first[i] = kh_day_from_ymd(index / 12, index % 12 + 1, 1);
	}
}

static int month_index(const struct month_starts *ms, kh_day d)
{
	if (d < ms->first[0] || d >= ms->first[12])
		return -1;
	int i = 0;
	while (d >= ms->first[i + 1])
		i++;
	return i;
}

/* What the stream's callback works on. */
struct params {
	const char *channel;
	long workdays;
	struct kh_rate min;
	struct month_starts months;   /* of the period */
};

static int read_params(const struct kh_measure_ctx *ctx, struct params *p)
{
	const struct kh_node *m = &ctx->indicator->measure;
	p->channel = kh_node_attr(m, "channel");
	if (!p->channel || (strcmp(p->channel, "direct") != 0 &&
	                    strcmp(p->channel, "manual") != 0))
		return kh_mparam_error(ctx, m, "channel", p->channel);
	if (kh_mparam_long(ctx, m, "workdays", NULL, 1, KH_CLAIM_WORKDAYS_MAX,
	                   &p->workdays) != 0 ||
	    kh_mparam_rate(ctx, m, "min", "100%", &p->min) != 0)
		return -1;
	month_starts_init(&p->months, &ctx->period);
	return 0;
}

struct scan {
	const struct kh_measure_ctx *ctx;
	const struct params *p;
	struct tally *t;
	struct late_heap *heap;
	int calendar_short;       /* the calendar lacked a year: stop */
};

/* Judge one claim; -1 when the calendar lacks a year it needs. */
static int judge_claim(const struct kh_measure_ctx *ctx, const struct params *p,
                       const struct kh_settlement *claim, struct tally *t,
                       struct late_heap *heap)
{
	kh_day received = claim->received;
	if (received > ctx->as_of)
		return 0;  /* not received by the as-of day: nothing to judge */
	t->received++;
	kh_day paid = claim->paid != KH_DAY_NONE && claim->paid <= ctx->as_of
	              ? claim->paid : KH_DAY_NONE;  /* unknown at as-of: unpaid */
	kh_day deadline;
	enum kh_claim_state state;
	if (kh_claim_timeliness(ctx->calendar, received, (int)p->workdays, paid,
	                        ctx->as_of, &deadline, &state) != 0)
		return -1;
	if (state == KH_CLAIM_NOT_DUE) {
		t->not_due++;
		return 0;
	}
	int excused = claim->excused;
	int late_days = 0;
	if (state == KH_CLAIM_LATE) {
		kh_day until = paid != KH_DAY_NONE ? paid : ctx->as_of;
		if (kh_calendar_workdays_between(ctx->calendar, deadline, until,
		                                 &late_days) != 0)
			return -1;
		/* Paid (or still unpaid) on a rest day after the deadline: late
		 * all the same, by the first working day it ran into. */
		if (late_days < 1)
			late_days = 1;
	}
	if (excused) {
		t->excused++;
	} else {
		int mi = month_index(&p->months, received);
		t->judged++;
		if (mi >= 0)
			t->months[mi].judged++;
		if (state == KH_CLAIM_ON_TIME) {
			t->on_time++;
			if (mi >= 0)
				t->months[mi].on_time++;
			return 0;
		}
		t->late++;
	}
	t->listed++;
	struct late_claim c = {
		.late = late_days, .excused = excused, .received = received,
		.deadline = deadline, .paid = paid != KH_DAY_NONE ? paid : -1,
	};
	heap_offer(heap, c, claim->claim_id);
	return 0;
}

static int judge_each(const struct kh_settlement *claim, void *arg)
{
	struct scan *scan = arg;
	if (judge_claim(scan->ctx, scan->p, claim, scan->t, scan->heap) != 0) {
		scan->calendar_short = 1;
		return 1;
	}
	return 0;
}

/* Everything one indicator keeps from begin to end (measure.h). */
struct timeliness_state {
	struct scan scan;         /* first: the reader's arg is both */
	struct params p;
	struct tally t;
	struct late_heap heap;
};

/* The claims of the channel received in the period up to the as-of day,
 * in whatever order is fastest: the evidence order comes from the bounded
 * heap. */
int kh_measure_timeliness_begin(const struct kh_measure_ctx *ctx,
                                struct kh_result *r,
                                struct kh_claim_reader *reader)
{
	struct timeliness_state *st = kh_xcalloc(1, sizeof *st);
	if (read_params(ctx, &st->p) != 0) {
		free(st);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	st->heap.limit = r->evidence_limit;
	st->scan = (struct scan){ ctx, &st->p, &st->t, &st->heap, 0 };
	reader->query = (struct kh_settlement_query){
		.contract = kh_mctx_contract(ctx), .day = KH_SETTLE_RECEIVED,
		.first = ctx->period.first, .last = kh_mctx_until(ctx),
		.channel = st->p.channel, .order = KH_SETTLE_ANY_ORDER,
		.fields = KH_SF_CLAIM | KH_SF_RECEIVED | KH_SF_PAID | KH_SF_EXCUSED,
	};
	reader->fn = judge_each;
	reader->arg = st;
	return 0;
}

static void emit_evidence(struct kh_result *r, struct late_heap *heap, long listed)
{
	kh_result_column(r, "ref", kh_tr("结算单号", "claim"));
	kh_result_column(r, "received", kh_tr("受理日期", "received"));
	kh_result_column(r, "deadline", kh_tr("期限", "deadline"));
	kh_result_column(r, "paid", kh_tr("支付日期", "paid"));
	kh_result_column(r, "late", kh_tr("逾期工作日", "working days late"));
	kh_result_column(r, "excused", kh_tr("免责", "excused"));
	qsort(heap->items, heap->count, sizeof heap->items[0], cmp_late);
	for (size_t i = 0; i < heap->count; i++) {
		const struct late_claim *c = &heap->items[i];
		xmlNodePtr item = kh_result_item(r);
		kh_item_set(item, "ref", c->ref);
		kh_item_set_day(item, "received", c->received);
		kh_item_set_day(item, "deadline", c->deadline);
		if (c->paid >= 0)
			kh_item_set_day(item, "paid", c->paid);
		else
			kh_item_set(item, "paid", kh_tr("未支付", "unpaid"));
		kh_item_set_long(item, "late", c->late);
		if (c->excused)
			kh_item_set(item, "excused", kh_tr("免责", "excused"));
	}
	kh_result_count_hidden(r, listed - (long)heap->count);
}

/* One series per channel (the first indicator of that channel draws it);
 * left out when no month has a judged claim. */
static void emit_chart(const struct kh_measure_ctx *ctx, const struct params *p,
                       const struct tally *t, struct kh_result *r)
{
	char id[64], y[48], x[16];
	snprintf(id, sizeof id, "settle-monthly-%s", p->channel);
	if (t->judged == 0 || kh_result_find_series(r, id))
		return;
	int direct = strcmp(p->channel, "direct") == 0;
	xmlNodePtr series = kh_result_series(r, id, "line", "month", "rate",
		direct ? kh_tr("直接结算月度及时率", "Direct settlement: monthly on-time rate")
		       : kh_tr("手工报销月度及时率", "Manual claims: monthly on-time rate"));
	kh_rate_format(p->min, 4, y, sizeof y);
	kh_series_ref_line(series, y, kh_tr("目标", "target"));
	int y0, m0, dd;
	kh_day_to_ymd(ctx->period.first, &y0, &m0, &dd);
	for (int i = 0; i < 12; i++) {
		if (t->months[i].judged == 0)
			continue;
		int index = y0 * 12 + (m0 - 1) + i;
		snprintf(x, sizeof x, "%04d-%02d", index / 12, index % 12 + 1);
		struct kh_rate rate = { t->months[i].on_time, t->months[i].judged };
		kh_series_point(series, x, kh_rate_format(rate, 4, y, sizeof y));
	}
}

static void emit_note(const struct kh_measure_ctx *ctx, const struct params *p,
                      const struct tally *t, struct kh_result *r)
{
	char asof[KH_DAY_BUFSZ], note[768];
	kh_day_format(ctx->as_of, asof);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "The day of receipt is not counted; the deadline is working "
		         "day %ld after it (Civil Code art. 201); paid on or before "
		         "the deadline is on time.  Unpaid at the as-of day (%s) and past "
		         "the deadline counts as late; not yet due is not judged.  "
		         "Received %ld, judged %ld, on time %ld, late %ld, not yet due %ld; "
		         "%ld excused claims are listed but left out of the denominator.",
		         p->workdays, asof, t->received, t->judged, t->on_time, t->late,
		         t->not_due, t->excused);
	else
		snprintf(note, sizeof note,
		         "受理日不计入，受理后第%ld个工作日为期限（民法典第二百零一条），"
		         "期限当日或之前支付为及时；截至评估日（%s）未支付且已过期限的计为"
		         "逾期，尚未到期的不判定。受理 %ld 笔，判定 %ld 笔，及时 %ld 笔，"
		         "逾期 %ld 笔，未到期 %ld 笔；免责 %ld 笔列示但不计入分母。",
		         p->workdays, asof, t->received, t->judged, t->on_time, t->late,
		         t->not_due, t->excused);
	kh_result_note(r, note);
}

static void judge(const struct kh_measure_ctx *ctx, struct timeliness_state *st,
                  struct kh_result *r)
{
	const struct params *p = &st->p;
	const struct tally *t = &st->t;
	kh_mrate_target_min(r, p->min);
	emit_note(ctx, p, t, r);
	if (t->judged == 0) {
		r->status = KH_STATUS_NA;
		kh_result_note(r, kh_tr("本期没有可判定的结算记录（未受理、未到期或全部免责）。",
		                        "No claim of the period can be judged yet "
		                        "(none received, none due, or all excused)."));
	} else {
		struct kh_rate rate = { t->on_time, t->judged };
		kh_mrate_value(r, rate);
		r->status = kh_rate_cmp(rate, p->min) >= 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	}
	r->findings = t->late;
	if (t->listed > 0)
		emit_evidence(r, &st->heap, t->listed);
	emit_chart(ctx, p, t, r);
}

int kh_measure_timeliness_end(const struct kh_measure_ctx *ctx,
                              struct kh_result *r,
                              struct kh_claim_reader *reader)
{
	struct timeliness_state *st = reader->arg;
	int rc = 0;
	if (st->scan.calendar_short) {
		kh_mcal_error(ctx->calendar);
		rc = kh_fail(ctx->err, KH_ERR_DATA);
	} else if (reader->rc < 0) {
		rc = -1;
	} else {
		judge(ctx, st, r);
	}
	heap_free(&st->heap);
	free(st);
	return rc;
}

int kh_measure_timeliness(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	return kh_mrun_halves(ctx, r, kh_measure_timeliness_begin,
	                      kh_measure_timeliness_end);
}
