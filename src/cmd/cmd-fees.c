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
#include "options.h"
#include "statement.h"

static const struct kh_opt fees_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号", "the contract" },
	{ "period", 0, "P", KH_OPT_REQUIRED, "考核期：2024、2024H1、2024Q3 或 2024-03",
	  "2024, 2024H1, 2024Q3 or 2024-03" },
	{ "as-of", 0, "D", 0, "判定日，默认考核期最后一天",
	  "the day facts are judged on; default the period's end" },
	{ "format", 0, "text|xml", 0, "text（默认，表格）或 xml（评分表命名空间的 <fees>）",
	  "text (default, a table) or xml (<fees> in the\nscorecard namespace)" },
	{ "breach", 0, "N", 0, "另行认定的违约项数（记录无法反映的违约）",
	  "breaches declared besides those the records show" },
	{ "terminated", 0, "insurer|purchaser", KH_OPT_OPTIONAL_ARG,
	  "协议被终止：insurer（默认）乙方无故终止，purchaser 甲方无故\n"
	  "终止（门头沟 10% 违约金，由终止方支付；基金合同 5%）",
	  "the agreement was terminated: by the insurer without\n"
	  "cause (the default) or by the purchaser without cause\n"
	  "(Mentougou: 10% damages paid by the party that did)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec fees_spec = {
	.name = "fees", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"按合同的资金条款给出考核期的结算单：每一项服务费、扣除和违约金一行，\n"
	"注明所依据的条款和导致它的指标结果或记录；各资金模式用各自的标题（基金类\n"
	"合同是年度清算单，不是服务费结算单，见 kaohe settle）。会为该期评分并\n"
	"保存一条评分记录（与 kaohe score 相同），记录中的 <fees> 与打印的结算单\n"
	"完全一致，包括 --breach、--terminated 申报的事项。",
	.about_en =
	"The statement of a period under the contract's money terms: one line\n"
	"per fee part, deduction and damages, each citing its clause and the\n"
	"indicator result or records behind it, under its money model's own\n"
	"headings (a fund contract gets its settlement, see kaohe settle, not a\n"
	"fee statement).  Stores a scoring run of\n"
	"the period (as kaohe score does) whose <fees> is exactly the statement\n"
	"printed, --breach and --terminated included.",
	.opts = fees_opts,
	.notes_zh =
	"金额均以分为单位精确计算，每行四舍五入到分一次。基金类合同的年度清算\n"
	"见 kaohe settle。详见 man kaohe-fees。",
	.notes_en =
	"Amounts are exact integer fen, rounded half-up once per line.  The\n"
	"year-end settlement of a fund contract is kaohe settle.  See man\n"
	"kaohe-fees.",
};

struct fees_args {
	const char *contract, *format;
	struct kh_period period;
	kh_day as_of;
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

static int parse_args(const struct kh_args *args, struct fees_args *a)
{
	a->contract = kh_arg(args, "contract");
	a->format = kh_arg(args, "format") ? kh_arg(args, "format") : "text";
	const char *breach = kh_arg(args, "breach");
	if (breach && parse_count(breach, &a->opts.breaches))
		return kh_usage("fees", "%s: '%s'", kh_tr("违约项数无效", "invalid breach count"),
		                breach);
	const char *party = kh_arg(args, "terminated");
	if (party) {
		if (!*party || strcmp(party, "insurer") == 0)
			a->opts.terminated = KH_TERMINATED_BY_INSURER;
		else if (strcmp(party, "purchaser") == 0)
			a->opts.terminated = KH_TERMINATED_BY_PURCHASER;
		else
			return kh_usage("fees", "%s: '%s'", kh_tr("终止方无效（insurer 或 purchaser）",
			                                          "invalid party (insurer or purchaser)"),
			                party);
	}
	if (strcmp(a->format, "text") && strcmp(a->format, "xml"))
		return kh_usage("fees", "%s: '%s'", kh_tr("格式无效", "invalid format"), a->format);
	return kh_parse_period_as_of("fees", kh_arg(args, "period"), kh_arg(args, "as-of"),
	                             &a->period, &a->as_of);
}

static int run_fees(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct fees_args a = { 0 };
	int rc = parse_args(args, &a);
	if (rc)
		return rc;
	xmlDocPtr doc;
	xmlNodePtr fees;
	struct kh_err err = { 0 };
	if (kh_money_statement(ctx->store, a.contract, &a.period, a.as_of, &a.opts, &doc,
	                       &fees, &err))
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

/* Stores a scoring run whose <fees> is the statement printed. */
const struct kh_command_def cmd_fees_def = {
	&fees_spec, run_fees, KH_CMD_STORE | KH_CMD_WRITES };
