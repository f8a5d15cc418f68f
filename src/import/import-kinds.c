/* import-kinds.c: the record kinds (SPEC section 3, facts, marks) as data — column
 * names, Chinese aliases, types, keys, accepted words — and each kind's
 * cross-field rules and defaults.  No I/O and no SQL here. */
#include <string.h>

#include "import.h"

#define CONTRACT_COLUMN \
	{ "contract", "合同", KH_COL_TEXT, KH_COL_KEY, NULL, NULL, \
	  "contract id (or --contract for the whole file)" }

static const struct kh_enum_word post_words[] = {
	{ "resident", "resident" }, { "派驻", "resident" },
	{ "合署办公", "resident" }, { "派驻/合署办公", "resident" },
	{ "city", "city" }, { "市级", "city" }, { "市级服务中心", "city" },
	{ "市级窗口", "city" },
	{ "county", "county" }, { "县区", "county" }, { "县级", "county" },
	{ "县区服务中心", "county" }, { "县区窗口", "county" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL },
};
static const struct kh_enum_word specialty_words[] = {
	{ "medical", "medical" }, { "医学", "medical" },
	{ "finance", "finance" }, { "财务", "finance" },
	{ "it", "it" }, { "信息技术", "it" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL },
};
static const struct kh_enum_word employment_words[] = {
	{ "formal", "formal" }, { "正式在编", "formal" }, { "正式", "formal" },
	{ "contract", "contract" }, { "合同", "contract" },
	{ "outsourced", "outsourced" }, { "外包", "outsourced" },
	{ NULL, NULL },
};
static const struct kh_enum_word end_reason_words[] = {
	{ "resign", "resign" }, { "辞职", "resign" },
	{ "dismissed", "dismissed" }, { "辞退", "dismissed" },
	{ "解聘", "dismissed" },
	{ "reassigned", "reassigned" }, { "调离", "reassigned" },
	{ "调岗", "reassigned" },
	{ "purchaser-request", "purchaser-request" },
	{ "甲方要求", "purchaser-request" },
	{ "contract-end", "contract-end" }, { "合同到期", "contract-end" },
	{ "合同期满", "contract-end" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL },
};
static const struct kh_enum_word settle_channel_words[] = {
	{ "direct", "direct" }, { "直接结算", "direct" },
	{ "manual", "manual" }, { "手工报销", "manual" },
	{ NULL, NULL },
};
static const struct kh_enum_word person_category_words[] = {
	{ "standard", "standard" }, { "普通", "standard" },
	{ "preferential", "preferential" }, { "倾斜", "preferential" },
	{ NULL, NULL },
};
static const struct kh_enum_word complaint_channel_words[] = {
	{ "hotline", "hotline" }, { "热线", "hotline" },
	{ "12345", "12345" },
	{ "letter", "letter" }, { "来信", "letter" },
	{ "visit", "visit" }, { "来访", "visit" },
	{ "regulator", "regulator" }, { "监管转办", "regulator" },
	{ "online", "online" }, { "网络", "online" }, { "网上", "online" },
	{ NULL, NULL },
};
static const struct kh_enum_word complaint_category_words[] = {
	{ "delay", "delay" }, { "拖延支付", "delay" },
	{ "denial", "denial" }, { "拒付", "denial" },
	{ "attitude", "attitude" }, { "服务态度", "attitude" },
	{ "privacy", "privacy" }, { "信息泄露", "privacy" },
	{ "fraud", "fraud" }, { "欺诈", "fraud" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL },
};
static const struct kh_enum_word substantiated_words[] = {
	{ "yes", "yes" }, { "是", "yes" }, { "属实", "yes" },
	{ "true", "yes" }, { "1", "yes" },
	{ "no", "no" }, { "否", "no" }, { "不属实", "no" },
	{ "false", "no" }, { "0", "no" },
	{ "pending", "pending" }, { "待定", "pending" },
	{ "核实中", "pending" },
	{ NULL, NULL },
};
static const struct kh_enum_word severity_words[] = {
	{ "minor", "minor" }, { "一般", "minor" },
	{ "serious", "serious" }, { "严重", "serious" },
	{ "critical", "critical" }, { "特别严重", "critical" },
	{ NULL, NULL },
};
static const struct kh_enum_word result_words[] = {
	{ "pass", "pass" }, { "合格", "pass" },
	{ "fail", "fail" }, { "不合格", "fail" },
	{ NULL, NULL },
};
static const struct kh_enum_word activity_words[] = {
	{ "data-check", "data-check" }, { "智能监管数据检查", "data-check" },
	{ "records-reviewed", "records-reviewed" },
	{ "数据审核笔数", "records-reviewed" },
	{ "receipts-checked", "receipts-checked" },
	{ "票据核对张数", "receipts-checked" },
	{ "training", "training" }, { "政策培训", "training" },
	{ "site-inspection", "site-inspection" },
	{ "现场巡查", "site-inspection" },
	{ "case-review", "case-review" }, { "病历审核", "case-review" },
	{ "satisfaction-survey", "satisfaction-survey" },
	{ "满意度调查", "satisfaction-survey" },
	{ "consultation", "consultation" }, { "咨询", "consultation" },
	{ NULL, NULL },
};
static const struct kh_enum_word finance_words[] = {
	{ "funds-received", "funds-received" },
	{ "资金拨付到账", "funds-received" },
	{ "claims-paid", "claims-paid" }, { "赔付支出", "claims-paid" },
	{ "operating-cost", "operating-cost" }, { "运营成本", "operating-cost" },
	{ "refund", "refund" }, { "退回", "refund" },
	{ "service-fee", "service-fee" }, { "经办服务费", "service-fee" },
	{ NULL, NULL },
};
static const struct kh_enum_word fact_words[] = {
	{ "acceptance", "acceptance" }, { "验收合格", "acceptance" },
	{ "acceptance-failed", "acceptance-failed" },
	{ "验收不合格", "acceptance-failed" },
	{ "termination-notice", "termination-notice" },
	{ "解除合同通知", "termination-notice" },
	{ "refund", "refund" }, { "退还资金", "refund" },
	{ "rectification-order", "rectification-order" },
	{ "整改通知", "rectification-order" },
	{ "rectified", "rectified" }, { "整改完成", "rectified" },
	{ "fund-request", "fund-request" }, { "拨付申请", "fund-request" },
	{ "fund-received", "fund-received" }, { "资金到账", "fund-received" },
	{ "fund-receipt-filed", "fund-receipt-filed" },
	{ "回执提交", "fund-receipt-filed" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL },
};
/* 001 第三十六条: the insurer's 自查自纠, the city's assessment, the
 * province's sample check; the same words as kh_mark_level_parse. */
