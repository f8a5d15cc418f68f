/* measure-complaints.c: `complaints` — substantiated complaints with the
 * insurer at fault received in the period (001 第三十三条(六)), optionally
 * of one category or at least one severity, and a monthly stacked chart.
 * Never writes the store; no complaint records at all is na, not a pass. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "measure-lib.h"
#include "msg.h"
#include "sql.h"

/* The WHERE clause both queries share: substantiated, insurer at fault
 * (default yes when substantiated), received in [?2, ?3], category ?4
 * (NULL: any), severity rank at least ?5. */
#define COMPLAINTS_WHERE \
	" WHERE contract = ?1 AND substantiated = 'yes'" \
	" AND COALESCE(insurer_fault, 1) = 1" \
	" AND received_date BETWEEN ?2 AND ?3" \
	" AND (?4 IS NULL OR category = ?4)" \
	" AND (CASE severity WHEN 'critical' THEN 3 WHEN 'serious' THEN 2" \
	"  ELSE 1 END) >= ?5"

struct params {
	long max;
	const char *category;
	int severity;             /* 1 minor, 2 serious, 3 critical */
};

static int severity_rank(const char *text)
{
	if (!text || strcmp(text, "minor") == 0)
		return 1;
	if (strcmp(text, "serious") == 0)
		return 2;
	if (strcmp(text, "critical") == 0)
		return 3;
	return -1;
}

static int read_params(const struct kh_measure_ctx *ctx, struct params *p)
{
	const struct kh_node *m = &ctx->indicator->measure;
	if (kh_mparam_long(ctx, m, "max", "0", 0, 1000000000L, &p->max) != 0)
		return -1;
	p->category = kh_node_attr(m, "category");
	const char *severity = kh_node_attr(m, "severity");
	p->severity = severity_rank(severity);
	if (p->severity < 0)
		return kh_mparam_error(ctx, m, "severity", severity);
	return 0;
}

static void bind_filter(const struct kh_measure_ctx *ctx, const struct params *p,
                        sqlite3_stmt *st)
{
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ];
	sqlite3_bind_text(st, 1, kh_mctx_contract(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kh_day_format(ctx->period.first, first), -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, kh_day_format(kh_mctx_until(ctx), last), -1,
	                  SQLITE_TRANSIENT);
	if (p->category)
		sqlite3_bind_text(st, 4, p->category, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int(st, 5, p->severity);
}

static int step_error(const struct kh_measure_ctx *ctx, int rc)
{
	if (rc == SQLITE_DONE)
		return 0;
	kh_error("%s", sqlite3_errmsg(ctx->db));
	return EX_IOERR;
}

static int list_complaints(const struct kh_measure_ctx *ctx,
                           const struct params *p, struct kh_result *r,
                           long *count)
{
	static const char sql[] =
		"SELECT complaint_id, received_date, category, severity, channel,"
		" closed_date FROM complaints" COMPLAINTS_WHERE
		" ORDER BY received_date, complaint_id";
	sqlite3_stmt *st;
	if (kh_db_prepare(ctx->db, sql, &st) != 0)
		return EX_SOFTWARE;
	bind_filter(ctx, p, st);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*count)++;
		xmlNodePtr item = kh_result_item(r);
		static const char *const names[] = { "ref", "received", "category",
		                                     "severity", "channel", "closed" };
		for (int i = 0; i < 6; i++)
			kh_item_set(item, names[i], (const char *)sqlite3_column_text(st, i));
	}
	int status = step_error(ctx, rc);
	sqlite3_finalize(st);
	return status;
}

static int monthly_chart(const struct kh_measure_ctx *ctx, const struct params *p,
                         struct kh_result *r)
{
	static const char sql[] =
		"SELECT substr(received_date, 1, 7), category, COUNT(*) FROM complaints"
		COMPLAINTS_WHERE " GROUP BY 1, 2 ORDER BY 1, 2";
	sqlite3_stmt *st;
	if (kh_db_prepare(ctx->db, sql, &st) != 0)
		return EX_SOFTWARE;
	bind_filter(ctx, p, st);
	xmlNodePtr series = NULL;
	int rc;
	char y[32];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(y, sizeof y, "%lld", (long long)sqlite3_column_int64(st, 2));
		if (!series)  /* created with its first point */
			series = kh_result_series(r, "complaints-monthly", "stacked",
				"month", "count", kh_tr("每月属实投诉（按类别）",
				"Substantiated complaints by month and category"));
		xmlNodePtr point = kh_series_point(series,
			(const char *)sqlite3_column_text(st, 0), y);
		if (point)
			xmlSetProp(point, BAD_CAST "group", sqlite3_column_text(st, 1));
	}
	int status = step_error(ctx, rc);
	sqlite3_finalize(st);
	return status;
}

static void complaints_note(const struct params *p, struct kh_result *r)
{
	char note[512];
	static const char *const sev_zh[] = { "", "一般及以上", "严重及以上", "特别严重" };
	static const char *const sev_en[] = { "", "any severity", "serious or worse",
	                                      "critical" };
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "Counts complaints received in the period that were substantiated "
		         "with the insurer at fault (category %s, %s); passes at %ld or fewer.",
		         p->category ? p->category : "any", sev_en[p->severity], p->max);
	else
		snprintf(note, sizeof note,
		         "统计本期受理、经查属实且属乙方责任的投诉（类别：%s；严重程度：%s），"
		         "不超过 %ld 件为达标。",
		         p->category ? p->category : "全部", sev_zh[p->severity], p->max);
	kh_result_note(r, note);
}

int kh_measure_complaints(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct params p;
	if (read_params(ctx, &p) != 0)
		return EX_DATAERR;
	complaints_note(&p, r);
	kh_mcount_target_max(r, p.max, "件", "complaints");
	int has = kh_mctx_has_records(ctx, "complaints");
	if (has < 0)
		return EX_IOERR;
	if (!has || ctx->as_of < ctx->period.first) {
		kh_mresult_na(r, !has
			? kh_tr("该合同没有导入投诉记录，无法判定。",
			        "No complaint records were imported for the contract.")
			: kh_tr("评估日早于本期开始。",
			        "The as-of day is before the period starts."));
		return 0;
	}
	long count = 0;
	int status = list_complaints(ctx, &p, r, &count);
	/* One chart per scorecard: the first complaints indicator draws it. */
	if (!status && !kh_result_find_series(r, "complaints-monthly"))
		status = monthly_chart(ctx, &p, r);
	if (status)
		return status;
	if (count > 0) {
		kh_result_column(r, "ref", kh_tr("投诉编号", "complaint"));
		kh_result_column(r, "received", kh_tr("受理日期", "received"));
		kh_result_column(r, "category", kh_tr("类别", "category"));
		kh_result_column(r, "severity", kh_tr("严重程度", "severity"));
		kh_result_column(r, "channel", kh_tr("渠道", "channel"));
		kh_result_column(r, "closed", kh_tr("办结日期", "closed"));
	}
	kh_mcount_value(r, count, "件", "complaints");
	r->findings = count;
	r->status = count <= p.max ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}
