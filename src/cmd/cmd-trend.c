/* cmd-trend.c: `kaohe trend` — one contract across consecutive periods,
 * scored afresh (--contract, --from, --to) or read from saved scorecard
 * files, written as XML, HTML or XLSX.  Option handling only: the trend is
 * trend.c's, the views render-trend.c's. */
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
#include "render-trend.h"
#include "trend.h"

static const struct kh_opt trend_opts[] = {
	{ "contract", 0, "ID", 0, "合同编号", "the contract" },
	{ "from", 0, "P", 0, "第一个考核期：2023、2024H1、2024Q1 或 2024-01",
	  "the first period: 2023, 2024H1, 2024Q1 or 2024-01" },
	{ "to", 0, "P", 0, "最后一个考核期（与 --from 同类）",
	  "the last period (of the same kind as --from)" },
	{ "format", 0, "html|xml|xlsx", 0,
	  "xml（规范结果）、html（单文件网页，含图表）、\nxlsx；省略时按 -o 的扩展名判断",
	  "xml (canonical), html (one page with charts)\nor xlsx; default from the extension of -o" },
	{ "output", 'o', "PATH", 0, "输出文件；- 表示标准输出", "the output file; - for stdout" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec trend_spec = {
	.name = "trend", .operands = "[SCORECARD.xml...]", .min_operands = 0, .max_operands = -1,
	.about_zh =
	"       kaohe trend -o PATH SCORECARD.xml...\n"
	"\n"
	"一个合同跨连续考核期的趋势：每个指标各期的结果、实际值和得分，与上一期\n"
	"相比的变化；连续两期或以上得分下降、结果在达标与未达标之间翻转时给出提示；\n"
	"每个指标类别一张图。第一种形式逐期重新评分（每期保存评分记录，同\n"
	"kaohe score）；第二种形式读取已保存的评分 XML（同一合同、同类且连续的\n"
	"考核期），不需要数据库。-o 必须给出。",
	.about_en =
	"       kaohe trend -o PATH SCORECARD.xml...\n"
	"\n"
	"One contract across consecutive periods: every indicator's status, value\n"
	"and points period by period with the change from the period before; a\n"
	"flag for two or more declines in a row and for a status that flipped\n"
	"between pass and fail; a chart per indicator family.  The first form\n"
	"scores each period afresh (and stores each run, as kaohe score does);\n"
	"the second reads saved scorecard XML files (one contract, consecutive\n"
	"periods of one kind) without a database.  -o is required.",
	.opts = trend_opts,
	.notes_zh =
	"下降：某期指标得分占其分值的比例低于上一期；两期都有判定结果（达标或未\n"
	"达标）才计算变化。持平、上升或任一期不适用/待评都中断连续下降。\n"
	"详见 man kaohe-trend。\n"
	"\n"
	"退出码：0 成功；64 用法错误；65 数据有误；66 找不到输入；73 无法创建输出；\n"
	"74 写入错误。",
	.notes_en =
	"A decline: the indicator's share of its points is below the period\n"
	"before; a change needs a judged status (pass or fail) in both periods.\n"
	"A flat period, a rise, or n/a / pending on either side ends a run.\n"
	"See man kaohe-trend.\n"
	"\n"
	"Exit status: 0 done; 64 usage; 65 bad data; 66 input not found; 73 cannot\n"
	"create the output; 74 write error.",
};

enum trend_format { FORMAT_NONE, FORMAT_XML, FORMAT_HTML, FORMAT_XLSX };

static enum trend_format format_named(const char *name)
{
	if (strcmp(name, "xml") == 0)
		return FORMAT_XML;
	if (strcmp(name, "html") == 0 || strcmp(name, "htm") == 0)
		return FORMAT_HTML;
	if (strcmp(name, "xlsx") == 0)
		return FORMAT_XLSX;
	return FORMAT_NONE;
}

static enum trend_format format_of(const char *format, const char *output)
{
	if (format)
		return format_named(format);
	const char *dot = strrchr(output, '.');
	if (!dot || strchr(dot, '/'))
		return FORMAT_NONE;
	return format_named(dot + 1);
}

static int write_view(xmlDocPtr doc, enum trend_format format, const char *output)
{
	switch (format) {
	case FORMAT_HTML:
		return kh_render_trend_html(doc, output);
	case FORMAT_XLSX:
		return kh_render_trend_xlsx(doc, output);
	default:
		return kh_out_write_xml(doc, output);
	}
}

static int run_trend(const struct kh_args *args, struct kh_ctx *ctx)
{
	const char *contract = kh_arg(args, "contract"), *from = kh_arg(args, "from");
	const char *to = kh_arg(args, "to"), *output = kh_arg(args, "output");
	const char *format_text = kh_arg(args, "format");
	if (!output)
		return kh_usage("trend", "%s", kh_tr("缺少 -o PATH", "-o PATH is required"));
	enum trend_format format = format_of(format_text, output);
	if (format == FORMAT_NONE)
		return kh_usage("trend", "%s", kh_tr("缺少 --format html|xml|xlsx",
		                                     "--format html|xml|xlsx is required"));
	int files = args->noperands > 0;
	if (files && (contract || from || to))
		return kh_usage("trend", "%s", kh_tr("评分 XML 文件不能与 --contract/--from/--to 同用",
		                                     "scorecard files exclude --contract, --from and --to"));
	if (!files && (!contract || !from || !to))
		return kh_usage("trend", "%s", kh_tr("需要 --contract、--from 和 --to，或评分 XML 文件",
		                                     "--contract, --from and --to, or scorecard files, "
		                                     "are required"));
	xmlDocPtr doc = NULL;
	struct kh_err err = { 0 };
	int rc = 0;
	if (files) {
		rc = kh_trend_files((const char *const *)args->operands, args->noperands, &doc, &err)
		     ? kh_err_exit_code(&err) : 0;
	} else {
		struct kh_period pf, pt;
		if (kh_period_parse(from, &pf))
			return kh_usage("trend", "%s: '%s'", kh_tr("考核期无效", "invalid period"), from);
		if (kh_period_parse(to, &pt))
			return kh_usage("trend", "%s: '%s'", kh_tr("考核期无效", "invalid period"), to);
		if ((rc = kh_open_store(ctx, 0)) != 0)
			return rc;
		rc = kh_trend_run(ctx->store, contract, &pf, &pt, &doc, &err)
		     ? kh_err_exit_code(&err) : 0;
		kh_close_store(ctx);
	}
	if (rc)
		return rc;
	rc = write_view(doc, format, output);
	xmlFreeDoc(doc);
	if (rc == 0 && !kh_outfile_is_stdout(output)) {
		printf("%s: %s\n", kh_tr("已写入", "written"), output);
		rc = kh_stdout_flush();
	}
	return rc;
}

/* Opens the store itself, and only when scoring afresh (which stores a
 * run per period). */
const struct kh_command_def cmd_trend_def = { &trend_spec, run_trend, KH_CMD_WRITES };
