/* cmd-report.c: `kaohe report` — score a period afresh (kh_score_run) or
 * read a saved scorecard XML (--from, validated against scorecard.rng), and
 * write it as XML, HTML, XLSX or the panel's 考核评分表 (scoresheet).  Option handling only: scoring lives in
 * score.c, rendering in render-*.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <libxml/tree.h>

#include "cmdutil.h"
#include "dates.h"
#include "msg.h"
#include "options.h"
#include "outfile.h"
#include "render.h"
#include "score.h"
#include "xmlsafe.h"

static const struct kh_opt report_opts[] = {
	{ "contract", 0, "ID", 0, "合同编号", "the contract" },
	{ "period", 0, "P", 0, "考核期：2024、2024H1、2024Q3 或 2024-03",
	  "2024, 2024H1, 2024Q3 or 2024-03" },
	{ "as-of", 0, "D", 0, "判定日（YYYY-MM-DD），默认考核期最后一天",
	  "the day facts are judged on (YYYY-MM-DD);\ndefault the period's last day" },
	{ "contract-version", 0, "N", 0, "合同版本，默认最新",
	  "a stored version; default the newest" },
	{ "from", 0, "FILE", 0, "读取已保存的评分 XML", "a saved scorecard XML" },
	{ "format", 0, "html|xml|xlsx|scoresheet|notice", 0,
	  "xml（规范结果）、html（单文件网页，含图表）、\n"
	  "xlsx（Excel 工作簿）、scoresheet（考核评分表，\n"
	  "-o 为 .html/.htm/- 时为网页，.xlsx 时为工作簿）、\n"
	  "notice（考核结果通知书，A4 网页）；\n"
	  "省略时按 -o 的扩展名判断",
	  "xml (canonical), html (one self-contained page\n"
	  "with charts), xlsx (Excel workbook), scoresheet\n"
	  "(the panel's score sheet: HTML when -o ends in\n"
	  ".html or .htm or is -, XLSX when it ends in .xlsx)\n"
	  "or notice (the result notice, an A4 page);\n"
	  "default from the extension of -o" },
	{ "blank", 0, NULL, 0,
	  "（scoresheet）空白评分表：系统计算的项目照填，\n人工评分项目的扣分、得分、原因留空待填",
	  "(scoresheet) a blank sheet: computed items filled\nin, manual items' deduction, score and reason\nleft empty for the panel to fill in by hand" },
	{ "output", 'o', "PATH", 0, "输出文件；- 表示标准输出（见 man kaohe-report）",
	  "the output file; - for stdout (see man kaohe-report)" },
	{ "template", 0, "FILE", 0, "自定义 XSLT 模板（仅 html），默认 templates/scorecard.xsl",
	  "your own XSLT stylesheet (html only); default\ntemplates/scorecard.xsl" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec report_spec = {
	.name = "report", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"       kaohe report --from SCORECARD.xml --format html|xml|xlsx -o PATH\n"
	"       kaohe report ... --format scoresheet [--blank] -o FILE.html|FILE.xlsx\n"
	"\n"
	"生成考核报告。第一种形式（--contract、--period）按合同重新评分（并保存\n"
	"评分记录）；第二种形式读取已保存的评分 XML（先按\n"
	"data/schema/scorecard.rng 校验），不需要数据库。-o 必须给出。\n"
	"--format scoresheet 输出考核小组使用的考核评分表（A4 打印）：序号、考核项目、\n"
	"考核内容、分值、评分标准、扣分、得分、扣分原因/依据，分类小计、合计和等级，\n"
	"每位评分人的签字、日期栏和承办机构确认栏。",
	.about_en =
	"       kaohe report --from SCORECARD.xml --format html|xml|xlsx -o PATH\n"
	"       kaohe report ... --format scoresheet [--blank] -o FILE.html|FILE.xlsx\n"
	"\n"
	"Write the scorecard.  The first form (--contract, --period) scores the\n"
	"period afresh (and stores the run); the second renders a saved\n"
	"scorecard XML (validated against data/schema/scorecard.rng first)\n"
	"without a database.  -o is required.  --format scoresheet writes the\n"
	"assessment panel's score sheet (考核评分表, printed on A4): number, item,\n"
	"what is assessed, points, scoring rule, deducted, awarded, reason and\n"
	"basis; category subtotals, the total and grade, a line for each panel\n"
	"member to sign and date, and the insurer's confirmation.",
	.opts = report_opts,
	.notes_zh =
	"图表由 gnuplot 绘制：$KAOHE_GNUPLOT（设置时只用它），否则 PATH 中的\n"
	"gnuplot，否则编译时找到的路径。找不到或运行失败时报告照常生成，注明缺少\n"
	"哪些图表，退出码为 0。\n"
	"\n"
	"退出码：0 成功；64 用法错误；65 数据或模板有误；66 找不到输入；\n"
	"73 无法创建输出；74 写入错误。",
	.notes_en =
	"Charts are drawn by gnuplot: $KAOHE_GNUPLOT when set (only that), else\n"
	"gnuplot on PATH, else the path found at build time.  Without it the\n"
	"report still renders, names the missing charts and exits 0.\n"
	"\n"
	"Exit status: 0 done; 64 usage; 65 bad data or template; 66 input not\n"
	"found; 73 cannot create the output; 74 write error.",
};

enum report_format { FORMAT_NONE, FORMAT_XML, FORMAT_HTML, FORMAT_XLSX,
                     FORMAT_SCORESHEET,
                     FORMAT_NOTICE /* 考核结果通知书, render-notice.c */ };

