/* cmd-monthly.c: `kaohe monthly --contract ID --month YYYY-MM -o FILE` —
 * options, then monthly.c builds the report; the XML is validated against
 * data/schema/monthly.rng, written atomically, and its HTML view rendered
 * beside it through templates/monthly.xsl.  No figures are computed here. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <libxml/tree.h>

#include "cmdutil.h"
#include "dates.h"
#include "monthly.h"
#include "msg.h"
#include "outfile.h"
#include "render.h"
#include "sql.h"
#include "xmlsafe.h"

static const char help_zh[] =
	"用法: kaohe monthly --contract ID --month YYYY-MM -o FILE [--as-of D]\n"
	"\n"
	"按已导入的记录生成承办机构月报表（河南大病保险合同第二十五条：次月5日前报送）：\n"
	"资金收支、现场巡查、病历审核、违规费用扣除、结算时效、月末人员配置、投诉。\n"
	"某部分当月没有记录时标明 status=\"no-data\"，不以 0 充数。\n"
	"\n"
	"  --contract ID   合同编号\n"
	"  --month M       月份，如 2024-03\n"
	"  -o, --output F  输出 XML 文件（urn:kaohe:monthly:1）；HTML 视图写在旁边\n"
	"                  （F 的 .xml 换成 .html，否则 F.html）\n"
	"  --as-of D       判断未付结算与时限的日期（默认当月最后一天）\n"
	"  --no-html       只写 XML\n"
	"  --db FILE       数据库；--lang zh|en 输出语言；--help 本帮助\n"
	"\n"
	"生成后可用 kaohe submit F --url URL 报送。详见 man kaohe-monthly。\n";
static const char help_en[] =
	"usage: kaohe monthly --contract ID --month YYYY-MM -o FILE [--as-of D]\n"
	"\n"
	"Build the insurer's monthly report (Henan critical-illness contract,\n"
	"article 25: due by the 5th of the next month) from the imported records:\n"
	"funds, site inspections, case reviews, deducted non-compliant costs,\n"
	"settlement timeliness, staffing on the last day, complaints.  A section\n"
	"with no records in the month says status=\"no-data\" instead of zeros.\n"
	"\n"
	"  --contract ID   the contract\n"
	"  --month M       the month, e.g. 2024-03\n"
	"  -o, --output F  the XML file (urn:kaohe:monthly:1); the HTML view goes\n"
	"                  beside it (F with .html for .xml, else F.html)\n"
	"  --as-of D       the day unpaid claims and deadlines are judged on\n"
	"                  (default: the month's last day)\n"
	"  --no-html       write the XML only\n"
	"  --db FILE       database; --lang zh|en output language; --help this\n"
	"\n"
	"Send it with kaohe submit F --url URL.  See man kaohe-monthly.\n";

enum { OPT_CONTRACT = KH_OPT_FIRST_COMMAND_OPTION, OPT_MONTH, OPT_AS_OF,
       OPT_NO_HTML };

struct monthly_options {
	const char *contract, *month, *output, *as_of;
	int no_html;
};

static int parse_options(int argc, char **argv, struct kh_ctx *ctx,
                         struct monthly_options *o, int *done)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ "contract", required_argument, NULL, OPT_CONTRACT },
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "output", required_argument, NULL, 'o' },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "no-html", no_argument, NULL, OPT_NO_HTML },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	*done = 0;
	while ((opt = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
		int rc = kh_common_option(opt, optarg, ctx, "monthly", help_zh, help_en,
		                          done);
		if (*done)
			return rc;
		if (rc == 0)
			continue;
		switch (opt) {
		case OPT_CONTRACT: o->contract = optarg; break;
		case OPT_MONTH: o->month = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_AS_OF: o->as_of = optarg; break;
		case OPT_NO_HTML: o->no_html = 1; break;
		default:
			return kh_usage("monthly", "%s", kh_tr("选项无效", "invalid option"));
		}
	}
	if (optind < argc)
		return kh_usage("monthly", "%s: %s", kh_tr("多余的参数",
		                "unexpected argument"), argv[optind]);
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

int cmd_monthly(int argc, char **argv, struct kh_ctx *ctx)
{
	struct monthly_options o = { 0 };
	struct kh_monthly_request req = { 0 };
	char generated[KH_TIME_BUFSZ];
	int done, rc = parse_options(argc, argv, ctx, &o, &done);
	if (done || rc)
		return rc;
	if ((rc = parse_dates(&o, &req)))
		return rc;
	req.contract = o.contract;
	if ((rc = generated_time(generated)))
		return rc;
	req.generated = generated;
	if ((rc = kh_open_store(ctx, 0)))
		return rc;
	sqlite3 *db = kh_store_sqlite(ctx->store);   /* transitional: monthly.c */
	int known = kh_monthly_contract_known(db, o.contract);
	xmlDocPtr doc = NULL;
	if (known < 0) {
		rc = EX_SOFTWARE;
	} else if (known == 0) {
		kh_error("%s: %s", o.contract, kh_tr("未知合同：既未登记也没有任何记录",
		         "unknown contract: neither registered nor in any record"));
		rc = EX_DATAERR;
	} else if (!(doc = kh_monthly_build(db, &req))) {
		rc = EX_SOFTWARE;
	} else {
		rc = write_report(doc, &o);
	}
	xmlFreeDoc(doc);
	kh_close_store(ctx);
	return rc;
}
