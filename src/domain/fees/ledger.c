/* ledger.c: the payment ledger (ledger.h).  Pure: the statement's <fees>
 * and the finance records in, a <ledger> document out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "money.h"
#include "msg.h"

static int is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int same = v && value && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return same;
}

static kh_fen fen(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	kh_fen out = 0;
	if (!v || kh_fen_parse((const char *)v, strlen((const char *)v), 1, &out) != 0)
		out = 0;
	xmlFree(v);
	return out;
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST(value && *value ? value : "-"));
}

static void set_fen(xmlNodePtr n, const char *name, kh_fen v)
{
	char buf[48];
	set(n, name, kh_fen_format(v, buf, sizeof buf));
}

static void copy_attr(xmlNodePtr to, xmlNodePtr from, const char *name, const char *as)
{
	xmlChar *v = xmlGetProp(from, BAD_CAST name);
	if (v)
		set(to, as ? as : name, (const char *)v);
	xmlFree(v);
}

struct totals {
	kh_fen fee, deductions, damages, paid;
};

static xmlNodePtr row(xmlNodePtr ledger, const char *kind, const char *id, kh_fen fee,
                      kh_fen deductions, kh_fen damages, kh_fen paid, struct totals *t)
{
	xmlNodePtr r = xmlNewChild(ledger, NULL, BAD_CAST "row", NULL);
	set(r, "kind", kind);
	set(r, "id", id);
	set_fen(r, "fee", fee);
	set_fen(r, "deductions", deductions);
	set_fen(r, "damages", damages);
	set_fen(r, "paid", paid);
	set_fen(r, "payable", fee - deductions - damages - paid);
	t->fee += fee;
	t->deductions += deductions;
	t->damages += damages;
	t->paid += paid;
	return r;
}

/* Confirmed lines of `period` (NULL: any): deductions (deduction and
 * re-review cost) and damages. */
static void confirmed(xmlNodePtr fees, const char *period, kh_fen *ded, kh_fen *dmg)
{
	*ded = *dmg = 0;
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		if (!is(n, "line") || !attr_is(n, "state", "confirmed"))
			continue;
		if (period && !attr_is(n, "period", period))
			continue;
		if (attr_is(n, "kind", "damages") || attr_is(n, "kind", "damages-proposed"))
			*dmg += fen(n, "amount");
		else if (!attr_is(n, "kind", "damages-to-insurer"))
			*ded += fen(n, "amount");
	}
}

/* The service fee: a row per quarter; payments (finance service-fee up to
 * the as-of day) applied to the quarters in order, the rest to the last. */
static void quarters(xmlNodePtr fees, kh_fen paid_total, kh_day as_of,
                     xmlNodePtr ledger, struct totals *t)
{
	size_t n = 0;
	for (xmlNodePtr q = fees->children; q; q = q->next)
		n += is(q, "quarter");
	size_t i = 0;
	kh_fen left = paid_total;
	for (xmlNodePtr q = fees->children; q; q = q->next) {
		if (!is(q, "quarter"))
			continue;
		xmlChar *period = xmlGetProp(q, BAD_CAST "period");
		kh_fen fee = fen(q, "fee"), ded, dmg;
		confirmed(fees, (const char *)period, &ded, &dmg);
		/* 按季度拨付 (002 第三条(四)): a quarter's part is due once the
		 * quarter has ended; one still running owes nothing yet */
		struct kh_period qp;
		int open = period && kh_period_parse((const char *)period, &qp) == 0 &&
		           qp.last > as_of;
		if (open)
			fee = ded = dmg = 0;
		kh_fen owed = fee - ded - dmg;
		kh_fen take = ++i == n ? left : (left < owed ? left : owed);
		if (take < 0)
			take = 0;
		left -= take;
		xmlNodePtr r = row(ledger, open ? "quarter-open" : "quarter", (const char *)period,
		                   fee, ded, dmg, take, t);
		copy_attr(r, q, "clause", NULL);
		xmlFree(period);
	}
}

/* The fixed fee: a row per milestone (due once reached) with what was
 * paid on it, and a row for the confirmed damages. */
