/* cmd-monthly.c: `kaohe monthly --contract ID --month YYYY-MM -o FILE` —
 * options, then monthly.c loads the records and builds the report; the XML
 * is validated against data/schema/monthly.rng, written atomically, and its
 * HTML view rendered beside it through templates/monthly.xsl.  No figures
 * are computed here. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <libxml/tree.h>

#include "cmdutil.h"
#include "dates.h"
#include "monthly.h"
#include "msg.h"
#include "options.h"
#include "outfile.h"
#include "render.h"
#include "xmlsafe.h"

/* --contract, --month and -o are checked in run_monthly (not
 * KH_OPT_REQUIRED) to keep their own messages ("missing -o FILE"). */
static const struct kh_opt monthly_opts[] = {
	{ "contract", 0, "ID", 0, "合同编号", "the contract" },
	{ "month", 0, "YYYY-MM", 0, "月份，如 2024-03", "the month, e.g. 2024-03" },
	{ "output", 'o', "FILE", 0,
	  "输出 XML 文件（urn:kaohe:monthly:1）；HTML 视图写在旁边\n"
	  "（FILE 的 .xml 换成 .html，否则 FILE.html）；- 表示标准输出（只写 XML）",
	  "the XML file (urn:kaohe:monthly:1); the HTML view goes\n"
	  "beside it (FILE with .html for .xml, else FILE.html);\n- writes the XML alone to stdout" },
	{ "as-of", 0, "D", 0, "判断未付结算与时限的日期（默认当月最后一天）",
	  "the day unpaid claims and deadlines are judged on\n(default: the month's last day)" },
	{ "no-html", 0, NULL, 0, "只写 XML", "write the XML only" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec monthly_spec = {
	.name = "monthly", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"按已导入的记录生成承办机构月报表（河南大病保险合同第二十五条：次月5日前报送）：\n"
	"资金收支、现场巡查、病历审核、违规费用扣除、结算时效、月末人员配置、投诉。\n"
	"某部分当月没有记录时标明 status=\"no-data\"，不以 0 充数。\n"
	"--contract、--month 与 -o 必须给出。",
	.about_en =
	"Build the insurer's monthly report (Henan critical-illness contract,\n"
	"article 25: due by the 5th of the next month) from the imported records:\n"
	"funds, site inspections, case reviews, deducted non-compliant costs,\n"
	"settlement timeliness, staffing on the last day, complaints.  A section\n"
	"with no records in the month says status=\"no-data\" instead of zeros.\n"
	"--contract, --month and -o are required.",
	.opts = monthly_opts,
	.notes_zh = "生成后可用 kaohe submit F --url URL 报送。详见 man kaohe-monthly。",
	.notes_en = "Send it with kaohe submit F --url URL.  See man kaohe-monthly.",
};

struct monthly_options {
	const char *contract, *month, *output, *as_of;
	int no_html;
};

static int parse_options(const struct kh_args *args, struct monthly_options *o)
{
	o->contract = kh_arg(args, "contract");
	o->month = kh_arg(args, "month");
	o->output = kh_arg(args, "output");
	o->as_of = kh_arg(args, "as-of");
	o->no_html = kh_arg_given(args, "no-html");
	if (!o->contract || !*o->contract)
		return kh_usage("monthly", "%s", kh_tr("缺少 --contract", "missing --contract"));
	if (!o->month)
		return kh_usage("monthly", "%s", kh_tr("缺少 --month", "missing --month"));
	if (!o->output || !*o->output)
		return kh_usage("monthly", "%s", kh_tr("缺少 -o FILE", "missing -o FILE"));
	return 0;
}

static int parse_dates(const struct monthly_options *o,
                       struct kh_monthly_request *req)
{
	int rc = kh_parse_period_as_of("monthly", o->month, o->as_of, &req->month,
	                               &req->as_of);
	if (rc)
		return rc;
	if (req->month.kind != KH_PERIOD_MONTH)
		return kh_usage("monthly", "--month: %s '%s'", kh_tr(
		        "应为 YYYY-MM 形式的月份", "must be a month, YYYY-MM"), o->month);
	if (req->as_of < req->month.first)
		return kh_usage("monthly", "--as-of: %s", kh_tr("早于该月第一天",
		                "before the month's first day"));
	return 0;
}

/* The generated time: now, or $KAOHE_NOW for reproducible output. */
static int generated_time(char buf[KH_TIME_BUFSZ])
{
	kh_time now;
	if (kh_time_now(&now) != 0) {
		kh_error("KAOHE_NOW: %s '%s'", kh_tr("不是有效的日期时间",
		         "not a valid datetime"), getenv("KAOHE_NOW"));
		return EX_USAGE;
	}
	kh_time_format(now, buf);
	return 0;
}

/* FILE.xml -> FILE.html; anything else -> FILE.html appended. */
static char *html_path_for(const char *xml_path)
{
	size_t len = strlen(xml_path);
	if (len > 4 && strcmp(xml_path + len - 4, ".xml") == 0)
		return kh_xasprintf("%.*s.html", (int)(len - 4), xml_path);
	return kh_xasprintf("%s.html", xml_path);
}

static int write_report(xmlDocPtr doc, const struct monthly_options *o)
{
	if (kh_xml_validate(doc, "data/schema/monthly.rng", o->output) != 0) {
		kh_error("%s", kh_tr("生成的月报表不符合 monthly.rng（程序错误）",
		         "the report does not match monthly.rng (a bug)"));
		return EX_SOFTWARE;
	}
	int rc = kh_out_write_xml(doc, o->output);
	if (rc)
		return rc;
	/* To standard output the XML goes alone: no lines after it, and no
	 * HTML view (there is no FILE.html to name). */
	if (kh_outfile_is_stdout(o->output))
		return 0;
	printf("%s: %s\n", kh_tr("月报表", "monthly report"), o->output);
	if (o->no_html)
		return 0;
	char *html = html_path_for(o->output);
	rc = kh_render_xslt(doc, "templates/monthly.xsl", html);
	if (rc == 0)
		printf("%s: %s\n", kh_tr("网页视图", "HTML view"), html);
	free(html);
	return rc;
}

static int run_monthly(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct monthly_options o = { 0 };
	struct kh_monthly_request req = { 0 };
	char generated[KH_TIME_BUFSZ];
	int rc = parse_options(args, &o);
	if (rc)
		return rc;
	if ((rc = parse_dates(&o, &req)))
		return rc;
	req.contract = o.contract;
	if ((rc = generated_time(generated)))
		return rc;
	req.generated = generated;
	struct kh_err err = { 0 };
	xmlDocPtr doc = NULL;
	if (kh_monthly_report(ctx->store, &req, &doc, &err) != 0)
		rc = kh_err_exit_code(&err);
	else
		rc = write_report(doc, &o);
	xmlFreeDoc(doc);
	return rc;
}

/* Reads the store; writes only the report files. */
const struct kh_command_def cmd_monthly_def = { &monthly_spec, run_monthly, KH_CMD_STORE };
