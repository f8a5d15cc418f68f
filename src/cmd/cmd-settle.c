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
#include "statement.h"

static const char help_zh[] =
	"用法: kaohe [--db FILE] settle --contract ID --year Y [--loss policy|non-policy]\n"
	"                              [--grade NAME] [--as-of D] [--format text|xml]\n"
	"                              [--terminated]\n"
	"\n"
	"基金类合同的年度资金清算：筹集资金、赔付支出、运营成本、风险调节金（甲方\n"
	"预留）、结余、盈利率上限、派驻人员专项成本（逐人列出在项目天数）、乙方\n"
	"留存、返还甲方或转入省财政专户的部分、亏损分担、考核保证金或盈利返还\n"
	"（按考核等级），合同解除后的退还与迟延履行金，最后一行为平衡校验。每个\n"
	"数字注明来自哪些记录、多少条。会为该年度评分并保存一条评分记录（与\n"
	"kaohe score 相同），记录中的 <fees> 与打印的清算单完全一致，包括 --loss、\n"
	"--grade、--terminated 申报的事项。\n"
	"\n"
	"  --contract ID          合同编号\n"
	"  --year Y               清算年度\n"
	"  --loss policy          亏损经甲方认定为政策性亏损（默认 non-policy）\n"
	"  --grade NAME           次年考核评定的等级（如 合格）；不给出时，等级划分为\n"
	"                         模板默认值的合同不据评分扣减保证金或盈利，只列为\n"
	"                         待考核\n"
	"  --as-of D              判定日，默认 Y-12-31（迟延履行金计至此日）\n"
	"  --format F             text（默认）或 xml\n"
	"  --terminated           甲方解除合同（违约金：当年筹集资金 5%）\n"
	"  --lang zh|en           输出语言\n"
	"  --db FILE              数据库，否则 $KAOHE_DB，否则 ./kaohe.db\n"
	"\n"
	"筹集资金取当年 funds-received 财务记录，否则人均筹资标准 × 参保人数；\n"
	"赔付支出取当年 claims-paid 财务记录，否则当年支付的结算记录。解除合同\n"
	"通知与退还剩余资金取 facts 记录（termination-notice、refund）。\n"
	"详见 man kaohe-settle。\n";
static const char help_en[] =
	"usage: kaohe [--db FILE] settle --contract ID --year Y [--loss policy|non-policy]\n"
	"                              [--grade NAME] [--as-of D] [--format text|xml]\n"
	"                              [--terminated]\n"
	"\n"
	"The year-end settlement of a fund contract: funds raised, claims paid,\n"
	"operating cost, the risk reserve the purchaser withholds, margin, profit\n"
	"cap, special staff cost (each resident listed with days on the\n"
	"project), amount kept, amount returned or sent to the fiscal account,\n"
	"loss sharing, the deposit or profit returned by the assessment grade,\n"
	"the refund after a termination notice and its late charge, and last\n"
	"the balance the statement satisfies.  Every figure names its records.\n"
	"Stores a scoring run of the year (as kaohe score does) whose <fees> is\n"
	"exactly the statement printed, --loss, --grade and --terminated\n"
	"included.\n"
	"\n"
	"  --contract ID          the contract\n"
	"  --year Y               the year settled\n"
	"  --loss policy          a loss declared policy-related (default non-policy)\n"
	"  --grade NAME           the grade the assessment gave; without it, a\n"
	"                         contract whose grade bands are template defaults\n"
	"                         forfeits no deposit or profit: they await the\n"
	"                         assessment\n"
	"  --as-of D              the day facts are judged on; default Y-12-31\n"
	"                         (a late refund is charged up to it)\n"
	"  --format F             text (default) or xml\n"
	"  --terminated           the purchaser terminated the contract (damages 5% of F)\n"
	"  --lang zh|en           output language\n"
	"  --db FILE              database, else $KAOHE_DB, else ./kaohe.db\n"
	"\n"
	"Funds raised: the year's funds-received finance rows, else per-capita ×\n"
	"insured.  Claims paid: the year's claims-paid finance rows, else the\n"
	"settlements paid in the year.  The termination notice and the refunds\n"
	"are facts records (termination-notice, refund).  See man kaohe-settle.\n";

enum { OPT_CONTRACT = KH_OPT_FIRST_COMMAND_OPTION, OPT_YEAR, OPT_LOSS, OPT_AS_OF,
       OPT_FORMAT, OPT_TERMINATED, OPT_GRADE };

struct settle_args {
	const char *contract, *year, *loss, *as_of, *format, *grade;
	int terminated;
};

static int parse_args(int argc, char **argv, struct kh_ctx *ctx,
                      struct settle_args *a, int *done)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ "contract", required_argument, NULL, OPT_CONTRACT },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "loss", required_argument, NULL, OPT_LOSS },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "terminated", no_argument, NULL, OPT_TERMINATED },
		{ "grade", required_argument, NULL, OPT_GRADE },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	*done = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int rc = kh_common_option(opt, optarg, ctx, "settle", help_zh, help_en, done);
		if (*done)
			return rc;
		switch (opt) {
		case OPT_CONTRACT: a->contract = optarg; break;
		case OPT_YEAR: a->year = optarg; break;
		case OPT_LOSS: a->loss = optarg; break;
		case OPT_AS_OF: a->as_of = optarg; break;
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_TERMINATED: a->terminated = 1; break;
		case OPT_GRADE: a->grade = optarg; break;
		default:
			if (rc < 0)
				return kh_usage("settle", "%s", kh_tr("选项无效", "invalid option"));
		}
	}
	if (optind < argc)
		return kh_usage("settle", "%s: %s", kh_tr("多余的参数", "unexpected argument"),
		                argv[optind]);
	if (!a->contract)
		return kh_usage("settle", "%s", kh_tr("缺少 --contract", "--contract is required"));
	if (!a->year)
		return kh_usage("settle", "%s", kh_tr("缺少 --year", "--year is required"));
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

int cmd_settle(int argc, char **argv, struct kh_ctx *ctx)
{
	struct settle_args a = { NULL, NULL, "non-policy", NULL, "text", NULL, 0 };
	int done;
	int rc = parse_args(argc, argv, ctx, &a, &done);
	if (rc || done)
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
	if ((rc = kh_open_store(ctx, 0)))
		return rc;
	xmlDocPtr doc;
	xmlNodePtr fees;
	struct kh_err err = { 0 };
	rc = kh_money_statement(ctx->store, a.contract, &period, as_of, &opts, &doc, &fees,
	                        &err);
	kh_close_store(ctx);
	if (rc)
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