struct report_options {
	const char *contract, *period, *as_of, *from, *output, *template;
	int contract_version, blank;
	int sheet_xlsx;   /* scoresheet: XLSX rather than HTML */
	enum report_format format;
};

static enum report_format format_named(const char *name)
{
	if (strcmp(name, "xml") == 0)
		return FORMAT_XML;
	if (strcmp(name, "html") == 0)
		return FORMAT_HTML;
	if (strcmp(name, "xlsx") == 0)
		return FORMAT_XLSX;
	if (strcmp(name, "scoresheet") == 0)
		return FORMAT_SCORESHEET;
	if (strcmp(name, "notice") == 0)
		return FORMAT_NOTICE;
	return FORMAT_NONE;
}

static enum report_format format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return FORMAT_NONE;
	if (strcmp(dot, ".htm") == 0)
		return FORMAT_HTML;
	return format_named(dot + 1);
}

/* The options' values; 0 or EX_USAGE. */
static int parse_options(const struct kh_args *args, struct report_options *o)
{
	o->contract = kh_arg(args, "contract");
	o->period = kh_arg(args, "period");
	o->as_of = kh_arg(args, "as-of");
	o->from = kh_arg(args, "from");
	o->output = kh_arg(args, "output");
	o->template = kh_arg(args, "template");
	o->blank = kh_arg_given(args, "blank");
	const char *version = kh_arg(args, "contract-version");
	if (version) {
		char *end;
		long v = strtol(version, &end, 10);
		if (*end || v < 1 || v > 1000000)
			return kh_usage("report", "%s: '%s'",
			                kh_tr("合同版本无效", "invalid contract version"), version);
		o->contract_version = (int)v;
	}
	const char *format = kh_arg(args, "format");
	if (format) {
		o->format = format_named(format);
		if (o->format == FORMAT_NONE)
			return kh_usage("report", "%s: '%s'",
			                kh_tr("未知格式", "unknown format"), format);
	}
	return 0;
}

