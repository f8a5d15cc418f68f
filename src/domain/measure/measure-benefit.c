/* measure-benefit.c: `benefit-recompute` (every claim's benefit recomputed
 * from the person's yearly cumulative eligible amount, 001 第十三/十四条)
 * and `claims-cap` (yearly total per person, 000 第十条).  Streams sorted
 * rows from SQLite with no allocation per row; exact integer arithmetic in
 * fen, never floating point; never writes the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "measure-lib.h"
#include "msg.h"
#include "sql.h"

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
};

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

static void benefit_item(struct kh_result *r, sqlite3_stmt *st, kh_day service,
                         kh_fen eligible, kh_fen before, kh_fen due, kh_fen paid)
{
	xmlNodePtr item = kh_result_item(r);
	if (!item)
		return;
	kh_item_set(item, "ref", (const char *)sqlite3_column_text(st, 2));
	kh_item_set(item, "insured", (const char *)sqlite3_column_text(st, 0));
	kh_item_set(item, "category", (const char *)sqlite3_column_text(st, 3));
	kh_item_set_day(item, "service", service);
	kh_item_set_fen(item, "eligible", eligible);
	kh_item_set_fen(item, "before", before);
	kh_item_set_fen(item, "recomputed", due);
	kh_item_set_fen(item, "paid", paid);
	kh_item_set_fen(item, "difference", paid - due);
}

/* One claim in (insured, date, claim) order.  Claims dated before the
 * period (earlier in the same year) only accumulate. */
static void benefit_row(const struct kh_measure_ctx *ctx, const struct schemes *s,
                        sqlite3_stmt *st, struct running *run,
                        struct benefit_tally *t, struct kh_result *r)
{
	const char *insured = (const char *)sqlite3_column_text(st, 0);
	size_t insured_len = (size_t)sqlite3_column_bytes(st, 0);
	kh_day service;
	if (kh_day_parse_n((const char *)sqlite3_column_text(st, 1),
	                   (size_t)sqlite3_column_bytes(st, 1), &service) != 0)
		return;
	int year, month, day;
	kh_day_to_ymd(service, &year, &month, &day);
	if (!same_person_year(run, insured, insured_len, year))
		start_person_year(run, insured, insured_len, year);
	kh_fen eligible = sqlite3_column_int64(st, 4);
	kh_fen paid = sqlite3_column_int64(st, 5);
	kh_fen before = run->cumulative;
	run->cumulative += eligible > 0 ? eligible : 0;
	if (service < ctx->period.first)
		return;
	const struct kh_benefit_scheme *scheme =
		scheme_for(s, (const char *)sqlite3_column_text(st, 3));
	if (!scheme) {
		t->no_scheme++;
		return;
	}
	t->judged++;
	kh_fen due = kh_benefit_of_claim(scheme, before, eligible);
	if (due == paid)
		return;
	t->findings++;
	benefit_item(r, st, service, eligible, before, due, paid);
}

