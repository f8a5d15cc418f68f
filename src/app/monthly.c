/* monthly.c: the 月报表 (001 第二十五条) from the store — funds, site
 * inspections, case reviews, deducted non-compliant costs, settlement
 * timeliness, staffing on the last day, complaints.  Reads through prepared
 * statements only; never writes the store and never prints a zero for a
 * section that has no records (it says status="no-data"). */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "money.h"
#include "monthly.h"
#include "msg.h"
#include "sql.h"

/* Deadlines of 001 第十六条/第十七条, in working days after receipt. */
#define DIRECT_DEADLINE_WORKDAYS 15
#define MANUAL_DEADLINE_WORKDAYS 20

/* The request's bound parameters: ?1 contract, ?2 first day, ?3 last day,
 * ?4 as-of day — the same for every statement below. */
struct month_query {
	sqlite3 *db;
	const char *contract;
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ], as_of[KH_DAY_BUFSZ];
	xmlNsPtr ns;
};

static sqlite3_stmt *prepare(const struct month_query *q, const char *sql)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(q->db, sql, &stmt) != 0)
		return NULL;
	int params = sqlite3_bind_parameter_count(stmt);
	const char *values[] = { q->contract, q->first, q->last, q->as_of };
	for (int i = 0; i < params && i < 4; i++)
		sqlite3_bind_text(stmt, i + 1, values[i], -1, SQLITE_STATIC);
	return stmt;
}

/* Finalize, reporting a step that ended in an error; 0 or -1. */
static int finish(const struct month_query *q, sqlite3_stmt *stmt, int last_rc)
{
	sqlite3_finalize(stmt);
	if (last_rc != SQLITE_DONE) {
		kh_error("sqlite: %s", sqlite3_errmsg(q->db));
		return -1;
	}
	return 0;
}

/* ---- XML helpers ------------------------------------------------------- */

static xmlNodePtr child(const struct month_query *q, xmlNodePtr parent,
                        const char *name)
{
	return xmlNewChild(parent, q->ns, BAD_CAST name, NULL);
}

/* xmlNewProp stores the value as text, escaped when written. */
static void attr(xmlNodePtr node, const char *name, const char *value)
{
	xmlNewProp(node, BAD_CAST name, BAD_CAST value);
}

static void attr_int(xmlNodePtr node, const char *name, long long value)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", value);
	attr(node, name, buf);
}

static void attr_money(xmlNodePtr node, const char *name, kh_fen amount)
{
	char buf[40];
	attr(node, name, kh_fen_format(amount, buf, sizeof buf));
}

static void status(xmlNodePtr node, int has_data)
{
	attr(node, "status", has_data ? "ok" : "no-data");
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	return text ? (const char *)text : "";
}

/* ---- 资金收支: finance flows and claims paid from settlements ------------ */

static int finance_flows(const struct month_query *q, xmlNodePtr funds, int *any)
{
	static const char *const kinds[] = { "funds-received", "claims-paid",
		"refund", "operating-cost", "service-fee" };
	long long counts[5] = { 0 };
	kh_fen amounts[5] = { 0 };
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT kind, count(*), sum(amount)"
	        " FROM finance WHERE contract = ?1 AND date BETWEEN ?2 AND ?3"
	        " GROUP BY kind");
	if (!stmt)
		return -1;
	int rc, rows = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rows++;
		for (size_t k = 0; k < 5; k++)
			if (strcmp(column_text(stmt, 0), kinds[k]) == 0) {
				counts[k] = sqlite3_column_int64(stmt, 1);
				amounts[k] = sqlite3_column_int64(stmt, 2);
			}
	}
	if (finish(q, stmt, rc))
		return -1;
	xmlNodePtr finance = child(q, funds, "finance");
	status(finance, rows > 0);
	for (size_t k = 0; rows > 0 && k < 5; k++) {
		xmlNodePtr flow = child(q, finance, "flow");
		attr(flow, "kind", kinds[k]);
		attr_int(flow, "count", counts[k]);
		attr_money(flow, "amount", amounts[k]);
	}
	*any |= rows > 0;
	return 0;
}