/* Cross-option checks; 0 or EX_USAGE. */
static int check_options(struct report_options *o)
{
	if (!o->output)
		return kh_usage("report", "%s", kh_tr("缺少 -o PATH", "-o PATH is required"));
	if (o->format == FORMAT_NONE)
		o->format = format_of_path(o->output);
	if (o->format == FORMAT_NONE)
		return kh_usage("report", "%s", kh_tr("缺少 --format html|xml|xlsx",
		                                      "--format html|xml|xlsx is required"));
	if (o->template && o->format != FORMAT_HTML)
		return kh_usage("report", "%s", kh_tr("--template 只用于 html",
		                                      "--template is for html only"));
	if (o->blank && o->format != FORMAT_SCORESHEET)
		return kh_usage("report", "%s", kh_tr("--blank 只用于 --format scoresheet",
		                                      "--blank is for --format scoresheet only"));
	if (o->format == FORMAT_SCORESHEET) {
		enum report_format by_path = format_of_path(o->output);
		if (by_path == FORMAT_XLSX)
			o->sheet_xlsx = 1;
		else if (by_path != FORMAT_HTML && strcmp(o->output, "-") != 0)
			return kh_usage("report", "%s", kh_tr("--format scoresheet 需要 -o 为 .html、.htm、.xlsx 文件或 -",
			                                      "--format scoresheet needs -o ending in .html, .htm or .xlsx, or -"));
	}
	if (o->from && (o->contract || o->period || o->as_of || o->contract_version))
		return kh_usage("report", "%s", kh_tr("--from 不能与 --contract/--period/--as-of 同用",
		                                      "--from excludes --contract, --period and --as-of"));
	if (!o->from && (!o->contract || !o->period))
		return kh_usage("report", "%s", kh_tr("需要 --contract 和 --period，或 --from",
		                                      "--contract and --period, or --from, are required"));
	return 0;
}

static int read_saved(const char *path, xmlDocPtr *doc)
{
	int missing = 0;
	*doc = kh_xml_read_file(path, NULL, &missing);
	if (!*doc)
		return missing ? EX_NOINPUT : EX_DATAERR;
	if (kh_xml_validate(*doc, "data/schema/scorecard.rng", path) != 0) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return EX_DATAERR;
	}
	return 0;
}

static int score_afresh(struct kh_ctx *ctx, const struct report_options *o,
                        xmlDocPtr *doc)
{
	struct kh_score_request req = { .contract_id = o->contract,
	                                .contract_version = o->contract_version };
	int rc = kh_parse_period_as_of("report", o->period, o->as_of, &req.period,
	                               &req.as_of);
	if (rc)
		return rc;
	rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	long run_id = 0;
	struct kh_err err = { 0 };
	rc = kh_score_run(ctx->store, &req, doc, &run_id, &err) ? kh_err_exit_code(&err) : 0;
	kh_close_store(ctx);
	return rc;
}

/* The XML in UTF-8 whatever the document's own encoding says. */
static int run_report(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct report_options o = { 0 };
	int rc = parse_options(args, &o);
	if (rc)
		return rc;
	if ((rc = check_options(&o)) != 0)
		return rc;
	xmlDocPtr doc = NULL;
	rc = o.from ? read_saved(o.from, &doc) : score_afresh(ctx, &o, &doc);
	if (rc)
		return rc;
	switch (o.format) {
	case FORMAT_HTML:
		rc = kh_render_scorecard_html(doc, o.template, o.output);
		break;
	case FORMAT_XLSX:
		rc = kh_render_scorecard_xlsx(doc, o.output);
		break;
	case FORMAT_SCORESHEET:
		rc = kh_render_scoresheet(doc, o.sheet_xlsx, o.blank, o.output);
		break;
	case FORMAT_NOTICE:
		rc = kh_render_notice(doc, NULL, o.output);
		break;
	default:
		rc = kh_out_write_xml(doc, o.output);
		break;
	}
	xmlFreeDoc(doc);
	if (rc == 0 && !kh_outfile_is_stdout(o.output)) {
		printf("%s: %s\n", kh_tr("已写入", "written"), o.output);
		rc = kh_stdout_flush();
	}
	return rc;
}

/* Opens the store itself (kh_open_store) only when scoring afresh: --from
 * needs no database.  Scoring afresh stores a run. */
const struct kh_command_def cmd_report_def = { &report_spec, run_report, KH_CMD_WRITES };