static const struct kh_enum_word level_words[] = {
	{ "self", "self" }, { "自评", "self" },
	{ "city", "city" }, { "市级", "city" },
	{ "province", "province" }, { "省级", "province" },
	{ NULL, NULL },
};
static const struct kh_enum_word rating_words[] = {
	{ "A", "A" }, { "AA", "A" }, { "AAA", "A" },
	{ "B", "B" }, { "BB", "B" }, { "BBB", "B" },
	{ "C", "C" }, { "D", "D" },
	{ NULL, NULL },
};

/* --- helpers for the checks ---------------------------------------------- */

static int is_null(const struct kh_import_row *row, int c)
{
	return row->field[c].null;
}

static int text_is(const struct kh_import_row *row, int c, const char *want)
{
	const struct kh_field *f = &row->field[c];
	return !f->null && !f->is_int && strcmp(f->text, want) == 0;
}

/* Report `later` when both dates are present and later < earlier. */
static void dates_ordered(struct kh_import_row *row, int earlier, int later,
                          const char *why_zh, const char *why_en)
{
	if (!is_null(row, earlier) && !is_null(row, later)
	    && row->v[later].day < row->v[earlier].day)
		kh_import_bad(row, later, why_zh, why_en);
}

/* --- roster ---------------------------------------------------------------- */

enum { RO_CONTRACT, RO_STAFF, RO_NAME, RO_POST, RO_UNIT, RO_SPECIALTY,
       RO_EMPLOYMENT, RO_START, RO_END, RO_REASON };
