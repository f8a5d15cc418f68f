/* cmd-ledger.c: `kaohe ledger` — the payment ledger of a contract as of a
 * day, as a table, XML or HTML (kh_ledger_run; the arithmetic is in
 * src/domain/fees/ledger.c). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "ledger.h"
#include "msg.h"
#include "options.h"
#include "payments.h"
#include "render.h"

static const struct kh_opt ledger_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号", "the contract" },
	{ "as-of", 0, "D", 0, "截至日，默认今天", "the day; default today" },
	{ "format", 0, "text|xml|html", 0, "text（默认）、xml 或 html（templates/ledger.xsl）",
	  "text (default), xml or html (templates/ledger.xsl)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec ledger_spec = {
	.name = "ledger", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"付款台账：按季度（按人计费）或付款节点（固定总价）列出 应付服务费 −\n"
	"已确认扣减 − 已确认违约金 − 已付（资金收支记录 service-fee）= 现应付；\n"
	"待确认的扣减和违约金不计入，另行列出。基金类合同列出等级及其对应的\n"
	"盈利返还（000 第三十一条）和考核保证金（001 第二十二条）。会为截至日\n"
	"所在年度保存一条评分记录。",
	.about_en =
	"The payment ledger: per quarter (service fee) or milestone (fixed fee),\n"
	"fee due − confirmed deductions − confirmed damages − paid to date\n"
	"(finance records of kind service-fee) = payable now; proposed lines are\n"
	"not counted and are shown apart.  For a fund contract: the grade and\n"
	"what it returns of profit (000 第三十一条) and deposit (001 第二十二条).\n"
	"Stores a scoring run of the year holding the day.",
	.opts = ledger_opts,
	.notes_zh = "详见 man kaohe-ledger。",
	.notes_en = "See man kaohe-ledger.",
};

static int run_ledger(const struct kh_args *args, struct kh_ctx *ctx)
{
	const char *format = kh_arg(args, "format") ? kh_arg(args, "format") : "text";
	if (strcmp(format, "text") && strcmp(format, "xml") && strcmp(format, "html"))
		return kh_usage("ledger", "%s: '%s'", kh_tr("格式无效", "invalid format"), format);
	kh_day as_of = KH_DAY_NONE;
	const char *d = kh_arg(args, "as-of");
	if (d && kh_day_parse(d, &as_of) != 0)
		return kh_usage("ledger", "%s: '%s'", kh_tr("日期无效", "invalid date"), d);
	xmlDocPtr doc;
	struct kh_err err = { 0 };
	if (kh_ledger_run(ctx->store, kh_arg(args, "contract"), as_of, &doc, &err))
		return kh_err_exit_code(&err);
	int rc = 0;
	if (strcmp(format, "xml") == 0)
		rc = kh_out_write_xml(doc, "-");
	else if (strcmp(format, "html") == 0)
		rc = kh_render_xslt(doc, "templates/ledger.xsl", "-");
	else
		kh_ledger_print(doc, stdout);
	xmlFreeDoc(doc);
	return rc;
}

const struct kh_command_def cmd_ledger_def = {
	&ledger_spec, run_ledger, KH_CMD_STORE | KH_CMD_WRITES };
