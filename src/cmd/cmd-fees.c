/* cmd-fees.c: `kaohe fees` — parse the options, get the money statement of
 * a period (kh_money_statement: a stored scoring run whose <fees> is what
 * is printed) and print it as a table (under its model's headings,
 * fees-print.c) or as XML.  No money arithmetic here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "statement.h"

static const char help_zh[] =
	"用法: kaohe [--db FILE] fees --contract ID --period P [--as-of D]\n"
	"                            [--format text|xml] [--breach N]\n"
	"                            [--terminated[=insurer|purchaser]]\n"
	"\n"
	"按合同的资金条款给出考核期的结算单：每一项服务费、扣除和违约金一行，\n"
	"注明所依据的条款和导致它的指标结果或记录；各资金模式用各自的标题（基金类\n"
	"合同是年度清算单，不是服务费结算单，见 kaohe settle）。会为该期评分并\n"
	"保存一条评分记录（与 kaohe score 相同），记录中的 <fees> 与打印的结算单\n"
	"完全一致，包括 --breach、--terminated 申报的事项。\n"
	"\n"
	"  --contract ID      合同编号\n"
	"  --period P         考核期：2024、2024H1、2024Q3 或 2024-03\n"
	"  --as-of D          判定日，默认考核期最后一天\n"
	"  --format F         text（默认，表格）或 xml（评分表命名空间的 <fees>）\n"
	"  --breach N         另行认定的违约项数（记录无法反映的违约）\n"
	"  --terminated[=insurer|purchaser]\n"
	"                     协议被终止：insurer（默认）乙方无故终止，purchaser 甲方无故\n"
	"                     终止（门头沟 10% 违约金，由终止方支付；基金合同 5%）\n"
	"  --lang zh|en       输出语言\n"
	"  --db FILE          数据库，否则 $KAOHE_DB，否则 ./kaohe.db\n"
	"\n"
	"金额均以分为单位精确计算，每行四舍五入到分一次。基金类合同的年度清算\n"
	"见 kaohe settle。详见 man kaohe-fees。\n";
static const char help_en[] =
	"usage: kaohe [--db FILE] fees --contract ID --period P [--as-of D]\n"
	"                            [--format text|xml] [--breach N]\n"
	"                            [--terminated[=insurer|purchaser]]\n"
	"\n"
	"The statement of a period under the contract's money terms: one line\n"
	"per fee part, deduction and damages, each citing its clause and the\n"
	"indicator result or records behind it, under its money model's own\n"
	"headings (a fund contract gets its settlement, see kaohe settle, not a\n"
	"fee statement).  Stores a scoring run of\n"
	"the period (as kaohe score does) whose <fees> is exactly the statement\n"
	"printed, --breach and --terminated included.\n"
	"\n"
	"  --contract ID      the contract\n"
	"  --period P         2024, 2024H1, 2024Q3 or 2024-03\n"
	"  --as-of D          the day facts are judged on; default the period's end\n"
	"  --format F         text (default, a table) or xml (<fees> in the\n"
	"                     scorecard namespace)\n"
	"  --breach N         breaches declared besides those the records show\n"
	"  --terminated[=insurer|purchaser]\n"
	"                     the agreement was terminated: by the insurer without\n"
	"                     cause (the default) or by the purchaser without cause\n"
	"                     (Mentougou: 10% damages paid by the party that did)\n"
	"  --lang zh|en       output language\n"
	"  --db FILE          database, else $KAOHE_DB, else ./kaohe.db\n"
	"\n"
	"Amounts are exact integer fen, rounded half-up once per line.  The\n"
	"year-end settlement of a fund contract is kaohe settle.  See man\n"
	"kaohe-fees.\n";

enum { OPT_CONTRACT = KH_OPT_FIRST_COMMAND_OPTION, OPT_PERIOD, OPT_AS_OF,
       OPT_FORMAT, OPT_BREACH, OPT_TERMINATED };

struct fees_args {
	const char *contract, *period, *as_of, *format;
	struct kh_money_opts opts;
};

static int parse_count(const char *text, long *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (*end || end == text || v < 0 || v > 1000)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct kh_ctx *ctx,
                      struct fees_args *a, int *done)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ "contract", required_argument, NULL, OPT_CONTRACT },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "breach", required_argument, NULL, OPT_BREACH },
		{ "terminated", optional_argument, NULL, OPT_TERMINATED },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	*done = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int rc = kh_common_option(opt, optarg, ctx, "fees", help_zh, help_en, done);
		if (*done)
			return rc;
		if (opt == OPT_CONTRACT)
			a->contract = optarg;
		else if (opt == OPT_PERIOD)
			a->period = optarg;
		else if (opt == OPT_AS_OF)
			a->as_of = optarg;
		else if (opt == OPT_FORMAT)
			a->format = optarg;
		else if (opt == OPT_BREACH) {
			if (parse_count(optarg, &a->opts.breaches))
				return kh_usage("fees", "%s: '%s'", kh_tr("违约项数无效", "invalid breach count"),
				                optarg);
		} else if (opt == OPT_TERMINATED) {
			if (!optarg || strcmp(optarg, "insurer") == 0)
				a->opts.terminated = KH_TERMINATED_BY_INSURER;
			else if (strcmp(optarg, "purchaser") == 0)
				a->opts.terminated = KH_TERMINATED_BY_PURCHASER;
			else
				return kh_usage("fees", "%s: '%s'", kh_tr("终止方无效（insurer 或 purchaser）",
				                                          "invalid party (insurer or purchaser)"),
				                optarg);
		}
		else if (rc < 0)
			return kh_usage("fees", "%s", kh_tr("选项无效", "invalid option"));
	}
	if (optind < argc)
		return kh_usage("fees", "%s: %s", kh_tr("多余的参数", "unexpected argument"),
		                argv[optind]);
	if (!a->contract)
		return kh_usage("fees", "%s", kh_tr("缺少 --contract", "--contract is required"));
	if (!a->period)
		return kh_usage("fees", "%s", kh_tr("缺少 --period", "--period is required"));
	if (strcmp(a->format, "text") && strcmp(a->format, "xml"))
		return kh_usage("fees", "%s: '%s'", kh_tr("格式无效", "invalid format"), a->format);
	return 0;
}

int cmd_fees(int argc, char **argv, struct kh_ctx *ctx)
{
	struct fees_args a = { NULL, NULL, NULL, "text", { 0, 0, 0, 0 } };
	int done;
	int rc = parse_args(argc, argv, ctx, &a, &done);
	if (rc || done)
		return rc;
	struct kh_period period;
	kh_day as_of;
	if ((rc = kh_parse_period_as_of("fees", a.period, a.as_of, &period, &as_of)))
		return rc;
	if ((rc = kh_open_store(ctx, 0)))
		return rc;
	xmlDocPtr doc;
	xmlNodePtr fees;
	struct kh_err err = { 0 };
	rc = kh_money_statement(ctx->store, a.contract, &period, as_of, &a.opts, &doc, &fees,
	                        &err);
	kh_close_store(ctx);
	if (rc)
		return kh_err_exit_code(&err);
	if (!fees) {
		kh_error("%s: %s", a.contract, kh_tr("合同没有资金条款 (<money>)",
		                                     "the contract has no money terms (<money>)"));
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
