/* monthly.c: the 月报表 (001 第二十五条) — funds, site inspections, case
 * reviews, deducted non-compliant costs, settlement timeliness, staffing on
 * the last day, complaints — built from typed records (kh_monthly_build),
 * plus the thin app function that loads them (kh_monthly_report).  Claim
 * timeliness is the measure's own rule (kh_claim_timeliness) with the
 * contract's working days.  No SQL; never writes the store and never prints
 * a zero for a section that has no records (it says status="no-data"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar-load.h"
#include "contract-load.h"
#include "datadir.h"
#include "measure-lib.h"
#include "money.h"
#include "monthly.h"
#include "msg.h"
#include "store-contracts.h"
#include "store.h"

static const char *const channel_names[KH_MONTHLY_CHANNELS] = { "direct", "manual" };

/* The report being built: its namespace and the month's days. */
struct month_doc {
	xmlNsPtr ns;
	kh_day first, last, as_of;
	char last_text[KH_DAY_BUFSZ];
};

static int in_month(const struct month_doc *m, kh_day d)
{
	return d != KH_DAY_NONE && d >= m->first && d <= m->last;
}

/* ---- XML helpers ------------------------------------------------------- */

static xmlNodePtr child(const struct month_doc *m, xmlNodePtr parent,
                        const char *name)
{
	return xmlNewChild(parent, m->ns, BAD_CAST name, NULL);
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

/* ---- 资金收支: finance flows and claims paid from settlements ------------ */

static void finance_flows(const struct month_doc *m, const struct kh_finance *f,
                          xmlNodePtr funds, int *any)
{
	static const char *const kinds[] = { "funds-received", "claims-paid",
		"refund", "operating-cost", "service-fee" };
	enum { NKINDS = sizeof kinds / sizeof kinds[0] };
	long long counts[NKINDS] = { 0 };
	kh_fen amounts[NKINDS] = { 0 };
	int rows = 0;
	for (size_t i = 0; i < f->count; i++) {
		const struct kh_finance_row *row = &f->rows[i];
		if (!in_month(m, row->date))
			continue;
		rows++;
		for (size_t k = 0; k < NKINDS; k++)
			if (strcmp(row->kind, kinds[k]) == 0) {
				counts[k]++;
				amounts[k] += row->amount;
			}
	}
	xmlNodePtr finance = child(m, funds, "finance");
	status(finance, rows > 0);
	for (size_t k = 0; rows > 0 && k < NKINDS; k++) {
		xmlNodePtr flow = child(m, finance, "flow");
		attr(flow, "kind", kinds[k]);
		attr_int(flow, "count", counts[k]);
		attr_money(flow, "amount", amounts[k]);
	}
	*any |= rows > 0;
}

struct paid_tally {
	long long count[KH_MONTHLY_CHANNELS];
	kh_fen amount[KH_MONTHLY_CHANNELS];
};

static enum kh_monthly_channel channel_of(const struct kh_settlement *c)
{
	return strcmp(c->channel, "direct") == 0 ? KH_MONTHLY_DIRECT : KH_MONTHLY_MANUAL;
}

static int tally_paid(const struct kh_settlement *c, void *arg)
{
	struct paid_tally *t = arg;
	enum kh_monthly_channel ch = channel_of(c);
	t->count[ch]++;
	t->amount[ch] += c->paid_amount;
	return 0;
}

/* Claims paid in the month (by the paid day, whatever the as-of day). */
static int claims_paid(const struct month_doc *m, const struct kh_monthly_input *in,
                       xmlNodePtr funds, int *any, struct kh_err *err)
{
	struct kh_settlement_query query = {
		.contract = in->req->contract, .day = KH_SETTLE_PAID,
		.first = m->first, .last = m->last,
		.fields = KH_SF_CHANNEL | KH_SF_AMOUNTS,
	};
	struct paid_tally t;
	memset(&t, 0, sizeof t);
	if (kh_records_each_settlement(in->records, &query, tally_paid, &t, err) < 0)
		return -1;
	xmlNodePtr paid = child(m, funds, "claims-paid");
	long long count = 0;
	kh_fen amount = 0;
	for (int ch = 0; ch < KH_MONTHLY_CHANNELS; ch++) {
		if (t.count[ch] == 0)
			continue;
		xmlNodePtr channel = child(m, paid, "channel");
		attr(channel, "name", channel_names[ch]);
		attr_int(channel, "count", t.count[ch]);
		attr_money(channel, "amount", t.amount[ch]);
		count += t.count[ch];
		amount += t.amount[ch];
	}
	status(paid, count > 0);
	if (count > 0) {
		attr_int(paid, "count", count);
		attr_money(paid, "amount", amount);
	}
	*any |= count > 0;
	return 0;
}

static int funds_section(const struct month_doc *m, const struct kh_monthly_input *in,
                         xmlNodePtr root, struct kh_err *err)
{
	xmlNodePtr funds = child(m, root, "funds");
	int any = 0;
	finance_flows(m, &in->records->finance, funds, &any);
	if (claims_paid(m, in, funds, &any, err) != 0)
		return -1;
	status(funds, any);
	return 0;
}

/* ---- 现场巡查 / 病历审核 ---------------------------------------------------- */

static void activity_section(const struct month_doc *m, const struct kh_activities *a,
                             xmlNodePtr root, const char *element, const char *kind)
{
	long long rows = 0, total = 0;
	for (size_t i = 0; i < a->count; i++)
		if (in_month(m, a->rows[i].date) && strcmp(a->rows[i].kind, kind) == 0) {
			rows++;
			total += a->rows[i].count;
		}
	xmlNodePtr node = child(m, root, element);
	status(node, rows > 0);
	if (rows > 0)
		attr_int(node, "count", total);
}

/* ---- 违规费用扣除: failed audit samples' error amounts -------------------- */

static void deductions_section(const struct month_doc *m, const struct kh_audits *a,
                               xmlNodePtr root)
{
	xmlNodePtr node = child(m, root, "deductions");
	long long samples = 0, failed = 0;
	kh_fen amount = 0;
	for (size_t i = 0; i < a->count; i++) {   /* by audit day, sample id */
		const struct kh_audit_sample *s = &a->rows[i];
		if (!in_month(m, s->audit_date))
			continue;
		samples++;
		if (s->passed)
			continue;
		failed++;
		xmlNodePtr item = child(m, node, "sample");
		attr(item, "id", s->sample_id);
		attr(item, "stream", s->stream);
		if (*s->claim_id)
			attr(item, "claim", s->claim_id);
		if (s->has_error_amount) {
			attr_money(item, "amount", s->error_amount);
			amount += s->error_amount;
		}
		if (*s->finding)
			attr(item, "finding", s->finding);
	}
	status(node, samples > 0);
	if (samples > 0) {
		attr_int(node, "samples", samples);
		attr_int(node, "failed", failed);
		attr_money(node, "amount", amount);
	}
}

/* ---- settlement timeliness of the claims received in the month ---------- */

struct channel_tally {
	long long received, paid, unpaid, on_time, late, pending, excused;
};

struct settle_scan {
	const struct kh_monthly_input *in;
	struct channel_tally t[KH_MONTHLY_CHANNELS];
	long long total;
	int timed;                /* still judging timeliness */
	int missing_year;         /* the calendar year that stopped it */
};

/* Judge one claim by the timeliness measure's rule. */
static void judge_claim(struct settle_scan *s, struct channel_tally *t,
                        const struct kh_settlement *c, long workdays, kh_day paid)
{
	kh_day deadline;
	enum kh_claim_state state;
	if (kh_claim_timeliness(s->in->calendar, c->received, (int)workdays, paid,
	                        s->in->req->as_of, &deadline, &state) != 0) {
		s->timed = 0;
		s->missing_year = kh_calendar_missing_year(s->in->calendar);
		return;
	}
	if (c->excused)
		t->excused++;
	else if (state == KH_CLAIM_ON_TIME)
		t->on_time++;
	else if (state == KH_CLAIM_LATE)
		t->late++;
	else
		t->pending++;
}

static int tally_received(const struct kh_settlement *c, void *arg)
{
	struct settle_scan *s = arg;
	enum kh_monthly_channel ch = channel_of(c);
	struct channel_tally *t = &s->t[ch];
	/* paid by the as-of day; a later payment is not known yet */
	kh_day paid = c->paid != KH_DAY_NONE && c->paid <= s->in->req->as_of
	              ? c->paid : KH_DAY_NONE;
	s->total++;
	t->received++;
	if (paid != KH_DAY_NONE)
		t->paid++;
	else
		t->unpaid++;
	if (s->timed)
		judge_claim(s, t, c, s->in->workdays[ch], paid);
	return 0;
}

static void tally_xml(const struct month_doc *m, xmlNodePtr node, int ch,
                      const struct kh_monthly_input *in,
                      const struct channel_tally *t, int timed)
{
	xmlNodePtr el = child(m, node, "channel");
	attr(el, "name", channel_names[ch]);
	if (in->workdays[ch] > 0)
		attr_int(el, "deadline-workdays", in->workdays[ch]);
	attr_int(el, "received", t->received);
	attr_int(el, "paid", t->paid);
	attr_int(el, "unpaid", t->unpaid);
	if (timed) {
		attr_int(el, "on-time", t->on_time);
		attr_int(el, "late", t->late);
		attr_int(el, "pending", t->pending);
		attr_int(el, "excused", t->excused);
	}
}

static int settlement_section(const struct month_doc *m,
                              const struct kh_monthly_input *in, xmlNodePtr root,
                              struct kh_err *err)
{
	struct settle_scan s;
	memset(&s, 0, sizeof s);
	s.in = in;
	int deadlines = in->workdays[KH_MONTHLY_DIRECT] > 0 &&
	                in->workdays[KH_MONTHLY_MANUAL] > 0;
	s.timed = deadlines && in->calendar != NULL;
	struct kh_settlement_query query = {
		.contract = in->req->contract, .day = KH_SETTLE_RECEIVED,
		.first = m->first, .last = m->last,
		.fields = KH_SF_CHANNEL | KH_SF_RECEIVED | KH_SF_PAID | KH_SF_EXCUSED,
	};
	if (kh_records_each_settlement(in->records, &query, tally_received, &s, err) < 0)
		return -1;
	xmlNodePtr node = child(m, root, "settlement");
	status(node, s.total > 0);
	if (s.total == 0)
		return 0;
	attr(node, "timeliness", s.timed ? "computed" : "unavailable");
	if (!deadlines)
		attr(node, "reason", "no-deadline");
	else if (!s.timed && s.missing_year > 0)
		attr_int(node, "calendar-missing-year", s.missing_year);
	for (int ch = 0; ch < KH_MONTHLY_CHANNELS; ch++)
		tally_xml(m, node, ch, in, &s.t[ch], s.timed);
	return 0;
}

/* ---- staffing on the month's last day ------------------------------------ */

static int post_rank(const char *post)
{
	static const char *const order[] = { "resident", "city", "county" };
	for (int i = 0; i < 3; i++)
		if (strcmp(post, order[i]) == 0)
			return i;
	return 3;
}

/* Post (resident, city, county, then the rest), specialty, staff id. */
static int by_post(const void *pa, const void *pb)
{
	const struct kh_assignment *a = *(const struct kh_assignment *const *)pa;
	const struct kh_assignment *b = *(const struct kh_assignment *const *)pb;
	int ra = post_rank(a->post), rb = post_rank(b->post), c;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(a->post, b->post)) != 0 ||
	    (c = strcmp(a->specialty, b->specialty)) != 0)
		return c;
	return strcmp(a->staff_id, b->staff_id);
}