static int claims_paid(const struct month_query *q, xmlNodePtr funds, int *any)
{
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT channel, count(*), sum(paid_amount) FROM settlements"
	        " WHERE contract = ?1 AND paid_date BETWEEN ?2 AND ?3"
	        " GROUP BY channel ORDER BY channel");
	if (!stmt)
		return -1;
	xmlNodePtr paid = child(q, funds, "claims-paid");
	long long count = 0;
	kh_fen amount = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		xmlNodePtr channel = child(q, paid, "channel");
		attr(channel, "name", column_text(stmt, 0));
		attr_int(channel, "count", sqlite3_column_int64(stmt, 1));
		attr_money(channel, "amount", sqlite3_column_int64(stmt, 2));
		count += sqlite3_column_int64(stmt, 1);
		amount += sqlite3_column_int64(stmt, 2);
	}
	if (finish(q, stmt, rc))
		return -1;
	status(paid, count > 0);
	if (count > 0) {
		attr_int(paid, "count", count);
		attr_money(paid, "amount", amount);
	}
	*any |= count > 0;
	return 0;
}

static int funds_section(const struct month_query *q, xmlNodePtr root)
{
	xmlNodePtr funds = child(q, root, "funds");
	int any = 0;
	if (finance_flows(q, funds, &any) || claims_paid(q, funds, &any))
		return -1;
	status(funds, any);
	return 0;
}

/* ---- 现场巡查 / 病历审核 ---------------------------------------------------- */

static int activity_section(const struct month_query *q, xmlNodePtr root,
                            const char *element, const char *kind)
{
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT count(*), sum(count) FROM activities"
	        " WHERE contract = ?1 AND date BETWEEN ?2 AND ?3 AND kind = ?5");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 5, kind, -1, SQLITE_STATIC);
	xmlNodePtr node = child(q, root, element);
	int rc = sqlite3_step(stmt);
	long long rows = 0, total = 0;
	if (rc == SQLITE_ROW) {
		rows = sqlite3_column_int64(stmt, 0);
		total = sqlite3_column_int64(stmt, 1);
		rc = sqlite3_step(stmt);
	}
	if (finish(q, stmt, rc))
		return -1;
	status(node, rows > 0);
	if (rows > 0)
		attr_int(node, "count", total);
	return 0;
}

/* ---- 违规费用扣除: failed audit samples' error amounts -------------------- */

static int deductions_section(const struct month_query *q, xmlNodePtr root)
{
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT sample_id, stream, claim_id, result, error_amount, finding"
	        " FROM audits WHERE contract = ?1 AND audit_date BETWEEN ?2 AND ?3"
	        " ORDER BY audit_date, sample_id");
	if (!stmt)
		return -1;
	xmlNodePtr node = child(q, root, "deductions");
	long long samples = 0, failed = 0;
	kh_fen amount = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		samples++;
		if (strcmp(column_text(stmt, 3), "fail") != 0)
			continue;
		failed++;
		xmlNodePtr item = child(q, node, "sample");
		attr(item, "id", column_text(stmt, 0));
		attr(item, "stream", column_text(stmt, 1));
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
			attr(item, "claim", column_text(stmt, 2));
		if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
			attr_money(item, "amount", sqlite3_column_int64(stmt, 4));
			amount += sqlite3_column_int64(stmt, 4);
		}
		if (sqlite3_column_type(stmt, 5) != SQLITE_NULL)
			attr(item, "finding", column_text(stmt, 5));
	}
	if (finish(q, stmt, rc))
		return -1;
	status(node, samples > 0);
	if (samples > 0) {
		attr_int(node, "samples", samples);
		attr_int(node, "failed", failed);
		attr_money(node, "amount", amount);
	}
	return 0;
}

/* ---- settlement timeliness of the claims received in the month ---------- */

struct channel_tally {
	const char *name;
	int deadline;
	long long received, paid, unpaid, on_time, late, pending, excused;
};

