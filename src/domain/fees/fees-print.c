/* fees-print.c: the <fees> element of a scorecard printed for people (a
 * table, one line per fee part, deduction and damages with its clause and
 * reason, under the headings of its money model: a fee statement is not a
 * fund settlement) or alone as XML in the scorecard namespace.  Prints
 * what the XML says and computes nothing. */
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "fees.h"

static const char *attr(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

/* "1450000.00" → "1,450,000.00" (display only; the XML keeps plain). */
static const char *grouped(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	char plain[64];
	attr(n, name, plain, sizeof plain);
	kh_fen v;
	if (kh_fen_parse(plain, strlen(plain), 1, &v) == 0)
		return kh_fen_format_grouped(v, buf, size);
	snprintf(buf, size, "%s", plain);
	return buf;
}

static const struct { const char *kind, *zh, *en; } labels[] = {
	{ "annual-fee", "年度服务费", "yearly fee" },
	{ "missing-population", "缺参保人数", "no insured count" },
	{ "contract-fee", "合同总额", "contract fee" },
	{ "milestone", "节点付款", "milestone" },
	{ "milestone-pending", "节点未到", "milestone pending" },
	{ "milestone-paid", "节点已付", "milestone paid" },
	{ "milestone-payable", "节点本期应付", "milestone payable" },
	{ "paid", "已付合计", "paid to date" },
	{ "payable", "本期应付", "payable now" },
	{ "damages", "违约金", "damages" },
	{ "deduction", "稽核扣减", "audit deduction" },
	{ "re-review-cost", "复核费用", "re-review cost" },
	{ "damages-proposed", "违约金（待确认）", "damages proposed" },
	{ "damages-to-insurer", "甲方应付违约金", "damages owed to insurer" },
	{ "offset", "抵扣后应付", "net after offset" },
	{ "funds", "筹集资金", "funds raised" },
	{ "claims-paid", "赔付支出", "claims paid" },
	{ "operating-cost", "运营成本", "operating cost" },
	{ "reserve", "风险调节金", "risk reserve" },
	{ "deposit", "考核保证金", "deposit" },
	{ "staff-person", "派驻人员", "resident staff" },
	{ "staff-cost", "专项成本", "staff cost" },
	{ "margin", "结余", "margin" },
	{ "cap", "盈利上限", "profit cap" },
	{ "excess", "超出上限", "above cap" },
	{ "staff-cost-allowed", "可扣专项成本", "staff cost allowed" },
	{ "kept", "乙方留存", "kept by insurer" },
	{ "returned", "返还甲方", "returned" },
	{ "surplus-to-fiscal", "转省财政", "to fiscal account" },
	{ "loss", "亏损", "loss" },
	{ "insurer-loss", "乙方承担", "insurer bears" },
	{ "loss-other", "其他渠道解决", "covered otherwise" },
	{ "reserve-used", "调节金弥补", "reserve used" },
	{ "loss-beyond-reserve", "调节金不足", "beyond reserve" },
	{ "reserve-left", "调节金余额", "reserve left" },
	{ "deposit-returned", "返还保证金", "deposit returned" },
	{ "deposit-withheld", "扣留保证金", "deposit withheld" },
	{ "deposit-held", "保证金待考核", "deposit held" },
	{ "profit-returned", "返还盈利", "profit returned" },
	{ "profit-withheld", "扣留盈利", "profit withheld" },
	{ "profit-held", "盈利待考核", "profit held" },
	{ "refund-due", "应退剩余资金", "refund due" },
	{ "refund", "已退还", "refunded" },
	{ "late-refund", "迟延履行金明细", "late days charged" },
	{ "insurer-net", "乙方净结果", "insurer net" },
	{ "missing-funds", "缺筹资记录", "funds missing" },
	{ "note", "说明", "note" },
	{ "balance", "平衡校验", "balance" },
};

/* Each money model's headings: what the statement is and what its three
 * totals mean (fees.h: total, deductions, due). */
static const struct model_words {
	const char *model;
	const char *name_zh, *name_en;         /* the model in words */
	const char *title_zh, *title_en;       /* the statement */
	const char *total_zh, *total_en;
	const char *ded_zh, *ded_en;
	const char *due_zh, *due_en;
} models[] = {
	{ "service-fee-per-capita", "按参保人数计付经办服务费", "service fee per insured",
	  "经办服务费结算单", "Service fee statement",
	  "服务费总额", "total fee", "扣减合计", "deductions", "应付净额", "due" },
	{ "fixed-fee", "固定总价分节点支付", "fixed fee in milestones",
	  "服务费结算单（固定总价）", "Fixed-fee statement",
	  "已到期价款", "fee due so far", "违约金等扣减", "deductions", "应付净额", "due" },
	{ "fund-per-capita", "按人筹资的基金（盈利率上限）", "fund per capita with a profit cap",
	  "基金年度清算单", "Fund settlement",
	  "结余", "margin", "返还甲方、扣留与违约金", "returned, withheld and damages",
	  "乙方年度净结果", "insurer's net result" },
	{ "fund-reserve", "基金（风险调节金与考核保证金）", "fund with risk reserve and deposit",
	  "基金年度清算单", "Fund settlement",
	  "结余", "margin", "转入财政、扣留与违约金", "to the fiscal account, withheld and damages",
	  "乙方年度净结果", "insurer's net result" },
};

static const struct model_words generic = {
	"", "", "", "结算单", "Statement", "合计", "total", "扣减", "deductions",
	"应付/净额", "due" };

static const struct model_words *model_words(const char *model)
{
	for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
		if (strcmp(models[i].model, model) == 0)
			return &models[i];
	return &generic;
}

/* Display columns of UTF-8 text: CJK wide characters take two. */
static int display_width(const char *s)
{
	int width = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		width += *p >= 0xE0 ? 2 : 1;   /* 3- and 4-byte sequences: CJK and the like */
	}
	return width;
}