static const struct kh_import_column roster_columns[] = {
	CONTRACT_COLUMN,
	{ "staff_id", "工号", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "stable id of the person" },
	{ "name", "姓名", KH_COL_TEXT, 0, NULL, NULL, "name" },
	{ "post", "岗位", KH_COL_ENUM, KH_COL_REQUIRED, NULL, post_words,
	  "where the person works" },
	{ "unit", "县区", KH_COL_TEXT, 0, NULL, NULL,
	  "county or district; required when post is county" },
	{ "specialty", "专业", KH_COL_ENUM, KH_COL_REQUIRED, NULL, specialty_words,
	  "professional background" },
	{ "employment", "用工性质", KH_COL_ENUM, 0, NULL, employment_words,
	  "kind of employment" },
	{ "start_date", "到岗日期", KH_COL_DATE, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "first day on the post" },
	{ "end_date", "离岗日期", KH_COL_DATE, 0, NULL, NULL,
	  "last day on the post (inclusive); empty = still there" },
	{ "end_reason", "离岗原因", KH_COL_ENUM, 0, NULL, end_reason_words,
	  "why the assignment ended" },
};

static void roster_check(struct kh_import_row *row)
{
	if (text_is(row, RO_POST, "county") && is_null(row, RO_UNIT))
		kh_import_bad(row, RO_UNIT, "岗位为县区时必须填写县区",
		              "required when post is county");
	dates_ordered(row, RO_START, RO_END, "离岗日期早于到岗日期",
	              "end_date before start_date");
	if (!is_null(row, RO_REASON) && is_null(row, RO_END))
		kh_import_bad(row, RO_REASON, "有离岗原因却没有离岗日期",
		              "end_reason without end_date");
}

/* --- settlements ----------------------------------------------------------- */

enum { SE_CONTRACT, SE_CLAIM, SE_INSURED, SE_CHANNEL, SE_CATEGORY, SE_REGION,
       SE_PROVIDER, SE_SERVICE, SE_RECEIVED, SE_PAID_DATE, SE_ELIGIBLE,
       SE_PAID_AMOUNT, SE_EXCUSED };
static const struct kh_import_column settlement_columns[] = {
	CONTRACT_COLUMN,
	{ "claim_id", "结算单号", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "claim id, the key within the contract" },
	{ "insured_id", "参保人编号", KH_COL_TEXT, KH_COL_REQUIRED, NULL, NULL,
	  "pseudonymous person id" },
	{ "channel", "结算方式", KH_COL_ENUM, KH_COL_REQUIRED, NULL,
	  settle_channel_words, "direct settlement or manual reimbursement" },
	{ "category", "人员类别", KH_COL_ENUM, 0, "standard", person_category_words,
	  "standard or preferential; default standard" },
	{ "region", "统筹区", KH_COL_TEXT, 0, NULL, NULL, "pooling region" },
	{ "provider_id", "定点机构编码", KH_COL_TEXT, 0, NULL, NULL,
	  "designated provider code" },
	{ "service_date", "结算日期", KH_COL_DATE, 0, NULL, NULL,
	  "date the expense was settled" },
	{ "received_date", "受理日期", KH_COL_DATE, KH_COL_REQUIRED, NULL, NULL,
	  "the clock's start" },
	{ "paid_date", "支付日期", KH_COL_DATE, 0, NULL, NULL,
	  "empty = not yet paid" },
	{ "eligible_amount", "合规自付费用", KH_COL_MONEY, 0, NULL, NULL,
	  "compliant out-of-pocket amount (yuan)" },
	{ "paid_amount", "支付金额", KH_COL_MONEY, KH_COL_REQUIRED, NULL, NULL,
	  "what the insurer paid (yuan)" },
	{ "excused", "免责", KH_COL_BOOL, 0, "no", NULL,
	  "delay excused (platform fault reported in writing); default no" },
};

static void settlement_check(struct kh_import_row *row)
{
	dates_ordered(row, SE_RECEIVED, SE_PAID_DATE, "支付日期早于受理日期",
	              "paid_date before received_date");
}