static void milestones(xmlNodePtr fees, xmlNodePtr ledger, struct totals *t)
{
	for (xmlNodePtr m = fees->children; m; m = m->next) {
		if (!is(m, "line") || !(attr_is(m, "kind", "milestone") ||
		                        attr_is(m, "kind", "milestone-pending")))
			continue;
		xmlChar *id = xmlGetProp(m, BAD_CAST "milestone");
		kh_fen fee = attr_is(m, "kind", "milestone") ? fen(m, "amount") : 0, paid = 0;
		for (xmlNodePtr p = fees->children; p; p = p->next)
			if (is(p, "line") && attr_is(p, "kind", "milestone-paid") &&
			    attr_is(p, "milestone", (const char *)id))
				paid += fen(p, "amount");
		xmlNodePtr r = row(ledger, attr_is(m, "kind", "milestone") ? "milestone"
		                                                         : "milestone-pending",
		                   (const char *)id, fee, 0, 0, paid, t);
		copy_attr(r, m, "clause", NULL);
		copy_attr(r, m, "text", NULL);   /* the milestone's name first (HTML) */
		xmlFree(id);
	}
	kh_fen ded, dmg;
	confirmed(fees, NULL, &ded, &dmg);
	if (ded || dmg)
		row(ledger, "confirmed", "-", 0, ded, dmg, 0, t);
}

/* A fund: the grade, and what the statement returns, withholds or holds
 * of profit and deposit; the confirmed damages. */
static void fund(xmlNodePtr fees, xmlNodePtr ledger, struct totals *t)
{
	static const char *const kinds[] = {
		"profit-returned", "profit-withheld", "profit-held", "deposit",
		"deposit-returned", "deposit-withheld", "deposit-held", "returned",
		"insurer-net" };
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		if (!is(n, "line"))
			continue;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			if (!attr_is(n, "kind", kinds[k]))
				continue;
			xmlNodePtr item = xmlNewChild(ledger, NULL, BAD_CAST "item", NULL);
			copy_attr(item, n, "kind", NULL);
			copy_attr(item, n, "amount", NULL);
			copy_attr(item, n, "clause", NULL);
			copy_attr(item, n, "grade", NULL);
			copy_attr(item, n, "text", NULL);
		}
	}
	kh_fen ded, dmg;
	confirmed(fees, NULL, &ded, &dmg);
	if (ded || dmg)
		row(ledger, "confirmed", "-", 0, ded, dmg, 0, t);
}

xmlDocPtr kh_ledger_build(xmlNodePtr root, xmlNodePtr fees,
                          const struct kh_finance *finance, kh_day as_of)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlNodePtr ledger = xmlNewDocNode(doc, NULL, BAD_CAST "ledger", NULL);
	xmlSetNs(ledger, xmlNewNs(ledger, BAD_CAST KH_LEDGER_NS, NULL));
	xmlDocSetRootElement(doc, ledger);
	char d[KH_DAY_BUFSZ];
	copy_attr(ledger, root, "contract", NULL);
	copy_attr(ledger, root, "title", NULL);
	copy_attr(ledger, root, "period", NULL);
	set(ledger, "as-of", kh_day_format(as_of, d));
	copy_attr(ledger, fees, "model", NULL);
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (is(n, "summary")) {
			copy_attr(ledger, n, "score", NULL);
			copy_attr(ledger, n, "grade", NULL);
		}
	struct totals t = { 0, 0, 0, 0 };
	kh_fen paid = 0;
	for (size_t i = 0; finance && i < finance->count; i++)
		if (finance->rows[i].date <= as_of &&
		    strcmp(finance->rows[i].kind, "service-fee") == 0)
			paid += finance->rows[i].amount;
	int has_quarters = 0, has_milestones = 0;
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		has_quarters |= is(n, "quarter");
		has_milestones |= is(n, "line") && (attr_is(n, "kind", "milestone") ||
		                                    attr_is(n, "kind", "milestone-pending"));
	}
	if (has_quarters)
		quarters(fees, paid, as_of, ledger, &t);
	else if (has_milestones)
		milestones(fees, ledger, &t);
	else
		fund(fees, ledger, &t);
	set_fen(ledger, "fee", t.fee);
	set_fen(ledger, "deductions", t.deductions);
	set_fen(ledger, "damages", t.damages);
	set_fen(ledger, "paid", t.paid);
	set_fen(ledger, "payable", t.fee - t.deductions - t.damages - t.paid);
	copy_attr(ledger, fees, "proposed", NULL);
	return doc;
}

/* --- printing ------------------------------------------------------------------ */