static int benefit_scan(const struct kh_measure_ctx *ctx, const struct schemes *s,
                        struct benefit_tally *t, struct kh_result *r)
{
	/* The benefit year is the year of service_date (received_date when a
	 * claim has none); accumulation starts on 1 January of the period's
	 * year, so a quarter is scored on the person's whole year so far.
	 * SQLite sorts (its sorter spills to disk, so memory stays flat); the
	 * rows then stream.  "+contract": a sequential scan, not one random
	 * read per row through the primary-key index. */
	static const char sql[] =
		"SELECT insured_id, d, claim_id, category, eligible_amount, paid_amount"
		" FROM (SELECT insured_id, COALESCE(service_date, received_date) AS d,"
		"  claim_id, category, eligible_amount, paid_amount FROM settlements"
		"  WHERE +contract = ?1 AND eligible_amount IS NOT NULL)"
		" WHERE d BETWEEN ?2 AND ?3"
		" ORDER BY insured_id, d, claim_id";
	sqlite3_stmt *st;
	if (kh_db_prepare(ctx->db, sql, &st) != 0)
		return EX_SOFTWARE;
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ];
	sqlite3_bind_text(st, 1, kh_mctx_contract(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kh_day_format(kh_day_from_ymd(ctx->period.year, 1, 1),
	                                       first), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kh_day_format(kh_mctx_until(ctx), last), -1,
	                  SQLITE_STATIC);
	struct running run = { NULL, 0, 0, 0 };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		benefit_row(ctx, s, st, &run, t, r);
	int status = 0;
	if (rc != SQLITE_DONE) {
		kh_error("%s", sqlite3_errmsg(ctx->db));
		status = EX_IOERR;
	}
	free(run.insured);
	sqlite3_finalize(st);
	return status;
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

int kh_measure_benefit(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct schemes s;
	if (read_schemes(ctx, &s) != 0)
		return EX_DATAERR;
	struct benefit_tally t = { 0, 0, 0 };
	int status = benefit_scan(ctx, &s, &t, r);
	if (status != 0)
		return status;
	benefit_note(&t, r);
	if (t.findings > 0)
		benefit_columns(r);  /* columns go before the items */
	kh_mcount_target_max(r, 0, "笔", "claims");
	r->findings = t.findings;
	if (t.judged == 0) {
		kh_mresult_na(r, kh_tr("本期没有带合规自付费用的结算记录，无法复算。",
		                       "No claim of the period carries an eligible "
		                       "amount: nothing to recompute."));
		return 0;
	}
	kh_mcount_value(r, t.findings, "笔", "claims");
	r->status = t.findings == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}

/* --- claims-cap ------------------------------------------------------------ */

int kh_measure_claims_cap(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	const struct kh_node *m = &ctx->indicator->measure;
	kh_fen max;
	if (kh_mparam_fen(ctx, m, "max", NULL, &max) != 0)
		return EX_DATAERR;
	const char *amount = kh_node_attr(m, "amount");
	int eligible = amount && strcmp(amount, "eligible") == 0;
	if (amount && !eligible && strcmp(amount, "paid") != 0)
		return kh_mparam_error(ctx, m, "amount", amount), EX_DATAERR;
	/* Yearly totals from 1 January of the period's year to the period's
	 * end (or the as-of day), per person; the year of a claim is that of
	 * its service date, else its receipt. */
	static const char sql_paid[] =
		"SELECT insured_id, SUM(paid_amount), COUNT(*) FROM settlements"
		" WHERE contract = ?1"
		" AND COALESCE(service_date, received_date) BETWEEN ?2 AND ?3"
		" GROUP BY insured_id ORDER BY insured_id";
	static const char sql_eligible[] =
		"SELECT insured_id, SUM(eligible_amount), COUNT(*) FROM settlements"
		" WHERE contract = ?1"
		" AND COALESCE(service_date, received_date) BETWEEN ?2 AND ?3"
		" GROUP BY insured_id ORDER BY insured_id";
	sqlite3_stmt *st;
	if (kh_db_prepare(ctx->db, eligible ? sql_eligible : sql_paid, &st) != 0)
		return EX_SOFTWARE;
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ];
	sqlite3_bind_text(st, 1, kh_mctx_contract(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kh_day_format(kh_day_from_ymd(ctx->period.year, 1, 1),
	                                       first), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kh_day_format(kh_mctx_until(ctx), last), -1,
	                  SQLITE_STATIC);
	long persons = 0, over = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		persons++;
		kh_fen total = sqlite3_column_int64(st, 1);
		if (total <= max)
			continue;
		over++;
		xmlNodePtr item = kh_result_item(r);
		kh_item_set(item, "ref", (const char *)sqlite3_column_text(st, 0));
		kh_item_set_long(item, "claims", (long)sqlite3_column_int64(st, 2));
		kh_item_set_fen(item, "total", total);
		kh_item_set_fen(item, "excess", total - max);
	}
	int status = 0;
	if (rc != SQLITE_DONE) {
		kh_error("%s", sqlite3_errmsg(ctx->db));
		status = EX_IOERR;
	}
	sqlite3_finalize(st);
	if (status)
		return status;
	char cap[48], note[320];
	kh_fen_format_grouped(max, cap, sizeof cap);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note, "Yearly total of %s amounts per insured "
		         "person against the cap of %s yuan; %ld persons.",
		         eligible ? "eligible" : "paid", cap, persons);
	else
		snprintf(note, sizeof note, "每位参保人年度%s累计与封顶线 %s 元比较；"
		         "共 %ld 人。", eligible ? "合规自付费用" : "支付金额", cap, persons);
	kh_result_note(r, note);
	if (over > 0) {
		kh_result_column(r, "ref", kh_tr("参保人编号", "insured"));
		kh_result_column(r, "claims", kh_tr("结算笔数", "claims"));
		kh_result_column(r, "total", kh_tr("年度累计", "yearly total"));
		kh_result_column(r, "excess", kh_tr("超出封顶", "excess"));
	}
	kh_mcount_target_max(r, 0, "人", "persons");
	r->findings = over;
	if (persons == 0) {
		kh_mresult_na(r, kh_tr("本期没有结算记录。", "No claims in the period."));
		return 0;
	}
	kh_mcount_value(r, over, "人", "persons");
	r->status = over == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}
