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

/* Bad fields printed before "... and N more". */
#define MAX_REPORTED_ERRORS 50

static const char help_zh[] =
	"用法: kaohe [--db FILE] import KIND FILE... [--contract ID]\n"
	"                               [--encoding E] [--dry-run]\n"
	"\n"
	"把 CSV 文件中的记录导入数据库。KIND 为：roster（花名册）、settlements\n"
	"（结算）、complaints（投诉）、audits（稽核）、submissions（报送）、\n"
	"activities（工作量）、finance（资金）、population（参保人数）、\n"
	"ratings（风险评级）。各列见 man kaohe-import。\n"
	"\n"
	"  --contract ID   整个文件属于合同 ID（文件中没有“合同”列时必须给出）\n"
	"  --encoding E    文件编码：utf-8 或 gb18030（默认自动识别）\n"
	"  --dry-run       只校验并报告将新增/更新/不变的行数，不写入\n"
	"  --lang zh|en    输出语言\n"
	"  --db FILE       数据库（否则 $KAOHE_DB，否则 ./kaohe.db）\n"
	"\n"
	"所有文件在一个事务中导入：任何一行有错，全部不导入（退出码 65）。\n"
	"同样的行再次导入不做改动；键相同而内容不同的行视为更新。\n";
static const char help_en[] =
	"usage: kaohe [--db FILE] import KIND FILE... [--contract ID]\n"
	"                               [--encoding E] [--dry-run]\n"
	"\n"
	"Load the records of CSV files into the database.  KIND is roster,\n"
	"settlements, complaints, audits, submissions, activities, finance,\n"
	"population or ratings; see man kaohe-import for their columns.\n"
	"\n"
	"  --contract ID   every row belongs to contract ID (required when the\n"
	"                  file has no contract column)\n"
	"  --encoding E    utf-8 or gb18030 (detected by default)\n"
	"  --dry-run       validate and report what would be inserted, updated\n"
	"                  and left unchanged; write nothing\n"
	"  --lang zh|en    language of messages\n"
	"  --db FILE       the database (else $KAOHE_DB, else ./kaohe.db)\n"
	"\n"
	"All files load in one transaction: any bad row loads nothing (exit 65).\n"
	"Importing the same rows again changes nothing; a row whose key exists\n"
	"with different content is an update.\n";

enum { OPT_CONTRACT = KH_OPT_FIRST_COMMAND_OPTION, OPT_ENCODING, OPT_DRY_RUN };

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

int cmd_import(int argc, char **argv, struct kh_ctx *ctx)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ "contract", required_argument, NULL, OPT_CONTRACT },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ NULL, 0, NULL, 0 },
	};
	struct kh_import_options opt = { .max_errors = MAX_REPORTED_ERRORS };
	int c;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int done, rc = kh_common_option(c, optarg, ctx, "import", help_zh,
		                                 help_en, &done);
		if (done)
			return rc;
		if (rc == 0)
			continue;
		switch (c) {
		case OPT_CONTRACT:
			if (!*optarg)
				return kh_usage("import", "%s", kh_tr("--contract 不能为空",
				                "--contract must not be empty"));
			opt.contract = optarg;
			break;
		case OPT_ENCODING:
			opt.encoding = optarg;
			break;
		case OPT_DRY_RUN:
			opt.dry_run = 1;
			break;
		default:
			return kh_usage("import", "%s", kh_tr("选项无效", "invalid option"));
		}
	}
	if (optind >= argc)
		return kh_usage("import", "%s", kh_tr("缺少记录类型", "missing KIND"));
	const struct kh_import_kind *kind = kh_import_kind_find(argv[optind]);
	if (!kind)
		return kh_usage("import", "%s: '%s'", kh_tr("未知的记录类型",
		                "unknown record kind"), argv[optind]);
	optind++;
	if (optind >= argc)
		return kh_usage("import", "%s", kh_tr("缺少文件", "missing FILE"));
	int nfiles = argc - optind;
	opt.progress = isatty(STDERR_FILENO);
	int rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	struct kh_import_counts *counts = kh_xcalloc((size_t)nfiles, sizeof *counts);
	struct kh_err err = { 0 };
	if (kh_import_files(ctx->store, kind, argv + optind, nfiles, &opt, counts,
	                    &err))
		rc = kh_err_exit_code(&err);
	kh_close_store(ctx);
	if (!rc) {
		struct kh_import_counts total = { 0 };
		for (int i = 0; i < nfiles; i++) {
			print_counts(argv[optind + i], &counts[i], opt.dry_run);
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