/* People (each counted once per post and specialty) on post on day d. */
static void staffing_section(const struct month_doc *m, const struct kh_roster *r,
                             xmlNodePtr root)
{
	const struct kh_assignment **on = kh_xcalloc(r->count ? r->count : 1, sizeof *on);
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		if (r->rows[i].start <= m->last && r->rows[i].end >= m->last)
			on[n++] = &r->rows[i];
	qsort(on, n, sizeof *on, by_post);
	xmlNodePtr node = child(m, root, "staffing");
	xmlNodePtr post = NULL, spec = NULL;
	long long post_count = 0, spec_count = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		const struct kh_assignment *a = on[i], *prev = i ? on[i - 1] : NULL;
		int same_post = prev && strcmp(prev->post, a->post) == 0;
		int same_spec = same_post && strcmp(prev->specialty, a->specialty) == 0;
		if (same_spec && strcmp(prev->staff_id, a->staff_id) == 0)
			continue;          /* two assignments of one person */
		if (!same_post) {
			if (post)
				attr_int(post, "headcount", post_count);
			post = child(m, node, "post");
			attr(post, "name", a->post);
			post_count = 0;
		}
		if (!same_spec) {
			if (spec)
				attr_int(spec, "count", spec_count);
			spec = child(m, post, "specialty");
			attr(spec, "name", a->specialty);
			spec_count = 0;
		}
		spec_count++;
		post_count++;
		total++;
	}
	if (spec)
		attr_int(spec, "count", spec_count);
	if (post)
		attr_int(post, "headcount", post_count);
	free(on);
	status(node, post != NULL);
	attr(node, "date", m->last_text);
	if (post)
		attr_int(node, "headcount", total);
}

