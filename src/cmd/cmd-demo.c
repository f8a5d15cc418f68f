/* cmd-demo.c: `kaohe demo [DIR]` — options and output of the demo; the
 * work is in demo.c.  It builds its own store in DIR: main opens none. */
#include <stdio.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "demo.h"
#include "msg.h"
#include "options.h"

static const struct kh_opt demo_opts[] = {
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec demo_spec = {
	.name = "demo", .operands = "[DIR]", .min_operands = 0, .max_operands = 1,
	.about_zh =
	"用内置样例数据（五份合同模板各一年的记录）建立演示工作区：\n"
	"在 DIR（默认 ./kaohe-demo）中新建数据库 kaohe.db，登记合同、导入记录、\n"
	"评分，并为每份合同写出 XML、HTML 和 XLSX 考核报告、考核评分表\n"
	"（ID.scoresheet.html，郑州、河南含市级三人评分与自评）和考核结果通知书\n"
	"（ID.notice.html），以及洛阳两年的趋势和河南两家承办机构的排名表，\n"
	"打印其路径。DIR 中已有的 kaohe.db 会被重建；其他文件不受影响。\n"
	"--db（或 $KAOHE_DB）为 postgresql://… 时，数据存入该 PostgreSQL 数据库：\n"
	"其中 kaohe 的表会被删除并重建。",
	.about_en =
	"Build a demo workspace from the bundled sample data (a year of records\n"
	"for each of the five contract templates): a fresh kaohe.db in DIR\n"
	"(default ./kaohe-demo), the contracts registered, the records imported\n"
	"and scored, and for every contract XML, HTML and XLSX scorecards, the\n"
	"panel's score sheet (ID.scoresheet.html; Zhengzhou and Henan carry a\n"
	"city panel of three and the insurer's self-score) and the result\n"
	"notice (ID.notice.html); plus Luoyang's two-year trend and Henan's\n"
	"league table of two insurers.  Their paths are printed.  An existing\n"
	"DIR/kaohe.db is rebuilt; nothing else in DIR is touched.  With --db\n"
	"(or $KAOHE_DB) naming postgresql://..., the store is that PostgreSQL\n"
	"database instead: kaohe's tables there are dropped and made afresh.",
	.opts = demo_opts,
};

static int run_demo(const struct kh_args *args, struct kh_ctx *ctx)
{
	const char *dir = args->noperands > 0 ? args->operands[0] : "kaohe-demo";
	struct kh_err err = { 0 };
	/* --db (or $KAOHE_DB) naming PostgreSQL holds the demo's store there. */
	const char *db = kh_store_path(ctx->db_option);
	return kh_demo_run_on(dir, kh_store_is_postgres(db) ? db : NULL, &err)
	       ? kh_err_exit_code(&err) : 0;
}

const struct kh_command_def cmd_demo_def = { &demo_spec, run_demo, 0 };
