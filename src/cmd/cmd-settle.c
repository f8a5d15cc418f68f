/* cmd-settle.c: `kaohe settle` — parse the options, get the year's money
 * statement (kh_money_statement: a stored scoring run, which gives the
 * assessment grade, whose <fees> holds the settlement lines printed) and
 * print it as a table or XML.  No money arithmetic here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "statement.h"

static const struct kh_opt settle_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号", "the contract" },
	{ "year", 0, "Y", KH_OPT_REQUIRED, "清算年度", "the year settled" },
	{ "loss", 0, "policy|non-policy", 0,
	  "policy：亏损经甲方认定为政策性亏损（默认 non-policy）",
	  "policy: a loss declared policy-related (default non-policy)" },
	{ "grade", 0, "NAME", 0,
	  "次年考核评定的等级（如 合格）；不给出时，等级划分为\n"
	  "模板默认值的合同不据评分扣减保证金或盈利，只列为\n待考核",
	  "the grade the assessment gave; without it, a\n"
	  "contract whose grade bands are template defaults\n"
	  "forfeits no deposit or profit: they await the\nassessment" },
	{ "as-of", 0, "D", 0, "判定日，默认 Y-12-31（迟延履行金计至此日）",
	  "the day facts are judged on; default Y-12-31\n(a late refund is charged up to it)" },
	{ "format", 0, "text|xml", 0, "text（默认）或 xml", "text (default) or xml" },
	{ "terminated", 0, NULL, 0, "甲方解除合同（违约金：当年筹集资金 5%）",
	  "the purchaser terminated the contract (damages 5% of F)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec settle_spec = {
	.name = "settle", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"基金类合同的年度资金清算：筹集资金、赔付支出、运营成本、风险调节金（甲方\n"
	"预留）、结余、盈利率上限、派驻人员专项成本（逐人列出在项目天数）、乙方\n"
	"留存、返还甲方或转入省财政专户的部分、亏损分担、考核保证金或盈利返还\n"
	"（按考核等级），合同解除后的退还与迟延履行金，最后一行为平衡校验。每个\n"
	"数字注明来自哪些记录、多少条。会为该年度评分并保存一条评分记录（与\n"
	"kaohe score 相同），记录中的 <fees> 与打印的清算单完全一致，包括 --loss、\n"
	"--grade、--terminated 申报的事项。",
	.about_en =
	"The year-end settlement of a fund contract: funds raised, claims paid,\n"
	"operating cost, the risk reserve the purchaser withholds, margin, profit\n"
	"cap, special staff cost (each resident listed with days on the\n"
	"project), amount kept, amount returned or sent to the fiscal account,\n"
	"loss sharing, the deposit or profit returned by the assessment grade,\n"
	"the refund after a termination notice and its late charge, and last\n"
	"the balance the statement satisfies.  Every figure names its records.\n"
	"Stores a scoring run of the year (as kaohe score does) whose <fees> is\n"
	"exactly the statement printed, --loss, --grade and --terminated\n"
	"included.",
	.opts = settle_opts,
	.notes_zh =
	"筹集资金取当年 funds-received 财务记录，否则人均筹资标准 × 参保人数；\n"
	"赔付支出取当年 claims-paid 财务记录，否则当年支付的结算记录。解除合同\n"
	"通知与退还剩余资金取 facts 记录（termination-notice、refund）。\n"
	"详见 man kaohe-settle。",
	.notes_en =
	"Funds raised: the year's funds-received finance rows, else per-capita ×\n"
	"insured.  Claims paid: the year's claims-paid finance rows, else the\n"
	"settlements paid in the year.  The termination notice and the refunds\n"
	"are facts records (termination-notice, refund).  See man kaohe-settle.",
};

struct settle_args {
	const char *contract, *year, *loss, *as_of, *format, *grade;
	int terminated;
};

static int parse_args(const struct kh_args *args, struct settle_args *a)
{
	a->contract = kh_arg(args, "contract");
	a->year = kh_arg(args, "year");
	a->loss = kh_arg(args, "loss") ? kh_arg(args, "loss") : "non-policy";
	a->as_of = kh_arg(args, "as-of");
	a->format = kh_arg(args, "format") ? kh_arg(args, "format") : "text";
	a->grade = kh_arg(args, "grade");
	a->terminated = kh_arg_given(args, "terminated");
	if (strcmp(a->format, "text") && strcmp(a->format, "xml"))
		return kh_usage("settle", "%s: '%s'", kh_tr("格式无效", "invalid format"), a->format);
	if (a->grade && !*a->grade)
		return kh_usage("settle", "%s", kh_tr("--grade 不能为空", "--grade is empty"));
	if (strcmp(a->loss, "policy") && strcmp(a->loss, "non-policy"))
		return kh_usage("settle", "%s: '%s'", kh_tr("--loss 只能是 policy 或 non-policy",
		                                          "--loss takes policy or non-policy"),
		                a->loss);
	return 0;
}

static void build_opts(const struct settle_args *a, struct kh_money_opts *opts)
{
	*opts = (struct kh_money_opts){ 0, 0, 0, NULL };
	opts->loss_policy = strcmp(a->loss, "policy") == 0;
	opts->terminated = a->terminated;
	opts->grade = a->grade;
}

static int is_fund_model(xmlNodePtr fees)
{
	xmlChar *model = xmlGetProp(fees, BAD_CAST "model");
	int fund = model && strncmp((const char *)model, "fund-", 5) == 0;
	xmlFree(model);
	return fund;
}

static int run_settle(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct settle_args a = { 0 };
	int rc = parse_args(args, &a);
	if (rc)
		return rc;
	struct kh_money_opts opts;
	build_opts(&a, &opts);
	struct kh_period period;
	if (strlen(a.year) != 4 || kh_period_parse(a.year, &period) ||
	    period.kind != KH_PERIOD_YEAR)
		return kh_usage("settle", "%s: '%s'", kh_tr("年度无效", "invalid year"), a.year);
	kh_day as_of = period.last;
	if (a.as_of && kh_day_parse(a.as_of, &as_of))
		return kh_usage("settle", "%s: '%s'", kh_tr("日期无效", "invalid date"), a.as_of);
	xmlDocPtr doc;
	xmlNodePtr fees;
	struct kh_err err = { 0 };
	if (kh_money_statement(ctx->store, a.contract, &period, as_of, &opts, &doc, &fees,
	                       &err))
		return kh_err_exit_code(&err);
	if (!fees || !is_fund_model(fees)) {
		kh_error("%s: %s", a.contract,
		         kh_tr("不是基金类合同（无 fund-per-capita / fund-reserve），请用 kaohe fees",
		               "not a fund contract (no fund-per-capita / fund-reserve); use kaohe fees"));
		xmlFreeDoc(doc);
		return EX_DATAERR;
	}
	if (strcmp(a.format, "xml") == 0)
		rc = kh_fees_print_xml(fees, stdout) ? EX_IOERR : 0;
	else
		kh_fees_print(xmlDocGetRootElement(doc), fees, stdout);
	xmlFreeDoc(doc);
	if (rc)
		return rc;
	return kh_stdout_flush();
}

/* Stores a scoring run whose <fees> is the settlement printed. */
const struct kh_command_def cmd_settle_def = {
	&settle_spec, run_settle, KH_CMD_STORE | KH_CMD_WRITES };