/* --- complaints ------------------------------------------------------------ */

enum { CO_CONTRACT, CO_ID, CO_RECEIVED, CO_CHANNEL, CO_CATEGORY, CO_SUBST,
       CO_FAULT, CO_SEVERITY, CO_CLOSED };
static const struct kh_import_column complaint_columns[] = {
	CONTRACT_COLUMN,
	{ "complaint_id", "投诉编号", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "key" },
	{ "received_date", "受理日期", KH_COL_DATE, KH_COL_REQUIRED, NULL, NULL,
	  "day the complaint was received" },
	{ "channel", "渠道", KH_COL_ENUM, 0, NULL, complaint_channel_words,
	  "how it came in" },
	{ "category", "类别", KH_COL_ENUM, KH_COL_REQUIRED, NULL,
	  complaint_category_words, "what it is about" },
	{ "substantiated", "是否属实", KH_COL_ENUM, KH_COL_REQUIRED, NULL,
	  substantiated_words, "yes, no or pending" },
	{ "insurer_fault", "乙方责任", KH_COL_BOOL, 0, NULL, NULL,
	  "the insurer is at fault; default yes when substantiated" },
	{ "severity", "严重程度", KH_COL_ENUM, 0, "minor", severity_words,
	  "default minor" },
	{ "closed_date", "办结日期", KH_COL_DATE, 0, NULL, NULL, "day closed" },
};

static void complaint_check(struct kh_import_row *row)
{
	if (is_null(row, CO_FAULT)) {
		if (text_is(row, CO_SUBST, "yes"))
			kh_import_set_int(row, CO_FAULT, 1);
		else if (text_is(row, CO_SUBST, "no"))
			kh_import_set_int(row, CO_FAULT, 0);
	}
	dates_ordered(row, CO_RECEIVED, CO_CLOSED, "办结日期早于受理日期",
	              "closed_date before received_date");
}

/* --- audits ---------------------------------------------------------------- */

enum { AU_CONTRACT, AU_SAMPLE, AU_DATE, AU_PERIOD, AU_STREAM, AU_CLAIM,
       AU_RESULT, AU_ERROR, AU_FINDING };
static const struct kh_import_column audit_columns[] = {
	CONTRACT_COLUMN,
	{ "sample_id", "样本编号", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "key" },
	{ "audit_date", "稽核日期", KH_COL_DATE, KH_COL_REQUIRED, NULL, NULL,
	  "day of the audit" },
	{ "period", "所属期", KH_COL_QUARTER, 0, NULL, NULL,
	  "quarter the sample belongs to; default the quarter of audit_date" },
	{ "stream", "抽样类别", KH_COL_TEXT, KH_COL_REQUIRED, NULL, NULL,
	  "sampling stream, e.g. routine-10pct, manual-5pct" },
	{ "claim_id", "结算单号", KH_COL_TEXT, 0, NULL, NULL, "the audited claim" },
	{ "result", "结果", KH_COL_ENUM, KH_COL_REQUIRED, NULL, result_words,
	  "pass or fail" },
	{ "error_amount", "差错金额", KH_COL_MONEY, 0, NULL, NULL,
	  "amount in error (yuan)" },
	{ "finding", "问题描述", KH_COL_TEXT, 0, NULL, NULL, "what was wrong" },
};

static void audit_check(struct kh_import_row *row)
{
	if (is_null(row, AU_DATE))
		return;
	struct kh_period q;
	if (is_null(row, AU_PERIOD)) {
		char text[16];
		kh_period_containing(KH_PERIOD_QUARTER, row->v[AU_DATE].day, &q);
		kh_import_set_text(row, AU_PERIOD, kh_period_format(&q, text));
		return;
	}
	if (kh_period_parse(row->field[AU_PERIOD].text, &q) == 0
	    && row->v[AU_DATE].day < q.first)
		kh_import_bad(row, AU_DATE, "稽核日期早于所属期",
		              "audit_date before the period it audits");
}

/* --- submissions ----------------------------------------------------------- */