/* Judge one claim against its deadline; -1 when the calendar lacks a year. */
static int judge_claim(const struct kh_calendar *cal, struct channel_tally *t,
                       kh_day received, int paid, kh_day paid_day,
                       kh_day as_of, int excused)
{
	kh_day due;
	if (kh_calendar_add_workdays(cal, received, t->deadline, &due) != 0)
		return -1;
	if (excused)
		t->excused++;
	else if (paid && paid_day <= due)
		t->on_time++;
	else if (paid || as_of > due)
		t->late++;
	else
		t->pending++;
	return 0;
}

static void tally_xml(const struct month_query *q, xmlNodePtr node,
                      const struct channel_tally *t, int timed)
{
	xmlNodePtr ch = child(q, node, "channel");
	attr(ch, "name", t->name);
	attr_int(ch, "deadline-workdays", t->deadline);
	attr_int(ch, "received", t->received);
	attr_int(ch, "paid", t->paid);
	attr_int(ch, "unpaid", t->unpaid);
	if (timed) {
		attr_int(ch, "on-time", t->on_time);
		attr_int(ch, "late", t->late);
		attr_int(ch, "pending", t->pending);
		attr_int(ch, "excused", t->excused);
	}
}

static int settlement_section(const struct month_query *q, xmlNodePtr root,
                              kh_day as_of)
{
	struct channel_tally tallies[2] = {
		{ .name = "direct", .deadline = DIRECT_DEADLINE_WORKDAYS },
		{ .name = "manual", .deadline = MANUAL_DEADLINE_WORKDAYS },
	};
	struct kh_calendar *cal = NULL;
	int timed = kh_calendar_load(kh_store_of_sqlite(q->db), &cal, NULL) == 0, missing_year = 0;
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT channel, received_date,"
	        " paid_date IS NOT NULL AND paid_date <> '' AND paid_date <= ?4,"
	        " paid_date, excused"
	        " FROM settlements WHERE contract = ?1"
	        " AND received_date BETWEEN ?2 AND ?3");
	if (!stmt) {
		kh_calendar_free(cal);
		return -1;
	}
	int rc;
	long long total = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct channel_tally *t = &tallies[strcmp(column_text(stmt, 0), "direct") != 0];
		int paid = sqlite3_column_int(stmt, 2) == 1;
		kh_day received = 0, paid_day = 0;
		total++;
		t->received++;
		if (paid)
			t->paid++;
		else
			t->unpaid++;
		if (!timed)
			continue;
		if (kh_day_parse(column_text(stmt, 1), &received) != 0
		    || (paid && kh_day_parse(column_text(stmt, 3), &paid_day) != 0)
		    || judge_claim(cal, t, received, paid, paid_day, as_of,
		                   sqlite3_column_int(stmt, 4)) != 0) {
			timed = 0;
			missing_year = cal ? kh_calendar_missing_year(cal) : 0;
		}
	}
	kh_calendar_free(cal);
	if (finish(q, stmt, rc))
		return -1;
	xmlNodePtr node = child(q, root, "settlement");
	status(node, total > 0);
	if (total == 0)
		return 0;
	attr(node, "timeliness", timed ? "computed" : "unavailable");
	if (!timed && missing_year > 0)
		attr_int(node, "calendar-missing-year", missing_year);
	for (size_t i = 0; i < 2; i++)
		tally_xml(q, node, &tallies[i], timed);
	return 0;
}

/* ---- staffing on the month's last day ------------------------------------ */

static int staffing_section(const struct month_query *q, xmlNodePtr root)
{
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT post, specialty, count(DISTINCT staff_id) FROM roster"
	        " WHERE contract = ?1 AND start_date <= ?3"
	        " AND (end_date IS NULL OR end_date = '' OR end_date >= ?3)"
	        " GROUP BY post, specialty ORDER BY"
	        " CASE post WHEN 'resident' THEN 1 WHEN 'city' THEN 2"
	        "  WHEN 'county' THEN 3 ELSE 4 END, specialty");
	if (!stmt)
		return -1;
	xmlNodePtr node = child(q, root, "staffing");
	xmlNodePtr post = NULL;
	long long post_count = 0, total = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = column_text(stmt, 0);
		xmlChar *current = post ? xmlGetNoNsProp(post, BAD_CAST "name") : NULL;
		int same = current && strcmp((const char *)current, name) == 0;
		xmlFree(current);
		if (!same) {
			if (post)
				attr_int(post, "headcount", post_count);
			post = child(q, node, "post");
			attr(post, "name", name);
			post_count = 0;
		}
		xmlNodePtr spec = child(q, post, "specialty");
		attr(spec, "name", column_text(stmt, 1));
		attr_int(spec, "count", sqlite3_column_int64(stmt, 2));
		post_count += sqlite3_column_int64(stmt, 2);
		total += sqlite3_column_int64(stmt, 2);
	}
	if (post)
		attr_int(post, "headcount", post_count);
	if (finish(q, stmt, rc))
		return -1;
	status(node, post != NULL);
	attr(node, "date", q->last);
	if (post)
		attr_int(node, "headcount", total);
	return 0;
}