static const char *get(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

static const char *grouped(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	char plain[64];
	get(n, name, plain, sizeof plain);
	kh_fen v;
	if (kh_fen_parse(plain, strlen(plain), 1, &v) == 0)
		return kh_fen_format_grouped(v, buf, size);
	snprintf(buf, size, "%s", plain);
	return buf;
}

static int width(const char *s)
{
	int w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			w += *p >= 0xE0 ? 2 : 1;
	return w;
}

static void cell(FILE *fp, const char *text, int w, int right)
{
	int pad = w - width(text);
	if (right)
		for (; pad > 0; pad--)
			fputc(' ', fp);
	fputs(text, fp);
	if (!right)
		for (; pad > 0; pad--)
			fputc(' ', fp);
	fputs("  ", fp);
}

static const char *kind_word(const char *kind)
{
	static const struct { const char *kind, *zh, *en; } words[] = {
		{ "quarter", "季度", "quarter" },
		{ "quarter-open", "季度（未结束）", "quarter (running)" },
		{ "milestone", "节点（已到期）", "milestone (due)" },
		{ "milestone-pending", "节点（未到期）", "milestone (not due)" },
		{ "confirmed", "已确认扣款", "confirmed charges" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].kind, kind) == 0)
			return kh_tr(words[i].zh, words[i].en);
	return kind;
}

void kh_ledger_print(xmlDocPtr doc, FILE *fp)
{
	xmlNodePtr l = xmlDocGetRootElement(doc);
	char a[1024], b[64], c[64], d[64], e[64], f[64];
	fprintf(fp, "%s\n", kh_tr("付款台账", "Payment ledger"));
	fprintf(fp, "%s (%s)  %s %s  %s %s\n", get(l, "title", a, sizeof a),
	        get(l, "contract", b, sizeof b), kh_tr("期间", "period"),
	        get(l, "period", c, sizeof c), kh_tr("截至", "as of"), get(l, "as-of", d, sizeof d));
	if (*get(l, "grade", a, sizeof a))
		fprintf(fp, "%s %s  %s %s\n", kh_tr("得分", "score"), get(l, "score", b, sizeof b),
		        kh_tr("等级", "grade"), a);
	fputc('\n', fp);
	int header = 0;
	for (xmlNodePtr n = l->children; n; n = n->next) {
		if (!is(n, "row"))
			continue;
		if (!header++) {
			cell(fp, kh_tr("项目", "item"), 16, 0);
			cell(fp, kh_tr("期间/节点", "period"), 14, 0);
			cell(fp, kh_tr("应付服务费", "fee due"), 15, 1);
			cell(fp, kh_tr("已确认扣减", "deductions"), 13, 1);
			cell(fp, kh_tr("已确认违约金", "damages"), 13, 1);
			cell(fp, kh_tr("已付", "paid"), 15, 1);
			fprintf(fp, "%s\n", kh_tr("现应付", "payable now"));
		}
		cell(fp, kind_word(get(n, "kind", b, sizeof b)), 16, 0);
		cell(fp, get(n, "id", a, sizeof a), 14, 0);
		cell(fp, grouped(n, "fee", c, sizeof c), 15, 1);
		cell(fp, grouped(n, "deductions", d, sizeof d), 13, 1);
		cell(fp, grouped(n, "damages", e, sizeof e), 13, 1);
		cell(fp, grouped(n, "paid", f, sizeof f), 15, 1);
		fprintf(fp, "%s\n", grouped(n, "payable", b, sizeof b));
	}
	for (xmlNodePtr n = l->children; n; n = n->next) {
		if (!is(n, "item"))
			continue;
		fprintf(fp, "%s %s  %s  %s\n", get(n, "kind", b, sizeof b),
		        grouped(n, "amount", c, sizeof c), get(n, "clause", d, sizeof d),
		        get(n, "text", a, sizeof a));
	}
	fputc('\n', fp);
	fprintf(fp, "%s %s  %s %s  %s %s  %s %s  %s %s\n",
	        kh_tr("应付服务费", "fee due"), grouped(l, "fee", b, sizeof b),
	        kh_tr("已确认扣减", "deductions"), grouped(l, "deductions", c, sizeof c),
	        kh_tr("已确认违约金", "damages"), grouped(l, "damages", d, sizeof d),
	        kh_tr("已付", "paid"), grouped(l, "paid", e, sizeof e),
	        kh_tr("现应付", "payable now"), grouped(l, "payable", f, sizeof f));
	if (*get(l, "proposed", a, sizeof a) && strcmp(a, "0.00") != 0)
		fprintf(fp, "%s %s\n", kh_tr("另有待确认的扣减和违约金（未计入）",
		                             "proposed, not counted:"),
		        grouped(l, "proposed", b, sizeof b));
}