static const struct kh_import_column submission_columns[] = {
	CONTRACT_COLUMN,
	{ "report", "报表类型", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "monthly, half-year, annual, fund-application, ..." },
	{ "period", "所属期", KH_COL_PERIOD, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "2024-03, 2024H1, 2024Q2, 2024" },
	{ "submitted_at", "报送时间", KH_COL_DATETIME, KH_COL_REQUIRED | KH_COL_KEY,
	  NULL, NULL, "when it was submitted" },
	{ "accepted", "是否受理", KH_COL_BOOL, 0, "yes", NULL,
	  "default yes; a rejected submission does not count" },
	{ "ref", "回执号", KH_COL_TEXT, 0, NULL, NULL, "receipt number" },
};

/* --- activities, finance, population, ratings ------------------------------ */

static const struct kh_import_column activity_columns[] = {
	CONTRACT_COLUMN,
	{ "date", "日期", KH_COL_DATE, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "day of the work" },
	{ "kind", "类型", KH_COL_ENUM, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  activity_words, "what was done" },
	{ "count", "数量", KH_COL_COUNT, 0, "1", NULL, "how many; default 1" },
	{ "unit", "县区", KH_COL_TEXT, KH_COL_KEY, "", NULL, "county or district" },
};

static const struct kh_import_column finance_columns[] = {
	CONTRACT_COLUMN,
	{ "date", "日期", KH_COL_DATE, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "day of the flow" },
	{ "kind", "类型", KH_COL_ENUM, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  finance_words, "kind of flow" },
	{ "amount", "金额", KH_COL_MONEY_SIGNED, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "yuan; negative = a reversal of that kind" },
	{ "note", "备注", KH_COL_TEXT, KH_COL_KEY, "", NULL, "note" },
};

static const struct kh_import_column population_columns[] = {
	CONTRACT_COLUMN,
	{ "date", "日期", KH_COL_DATE, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "the count is as of this day" },
	{ "unit", "县区", KH_COL_TEXT, KH_COL_KEY, "", NULL,
	  "county or district; empty = whole contract" },
	{ "insured", "参保人数", KH_COL_COUNT, KH_COL_REQUIRED, NULL, NULL,
	  "number of insured people" },
};

enum { RA_CONTRACT, RA_QUARTER, RA_RATING, RA_RAW };
static const struct kh_import_column rating_columns[] = {
	CONTRACT_COLUMN,
	{ "quarter", "季度", KH_COL_QUARTER, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "quarter rated, e.g. 2025Q1" },
	{ "rating", "评级", KH_COL_ENUM, KH_COL_REQUIRED, NULL, rating_words,
	  "A, B, C or D (AAA, AA fold into A; BBB, BB into B)" },
	{ "raw_rating", NULL, KH_COL_DERIVED, 0, NULL, NULL,
	  "the rating as written" },
};

static void rating_check(struct kh_import_row *row)
{
	kh_import_set_text(row, RA_RAW, row->v[RA_RATING].raw);
}

static const struct kh_import_column fact_columns[] = {
	CONTRACT_COLUMN,
	{ "date", "日期", KH_COL_DATE, KH_COL_REQUIRED | KH_COL_KEY, NULL, NULL,
	  "the day it happened (a notice: the day it was sent)" },
	{ "kind", "事项", KH_COL_ENUM, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  fact_words, "acceptance, termination-notice, refund, rectification-order, ..." },
	{ "ref", "文号", KH_COL_TEXT, KH_COL_KEY, "", NULL,
	  "document or receipt number" },
	{ "amount", "金额", KH_COL_MONEY_SIGNED, 0, NULL, NULL,
	  "yuan, when the fact has one (a refund, the amount to return)" },
	{ "due_date", "期限", KH_COL_DATE, 0, NULL, NULL,
	  "a deadline the fact sets (rectification), if any" },
	{ "note", "备注", KH_COL_TEXT, 0, "", NULL, "note" },
};

/* --- marks (评分) ----------------------------------------------------------- */

/* Whether a score exceeds the indicator's points is not known here (the
 * contract may not be added yet, and may change): scoring judges it. */