/* ---- complaints ------------------------------------------------------------ */

static int complaints_section(const struct month_query *q, xmlNodePtr root)
{
	sqlite3_stmt *stmt = prepare(q,
	        "SELECT"
	        " sum(received_date BETWEEN ?2 AND ?3),"
	        " sum(received_date BETWEEN ?2 AND ?3 AND substantiated = 'yes'),"
	        " sum(received_date BETWEEN ?2 AND ?3 AND substantiated = 'pending'),"
	        " sum(closed_date BETWEEN ?2 AND ?3),"
	        " sum(received_date <= ?3 AND (closed_date IS NULL OR closed_date = ''"
	        "     OR closed_date > ?3))"
	        " FROM complaints WHERE contract = ?1");
	if (!stmt)
		return -1;
	long long v[5] = { 0 };
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < 5; i++)
			v[i] = sqlite3_column_int64(stmt, i);
		rc = sqlite3_step(stmt);
	}
	if (finish(q, stmt, rc))
		return -1;
	xmlNodePtr node = child(q, root, "complaints");
	int any = v[0] > 0 || v[3] > 0 || v[4] > 0;
	status(node, any);
	if (any) {
		attr_int(node, "received", v[0]);
		attr_int(node, "substantiated", v[1]);
		attr_int(node, "pending", v[2]);
		attr_int(node, "closed", v[3]);
		attr_int(node, "open-at-end", v[4]);
	}
	return 0;
}

/* ---- the document ---------------------------------------------------------- */

int kh_monthly_contract_known(sqlite3 *db, const char *contract)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(db,
	        "SELECT EXISTS (SELECT 1 FROM contracts WHERE id = ?1)"
	        " OR EXISTS (SELECT 1 FROM roster WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM settlements WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM finance WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM activities WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM audits WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM complaints WHERE contract = ?1)"
	        " OR EXISTS (SELECT 1 FROM submissions WHERE contract = ?1)", &stmt) != 0)
		return -1;
	sqlite3_bind_text(stmt, 1, contract, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt), known = -1;
	if (rc == SQLITE_ROW)
		known = sqlite3_column_int(stmt, 0) ? 1 : 0;
	else
		kh_error("sqlite: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return known;
}

xmlDocPtr kh_monthly_build(sqlite3 *db, const struct kh_monthly_request *req)
{
	struct month_query q = { .db = db, .contract = req->contract };
	char period[16];
	kh_day_format(req->month.first, q.first);
	kh_day_format(req->month.last, q.last);
	kh_day_format(req->as_of, q.as_of);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "monthly-report");
	q.ns = xmlNewNs(root, BAD_CAST KH_MONTHLY_NS, NULL);
	xmlSetNs(root, q.ns);
	xmlDocSetRootElement(doc, root);
	attr(root, "contract", req->contract);
	attr(root, "report", "monthly");
	attr(root, "period", kh_period_format(&req->month, period));
	attr(root, "first", q.first);
	attr(root, "last", q.last);
	attr(root, "as-of", q.as_of);
	attr(root, "generated", req->generated);
	if (funds_section(&q, root)
	    || activity_section(&q, root, "site-inspections", "site-inspection")
	    || activity_section(&q, root, "case-reviews", "case-review")
	    || deductions_section(&q, root)
	    || settlement_section(&q, root, req->as_of)
	    || staffing_section(&q, root)
	    || complaints_section(&q, root)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