/* ---- complaints ------------------------------------------------------------ */

static void complaints_section(const struct month_doc *m,
                               const struct kh_complaints *c, xmlNodePtr root)
{
	long long received = 0, substantiated = 0, pending = 0, closed = 0, open = 0;
	for (size_t i = 0; i < c->count; i++) {
		const struct kh_complaint *k = &c->rows[i];
		if (in_month(m, k->received)) {
			received++;
			substantiated += k->substantiated == KH_SUBST_YES;
			pending += k->substantiated == KH_SUBST_PENDING;
		}
		closed += in_month(m, k->closed);
		open += k->received <= m->last &&
		        (k->closed == KH_DAY_NONE || k->closed > m->last);
	}
	xmlNodePtr node = child(m, root, "complaints");
	int any = received > 0 || closed > 0 || open > 0;
	status(node, any);
	if (any) {
		attr_int(node, "received", received);
		attr_int(node, "substantiated", substantiated);
		attr_int(node, "pending", pending);
		attr_int(node, "closed", closed);
		attr_int(node, "open-at-end", open);
	}
}

/* ---- the document ---------------------------------------------------------- */

int kh_monthly_build(const struct kh_monthly_input *in, xmlDocPtr *out,
                     struct kh_err *err)
{
	const struct kh_monthly_request *req = in->req;
	const struct kh_records *rec = in->records;
	struct month_doc m = { .first = req->month.first, .last = req->month.last,
	                       .as_of = req->as_of };
	char period[16], first[KH_DAY_BUFSZ], as_of[KH_DAY_BUFSZ];
	kh_day_format(m.last, m.last_text);
	*out = NULL;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "monthly-report");
	m.ns = xmlNewNs(root, BAD_CAST KH_MONTHLY_NS, NULL);
	xmlSetNs(root, m.ns);
	xmlDocSetRootElement(doc, root);
	attr(root, "contract", req->contract);
	attr(root, "report", "monthly");
	attr(root, "period", kh_period_format(&req->month, period));
	attr(root, "first", kh_day_format(m.first, first));
	attr(root, "last", m.last_text);
	attr(root, "as-of", kh_day_format(m.as_of, as_of));
	attr(root, "generated", req->generated);
	if (funds_section(&m, in, root, err) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	activity_section(&m, &rec->activities, root, "site-inspections", "site-inspection");
	activity_section(&m, &rec->activities, root, "case-reviews", "case-review");
	deductions_section(&m, &rec->audits, root);
	if (settlement_section(&m, in, root, err) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	staffing_section(&m, &rec->roster, root);
	complaints_section(&m, &rec->complaints, root);
	*out = doc;
	return 0;
}

/* ---- loading --------------------------------------------------------------- */

static int stop_at_first(const struct kh_settlement *c, void *arg)
{
	(void)c;
	*(int *)arg = 1;
	return 1;
}

/* Does any record name the contract?  1, 0, or -1 (err filled). */
static int any_record(const struct kh_records *rec, const char *contract,
                      struct kh_err *err)
{
	if (rec->roster.count || rec->finance.count || rec->activities.count ||
	    rec->audits.count || rec->complaints.count || rec->submissions.count)
		return 1;
	struct kh_settlement_query query = {
		.contract = contract, .day = KH_SETTLE_RECEIVED,
		.first = kh_day_from_ymd(1, 1, 1), .last = kh_day_from_ymd(9999, 12, 31),
		.fields = KH_SF_CLAIM,
	};
	int found = 0;
	if (kh_records_each_settlement(rec, &query, stop_at_first, &found, err) < 0)
		return -1;
	return found;
}

/* The shipped template of that id (data/contracts/ID.xml), or NULL when
 * there is none; an id that could name a path elsewhere is not looked up. */
static struct kh_contract *shipped_contract(const char *id)
{
	size_t len = strlen(id);
	if (len == 0 || len > 200 || id[0] == '.' ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	               "0123456789._-") != len)
		return NULL;
	char *relative = kh_xasprintf("data/contracts/%s.xml", id);
	char *path = kh_data_path(relative);
	struct kh_contract *c = NULL;
	if (access(path, R_OK) == 0 && kh_contract_parse_file(path, &c, NULL) != 0)
		c = NULL;
	free(relative);
	free(path);
	return c;
}