/* text left-aligned in `width` display columns, then two spaces. */
static void cell(FILE *fp, const char *text, int width)
{
	fputs(text, fp);
	for (int pad = width - display_width(text); pad > 0; pad--)
		fputc(' ', fp);
	fputs("  ", fp);
}

/* text right-aligned in `width` display columns, then two spaces. */
static void rcell(FILE *fp, const char *text, int width)
{
	for (int pad = width - display_width(text); pad > 0; pad--)
		fputc(' ', fp);
	fputs(text, fp);
	fputs("  ", fp);
}

/* A line's state in words ("" for a line without one). */
static const char *state_label(const char *state)
{
	if (strcmp(state, "proposed") == 0)
		return kh_tr("待确认", "proposed");
	if (strcmp(state, "confirmed") == 0)
		return kh_tr("已确认", "confirmed");
	if (strcmp(state, "waived") == 0)
		return kh_tr("已免除", "waived");
	return "";
}

static const char *kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return kh_tr(labels[i].zh, labels[i].en);
	return kind;
}

void kh_fees_print(xmlNodePtr root, xmlNodePtr fees, FILE *fp)
{
	char a[2048], b[64], c[64], d[64], e[256];
	attr(fees, "model", e, sizeof e);
	const struct model_words *w = model_words(e);
	fprintf(fp, "%s\n", kh_tr(w->title_zh, w->title_en));
	fprintf(fp, "%s (%s)  %s %s  %s %s\n", attr(root, "title", a, sizeof a),
	        attr(root, "contract", b, sizeof b), kh_tr("期间", "period"),
	        attr(root, "period", c, sizeof c), kh_tr("截至", "as of"),
	        attr(root, "as-of", d, sizeof d));
	int fund = strncmp(e, "fund-", 5) == 0;
	fprintf(fp, "%s: %s\n\n", fund ? kh_tr("资金模式", "fund model") : kh_tr("计费方式", "fee model"),
	        *w->model ? kh_tr(w->name_zh, e) : e);
	int header = 0;
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "quarter"))
			continue;
		if (!header++) {
			cell(fp, kh_tr("季度", "quarter"), 8);
			rcell(fp, kh_tr("服务费", "fee"), 15);
			cell(fp, kh_tr("扣除比例", "rate"), 8);
			rcell(fp, kh_tr("扣除", "deduction"), 13);
			rcell(fp, kh_tr("违约金", "damages"), 13);
			rcell(fp, kh_tr("应付", "payable"), 15);
			cell(fp, kh_tr("条款", "clause"), 12);
			fprintf(fp, "%s\n", kh_tr("原因", "reason"));
		}
		cell(fp, attr(n, "period", b, sizeof b), 8);
		rcell(fp, grouped(n, "fee", c, sizeof c), 15);
		struct kh_rate rate;
		attr(n, "deduction-rate", b, sizeof b);
		if (kh_rate_parse(b, &rate) == 0)
			kh_rate_format_percent(rate, 2, b, sizeof b);
		cell(fp, b, 8);
		rcell(fp, grouped(n, "deduction", d, sizeof d), 13);
		rcell(fp, grouped(n, "damages", d, sizeof d), 13);
		rcell(fp, grouped(n, "payable", d, sizeof d), 15);
		cell(fp, attr(n, "clause", e, sizeof e), 12);
		fprintf(fp, "%s\n", attr(n, "reason", a, sizeof a));
	}
	if (header)
		fputc('\n', fp);
	header = 0;
	int stated = 0;
	xmlNodePtr balance = NULL;
	for (xmlNodePtr n = fees->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "line") == 0 &&
		    *attr(n, "state", b, sizeof b))
			stated = 1;
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "line"))
			continue;
		if (strcmp(attr(n, "kind", b, sizeof b), "balance") == 0) {
			balance = n;   /* printed last, under the totals */
			continue;
		}
		if (!header++) {
			cell(fp, kh_tr("项目", "item"), 18);
			rcell(fp, kh_tr("金额", "amount"), 15);
			if (stated)
				cell(fp, kh_tr("状态", "state"), 9);
			cell(fp, kh_tr("条款", "clause"), 12);
			fprintf(fp, "%s\n", kh_tr("说明", "explanation"));
		}
		cell(fp, kind_label(b), 18);
		rcell(fp, grouped(n, "amount", c, sizeof c), 15);
		if (stated)
			cell(fp, state_label(attr(n, "state", d, sizeof d)), 9);
		cell(fp, attr(n, "clause", e, sizeof e), 12);
		fprintf(fp, "%s\n", attr(n, "text", a, sizeof a));
		/* the id kaohe decide takes */
		if (*attr(n, "id", a, sizeof a))
			fprintf(fp, "%20s%s: %s\n", "", kh_tr("编号", "id"), a);
	}
	if (header)
		fputc('\n', fp);
	fprintf(fp, "%s %s  %s %s  %s %s\n", kh_tr(w->total_zh, w->total_en),
	        grouped(fees, "total", b, sizeof b), kh_tr(w->ded_zh, w->ded_en),
	        grouped(fees, "deductions", c, sizeof c), kh_tr(w->due_zh, w->due_en),
	        grouped(fees, "due", d, sizeof d));
	if (*attr(fees, "due-confirmed", a, sizeof a))
		fprintf(fp, "%s %s  %s %s  %s %s  %s %s\n",
		        kh_tr("待确认", "proposed"), grouped(fees, "proposed", b, sizeof b),
		        kh_tr("已确认", "confirmed"), grouped(fees, "confirmed", c, sizeof c),
		        kh_tr("已免除", "waived"), grouped(fees, "waived", d, sizeof d),
		        fund ? kh_tr("乙方年度净结果（仅计已确认违约金）",
		                     "insurer's net (confirmed damages only)")
		             : kh_tr("应付（仅扣已确认）", "due (confirmed lines only)"),
		        grouped(fees, "due-confirmed", e, sizeof e));
	if (balance)
		fprintf(fp, "%s\n", attr(balance, "text", a, sizeof a));
}

int kh_fees_print_xml(xmlNodePtr fees, FILE *fp)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr copy = xmlDocCopyNode(fees, doc, 1);
	xmlDocSetRootElement(doc, copy);
	xmlChar *text = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &text, &len, "UTF-8", 1);
	int rc = text && fwrite(text, 1, (size_t)len, fp) == (size_t)len ? 0 : -1;
	xmlFree(text);
	xmlFreeDoc(doc);
	return rc;
}
