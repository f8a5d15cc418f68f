/* cmd-import.c: `kaohe import KIND FILE...` — parses the options, opens
 * the store, hands the files to the import engine (import.c) and prints
 * the counts.  No validation of records here. */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmdutil.h"
#include "import.h"
#include "msg.h"
#include "options.h"
#include "trail.h"

/* Bad fields printed before "... and N more". */
#define MAX_REPORTED_ERRORS 50

static const struct kh_opt import_opts[] = {
	{ "contract", 0, "ID", 0, "整个文件属于合同 ID（文件中没有“合同”列时必须给出）",
	  "every row belongs to contract ID (required when the\nfile has no contract column)" },
	{ "encoding", 0, "E", 0, "文件编码：utf-8 或 gb18030（默认自动识别）",
	  "utf-8 or gb18030 (detected by default)" },
	{ "dry-run", 0, NULL, 0, "只校验并报告将新增/更新/不变的行数，不写入",
	  "validate and report what would be inserted, updated\nand left unchanged; write nothing" },
	{ "by", 0, "NAME", 0, "导入人（记入审计日志）；默认 $KAOHE_USER，否则登录名",
	  "who imports (for the audit trail); default\n$KAOHE_USER, else the login name" },
	{ "sheet", 0, "NAME|N", 0, "XLSX：读取名为 NAME 或第 N 个工作表（默认第一个可见的）",
	  "XLSX: read the sheet named NAME, or the Nth sheet\n(default: the first visible one)" },
	{ "header-row", 0, "N", 0, "XLSX：表头在第 N 行（默认在前 20 行中自动查找，跳过标题行）",
	  "XLSX: the header is row N (default: found in the first\n20 rows, below any title rows)" },
	{ "map", 0, "FILE|NAME", 0, "按映射配置对应列名、值和日期格式（文件，或 data/mappings/\n"
	  "中的配置名；格式见 man 5 kaohe-mapping）",
	  "map source headers, values and date formats by a profile\n(a file, or a profile "
	  "name in data/mappings/; see\nman 5 kaohe-mapping)" },
	{ "show-mapping", 0, NULL, 0, "写入前列出每个源列对应到哪一列、哪些列被忽略\n"
	  "（与 --dry-run 同用则只看不写）",
	  "before anything is written, list which column each source\ncolumn feeds and which "
	  "are ignored (with --dry-run:\nlook only)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec import_spec = {
	.name = "import", .operands = "KIND FILE...", .min_operands = 0, .max_operands = -1,
	.about_zh =
	"把 CSV 文件或 XLSX 工作簿中的记录导入数据库。KIND 为：roster（花名册）、\n"
	"settlements（结算）、complaints（投诉）、audits（稽核）、submissions\n"
	"（报送）、activities（工作量）、finance（资金）、population（参保人数）、\n"
	"ratings（风险评级）、facts（记录事项）、marks（评分）。\n"
	"各列见 man kaohe-import。",
	.about_en =
	"Load the records of CSV files or XLSX workbooks into the database.\n"
	"KIND is roster, settlements, complaints, audits, submissions,\n"
	"activities, finance, population, ratings, facts or marks (panel\n"
	"members' marks); see man kaohe-import for their columns.",
	.opts = import_opts,
	.notes_zh =
	"所有文件在一个事务中导入：任何一行有错，全部不导入（退出码 65）。\n"
	"同样的行再次导入不做改动；键相同而内容不同的行视为更新。\n"
	"XLSX 的错误指出工作表和单元格（结算.xlsx:结算明细!C17）；.xls 请先另存为 .xlsx。",
	.notes_en =
	"All files load in one transaction: any bad row loads nothing (exit 65).\n"
	"Importing the same rows again changes nothing; a row whose key exists\n"
	"with different content is an update.  XLSX errors name the sheet and\n"
	"cell (book.xlsx:Sheet1!C17); save an .xls as .xlsx first.",
};

static void print_counts(const char *file, const struct kh_import_counts *n,
                         int dry_run)
{
	if (kh_lang == KH_LANG_EN)
		printf("%s: %ld rows: %ld %s, %ld %s, %ld unchanged\n", file, n->rows,
		       n->inserted, dry_run ? "to insert" : "inserted", n->updated,
		       dry_run ? "to update" : "updated", n->unchanged);
	else
		printf("%s: %ld 行：%s %ld，%s %ld，未变 %ld\n", file, n->rows,
		       dry_run ? "将新增" : "新增", n->inserted,
		       dry_run ? "将更新" : "更新", n->updated, n->unchanged);
}

/* The options and KIND checked before the store is opened, so a misuse
 * is a usage error (64) whatever the state of the database. */
static int parse_import(const struct kh_args *args, struct kh_import_options *opt,
                        const struct kh_import_kind **kind)
{
	const char *contract = kh_arg(args, "contract");
	if (contract && !*contract)
		return kh_usage("import", "%s", kh_tr("--contract 不能为空",
		                "--contract must not be empty"));
	opt->contract = contract;
	opt->encoding = kh_arg(args, "encoding");
	opt->dry_run = kh_arg_given(args, "dry-run");
	opt->sheet = kh_arg(args, "sheet");
	if (opt->sheet && !*opt->sheet)
		return kh_usage("import", "%s", kh_tr("--sheet 不能为空",
		                "--sheet must not be empty"));
	const char *row = kh_arg(args, "header-row");
	if (row) {
		char *end;
		long n = strtol(row, &end, 10);
		if (!*row || *end || n < 1 || n > 1048576)
			return kh_usage("import", "%s: '%s'", kh_tr("--header-row 须为 1 到 1048576 的行号",
			                "--header-row takes a row number from 1 to 1048576"), row);
		opt->header_row = n;
	}
	opt->map = kh_arg(args, "map");
	if (opt->map && !*opt->map)
		return kh_usage("import", "%s", kh_tr("--map 不能为空", "--map must not be empty"));
	opt->show_mapping = kh_arg_given(args, "show-mapping");
	if (args->noperands < 1)
		return kh_usage("import", "%s", kh_tr("缺少记录类型", "missing KIND"));
	*kind = kh_import_kind_find(args->operands[0]);
	if (!*kind)
		return kh_usage("import", "%s: '%s'", kh_tr("未知的记录类型",
		                "unknown record kind"), args->operands[0]);
	if (args->noperands < 2)
		return kh_usage("import", "%s", kh_tr("缺少文件", "missing FILE"));
	return 0;
}

static int run_import(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_import_options opt = { .max_errors = MAX_REPORTED_ERRORS };
	const struct kh_import_kind *kind = NULL;
	int rc = parse_import(args, &opt, &kind);
	if (rc)
		return rc;
	char **files = args->operands + 1;
	int nfiles = args->noperands - 1;
	opt.progress = isatty(STDERR_FILENO);
	rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	struct kh_import_counts *counts = kh_xcalloc((size_t)nfiles, sizeof *counts);
	struct kh_err err = { 0 };
	if (kh_import_files(ctx->store, kind, files, nfiles, &opt, counts, &err))
		rc = kh_err_exit_code(&err);
	/* the audit trail: one entry per file kept (trail.h) */
	for (int i = 0; !rc && !opt.dry_run && i < nfiles; i++)
		if (kh_audit_import(ctx->store, kh_audit_who(kh_arg(args, "by")), opt.contract, kind->name,
		                    files[i], counts[i].rows, counts[i].inserted,
		                    counts[i].updated, counts[i].unchanged, &err))
			rc = kh_err_exit_code(&err);
	kh_close_store(ctx);
	if (!rc) {
		struct kh_import_counts total = { 0 };
		for (int i = 0; i < nfiles; i++) {
			print_counts(files[i], &counts[i], opt.dry_run);
			total.rows += counts[i].rows;
			total.inserted += counts[i].inserted;
			total.updated += counts[i].updated;
			total.unchanged += counts[i].unchanged;
		}
		if (nfiles > 1)
			print_counts(kh_tr("合计", "total"), &total, opt.dry_run);
		if (opt.dry_run)
			printf("%s\n", kh_tr("（试运行，未写入）", "(dry run: nothing written)"));
		rc = kh_stdout_flush();
	}
	free(counts);
	return rc;
}

/* Opens the store itself (kh_open_store) after checking KIND and FILE, so
 * a misuse is reported as such even without a database. */
const struct kh_command_def cmd_import_def = { &import_spec, run_import, KH_CMD_WRITES };