/* Each channel's working days from the contract's timeliness indicators. */
static int read_workdays(const struct kh_contract *c, struct kh_monthly_input *in,
                         struct kh_err *err)
{
	for (int ch = 0; ch < KH_MONTHLY_CHANNELS; ch++) {
		in->workdays[ch] = 0;
		if (c && kh_contract_claim_workdays(c, channel_names[ch],
		                                    &in->workdays[ch]) < 0)
			return kh_fail(err, KH_ERR_DATA);
	}
	return 0;
}

/* The contract as registered, quietly NULL when it is not (its records
 * may come first).  -1 when it is stored but does not load. */
static int registered_contract(struct kh_store *store, const char *id,
                               struct kh_contract **out, struct kh_err *err)
{
	struct kh_stored_contract stored;
	int found;
	*out = NULL;
	if (kh_store_contract_get(store, id, 0, &stored, &found, err) != 0)
		return -1;
	kh_stored_contract_free(&stored);
	return found ? kh_contract_load(store, id, 0, out, err) : 0;
}

int kh_monthly_report(struct kh_store *store, const struct kh_monthly_request *req,
                      xmlDocPtr *out, struct kh_err *err)
{
	*out = NULL;
	struct kh_contract *registered = NULL, *shipped = NULL;
	struct kh_calendar *calendar = NULL;
	struct kh_records records = { 0 };
	if (registered_contract(store, req->contract, &registered, err) != 0 ||
	    kh_store_load_records(store, req->contract,
	                          KH_REC_ROSTER | KH_REC_FINANCE | KH_REC_ACTIVITIES |
	                          KH_REC_AUDITS | KH_REC_COMPLAINTS |
	                          KH_REC_SUBMISSIONS | KH_REC_SETTLEMENTS,
	                          &records, err) != 0) {
		kh_contract_free(registered);
		return -1;
	}
	int known = registered ? 1 : any_record(&records, req->contract, err);
	if (known == 0) {
		kh_error("%s: %s", req->contract, kh_tr("未知合同：既未登记也没有任何记录",
		         "unknown contract: neither registered nor in any record"));
		kh_fail(err, KH_ERR_DATA);
	}
	int rc = known > 0 ? 0 : -1;
	if (rc == 0 && !registered)
		shipped = shipped_contract(req->contract);
	struct kh_err calendar_err = { 0 };   /* printed; timeliness then left out */
	if (rc == 0 && kh_calendar_load(store, &calendar, &calendar_err) != 0)
		calendar = NULL;
	struct kh_monthly_input in = { .req = req, .records = &records,
	                               .calendar = calendar };
	if (rc == 0)
		rc = read_workdays(registered ? registered : shipped, &in, err);
	if (rc == 0)
		rc = kh_monthly_build(&in, out, err);
	kh_calendar_free(calendar);
	kh_contract_free(shipped);
	kh_contract_free(registered);
	kh_records_free(&records);
	return rc;
}