enum { MA_CONTRACT, MA_PERIOD, MA_LEVEL, MA_INDICATOR, MA_MEMBER, MA_SCORE,
       MA_REASON, MA_EVIDENCE };
static const struct kh_import_column mark_columns[] = {
	CONTRACT_COLUMN,
	{ "period", "考核期", KH_COL_PERIOD, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "the period scored: 2024, 2024H1, 2024Q3, 2024-03" },
	{ "level", "层级", KH_COL_ENUM, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  level_words, "self (自评), city (市级) or province (省级)" },
	{ "indicator", "指标", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "indicator id of the contract" },
	{ "member", "评分人", KH_COL_TEXT, KH_COL_REQUIRED | KH_COL_KEY, NULL,
	  NULL, "panel member's name or code" },
	{ "score", "得分", KH_COL_POINTS, KH_COL_REQUIRED, NULL, NULL,
	  "points awarded, at most two decimals, not negative" },
	{ "reason", "扣分原因", KH_COL_TEXT, 0, "", NULL, "why points were taken off" },
	{ "evidence", "依据", KH_COL_TEXT, 0, "", NULL,
	  "reference to the evidence (document, inspection record)" },
};

/* An indicator id is one word, as contracts write it (org.finance-filing):
 * a space or a control character in it would never match the contract. */
static void mark_check(struct kh_import_row *row)
{
	const struct kh_field *f = &row->field[MA_INDICATOR];
	if (f->null || f->is_int)
		return;
	for (int i = 0; i < f->text_len; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		if (ch <= ' ' || ch == 0x7f) {
			kh_import_bad(row, MA_INDICATOR,
			              "不是指标编号（含空格或控制字符；应如 org.finance-filing）",
			              "not an indicator id (contains a space or a control "
			              "character; like org.finance-filing)");
			return;
		}
	}
}

#define KIND(n, t, cols, chk, summary) \
	static const struct kh_import_kind kind_##n = { #n, t, cols, \
		(int)(sizeof cols / sizeof cols[0]), chk, summary }

KIND(roster, "roster", roster_columns, roster_check,
     "staffing, one row per assignment of a person");
KIND(settlements, "settlements", settlement_columns, settlement_check,
     "settlement timeliness log, one row per claim");
KIND(complaints, "complaints", complaint_columns, complaint_check,
     "complaints");
KIND(audits, "audits", audit_columns, audit_check, "audit samples");
KIND(submissions, "submissions", submission_columns, NULL,
     "report submission log");
KIND(activities, "activities", activity_columns, NULL, "counted work");
KIND(finance, "finance", finance_columns, NULL,
     "fund flows (the whole row is the key)");
KIND(population, "population", population_columns, NULL, "insured counts");
KIND(ratings, "ratings", rating_columns, rating_check,
     "solvency risk ratings");
KIND(facts, "facts", fact_columns, NULL,
     "recorded facts: acceptance, notices, rectification, fund requests");
KIND(marks, "marks", mark_columns, mark_check,
     "panel members' marks (评分) per indicator, period and level");

const struct kh_import_kind *const kh_import_kinds[] = {
	&kind_roster, &kind_settlements, &kind_complaints, &kind_audits,
	&kind_submissions, &kind_activities, &kind_finance, &kind_population,
	&kind_ratings, &kind_facts, &kind_marks,
};
const int kh_import_kind_count =
	(int)(sizeof kh_import_kinds / sizeof kh_import_kinds[0]);

const struct kh_import_kind *kh_import_kind_find(const char *name)
{
	for (int i = 0; i < kh_import_kind_count; i++)
		if (strcmp(kh_import_kinds[i]->name, name) == 0)
			return kh_import_kinds[i];
	return NULL;
}

int kh_import_column_index(const struct kh_import_kind *kind, const char *name)
{
	for (int i = 0; i < kind->ncolumns; i++)
		if (strcmp(kind->columns[i].name, name) == 0
		    || (kind->columns[i].alias
		        && strcmp(kind->columns[i].alias, name) == 0))
			return i;
	return -1;
}
