/* cmd-compare.c: `kaohe compare` — the league table of contracts of one
 * kind for one period: scored afresh in the database, read back from the
 * stored runs of several databases (--db, each opened read-only), or read
 * from saved scorecard files.  Option handling only: the table is
 * compare.c's, the sources compare-sources.c's, the views render-trend.c's. */
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

static const struct kh_opt compare_opts[] = {
	{ "period", 0, "P", 0, "考核期：2024、2024H1、2024Q3 或 2024-03",
	  "2024, 2024H1, 2024Q3 or 2024-03" },
	{ "contract", 0, "ID", KH_OPT_REPEAT, "参与比较的合同（可重复）",
	  "a contract to compare (repeatable)" },
	{ "family", 0, "F", 0, "同一类合同：种子编号（如 001）或其中一个合同的编号",
	  "contracts of one kind: a seed (e.g. 001) or the\nid of one of them" },
	{ "db", 0, "FILE", KH_OPT_REPEAT,
	  "汇总：逐个只读打开这些数据库，读取已保存的评分\n记录（可重复；不重新评分）",
	  "roll-up: open each database read-only and read its\nstored runs (repeatable; "
	  "nothing is scored)" },
	{ "from", 0, "FILE", KH_OPT_REPEAT, "已保存的评分 XML（可重复）",
	  "a saved scorecard XML (repeatable)" },
	{ "format", 0, "html|xml|xlsx", 0,
	  "xml（规范结果）、html（单文件网页）、xlsx；\n省略时按 -o 的扩展名判断",
	  "xml (canonical), html (one page) or xlsx;\ndefault from the extension of -o" },
	{ "output", 'o', "PATH", 0, "输出文件；- 表示标准输出", "the output file; - for stdout" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec compare_spec = {
	.name = "compare", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"       kaohe compare --period P --family F|--contract ID... -o PATH\n"
	"       kaohe compare --period P --db A.db --db B.db... [--family F|--contract ID...] -o PATH\n"
	"       kaohe compare --from A.xml --from B.xml... [--period P] -o PATH\n"
	"\n"
	"同类合同在一个考核期的排名表：按总分和各类别得分排名，逐项指标并列，\n"
	"并显示每个合同有数据的指标数。第一种形式在本数据库中逐个合同重新评分\n"
	"（保存评分记录）；第二种形式（省级汇总）逐个只读打开各市的数据库，读取\n"
	"各合同该考核期最新的评分记录，不合并原始数据；第三种形式读取已保存的\n"
	"评分 XML。",
	.about_en =
	"       kaohe compare --period P --family F|--contract ID... -o PATH\n"
	"       kaohe compare --period P --db A.db --db B.db... [--family F|--contract ID...] -o PATH\n"
	"       kaohe compare --from A.xml --from B.xml... [--period P] -o PATH\n"
	"\n"
	"The league table of contracts of one kind for one period: ranks by total\n"
	"and by category, every indicator side by side, and how many indicators\n"
	"had data.  The first form scores each contract of this database afresh\n"
	"(storing the runs); the second (the province's roll-up) opens each\n"
	"city's database read-only in turn and reads the newest stored run of\n"
	"each contract for the period, without merging raw records; the third\n"
	"reads saved scorecard XML files.",
	.opts = compare_opts,
	.notes_zh =
	"排名规则：指标有判定结果（达标或未达标）即有数据。某合同无数据、而同组\n"
	"其他合同有数据的指标为“缺数”；没有缺数的合同为“数据完整”，先在其中按\n"
	"得分率（得分 ÷ 满分）排名；有缺数的合同列为“数据不全”，在其后单独排名，\n"
	"不与完整的合同混排。同分同名次，下一名次顺延（1、1、3）。\n"
	"此处 --db 指汇总的数据库；本数据库请写在命令名之前（kaohe --db X compare）\n"
	"或用 $KAOHE_DB。详见 man kaohe-compare。\n"
	"\n"
	"退出码：0 成功；64 用法错误；65 数据有误；66 找不到输入；73 无法创建输出；\n"
	"74 写入错误。",
	.notes_en =
	"Ranking: an indicator holds data when it was judged (pass or fail); it\n"
	"is missing for a contract when it holds none there but does for another\n"
	"contract of the set.  Contracts with nothing missing are complete and\n"
	"ranked first by their share of the maximum (score ÷ max); the others are\n"
	"incomplete and ranked apart, after them, never interleaved.  Ties share\n"
	"a rank and the next is skipped (1, 1, 3).  Here --db names the roll-up's\n"
	"databases; give this database before the command name (kaohe --db X\n"
	"compare) or in $KAOHE_DB.  See man kaohe-compare.\n"
	"\n"
	"Exit status: 0 done; 64 usage; 65 bad data; 66 input not found; 73 cannot\n"
	"create the output; 74 write error.",
};

enum compare_format { FORMAT_NONE, FORMAT_XML, FORMAT_HTML, FORMAT_XLSX };

static enum compare_format format_named(const char *name)
{
	if (strcmp(name, "xml") == 0)
		return FORMAT_XML;
	if (strcmp(name, "html") == 0 || strcmp(name, "htm") == 0)
		return FORMAT_HTML;
	if (strcmp(name, "xlsx") == 0)
		return FORMAT_XLSX;
	return FORMAT_NONE;
}

static enum compare_format format_of(const char *format, const char *output)
{
	if (format)
		return format_named(format);
	const char *dot = strrchr(output, '.');
	if (!dot || strchr(dot, '/'))
		return FORMAT_NONE;
	return format_named(dot + 1);
}

static int run_compare(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_compare_select sel = { .period = kh_arg(args, "period"),
	                                 .family = kh_arg(args, "family") };
	sel.contracts = kh_arg_all(args, "contract", &sel.ncontracts);
	int ndbs = 0, nfiles = 0;
	const char *const *dbs = kh_arg_all(args, "db", &ndbs);
	const char *const *files = kh_arg_all(args, "from", &nfiles);
	const char *output = kh_arg(args, "output");
	if (!output)
		return kh_usage("compare", "%s", kh_tr("缺少 -o PATH", "-o PATH is required"));
	enum compare_format format = format_of(kh_arg(args, "format"), output);
	if (format == FORMAT_NONE)
		return kh_usage("compare", "%s", kh_tr("缺少 --format html|xml|xlsx",
		                                       "--format html|xml|xlsx is required"));
	if (ndbs && nfiles)
		return kh_usage("compare", "%s", kh_tr("--db 与 --from 不能同用",
		                                       "--db and --from exclude each other"));
	if (sel.family && sel.ncontracts)
		return kh_usage("compare", "%s", kh_tr("--family 与 --contract 不能同用",
		                                       "--family and --contract exclude each other"));
	if (nfiles && sel.family)
		return kh_usage("compare", "%s", kh_tr("评分 XML 不含合同类别，--from 不能与 --family 同用",
		                                       "scorecards do not name their family: --from "
		                                       "excludes --family"));
	if (!nfiles && !sel.period)
		return kh_usage("compare", "%s", kh_tr("缺少 --period P", "--period P is required"));
	if (!nfiles && !ndbs && !sel.family && !sel.ncontracts)
		return kh_usage("compare", "%s", kh_tr("需要 --family 或 --contract（或 --db、--from）",
		                                       "--family or --contract (or --db, --from) is "
		                                       "required"));
	struct kh_period period;
	char canonical[16];
	if (sel.period) {
		if (kh_period_parse(sel.period, &period))
			return kh_usage("compare", "%s: '%s'", kh_tr("考核期无效", "invalid period"),
			                sel.period);
		sel.period = kh_period_format(&period, canonical);
	}
	struct kh_card *cards = NULL;
	size_t n = 0;
	struct kh_err err = { 0 };
	int rc = 0;
	const char *set = sel.ncontracts ? "contracts" : sel.family ? "family" : "all";
	if (nfiles) {
		rc = kh_compare_files(files, nfiles, &sel, &cards, &n, &err);
		set = sel.ncontracts ? "contracts" : "files";
	} else if (ndbs) {
		rc = kh_compare_dbs(dbs, ndbs, &sel, &cards, &n, &err);
	} else {
		if ((rc = kh_open_store(ctx, 0)) != 0)
			return rc;
		rc = kh_compare_local(ctx->store, &sel, &cards, &n, &err);
		kh_close_store(ctx);
	}
	if (rc)
		return kh_err_exit_code(&err);
	xmlDocPtr doc = kh_compare_build(cards, n, sel.period ? sel.period : cards[0].period,
	                                 set, sel.family);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (ndbs)
		xmlSetProp(root, BAD_CAST "databases", BAD_CAST (ndbs == 1 ? "1" : "several"));
	kh_compare_cards_free(cards, n);
	switch (format) {
	case FORMAT_HTML:
		rc = kh_render_compare_html(doc, output);
		break;
	case FORMAT_XLSX:
		rc = kh_render_compare_xlsx(doc, output);
		break;
	default:
		rc = kh_out_write_xml(doc, output);
		break;
	}
	xmlFreeDoc(doc);
	if (rc == 0 && !kh_outfile_is_stdout(output)) {
		printf("%s: %s\n", kh_tr("已写入", "written"), output);
		rc = kh_stdout_flush();
	}
	return rc;
}

/* Opens the store itself: the open database when scoring afresh (which
 * stores runs), the --db databases read-only, none for --from. */
const struct kh_command_def cmd_compare_def = { &compare_spec, run_compare, KH_CMD_WRITES };
