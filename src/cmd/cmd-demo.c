/* cmd-demo.c: `kaohe demo [DIR]` — options and output of the demo; the
 * work is in demo.c. */
#include <stdio.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "demo.h"
#include "msg.h"

static const char help_zh[] =
	"用法: kaohe demo [DIR]\n"
	"\n"
	"用内置样例数据（五份合同模板各一年的记录）建立演示工作区：\n"
	"在 DIR（默认 ./kaohe-demo）中新建数据库 kaohe.db，登记合同、导入记录、\n"
	"评分，并为每份合同写出 XML、HTML 和 XLSX 考核报告，打印其路径。\n"
	"DIR 中已有的 kaohe.db 会被重建；其他文件不受影响。\n";
static const char help_en[] =
	"usage: kaohe demo [DIR]\n"
	"\n"
	"Build a demo workspace from the bundled sample data (a year of records\n"
	"for each of the five contract templates): a fresh kaohe.db in DIR\n"
	"(default ./kaohe-demo), the contracts registered, the records imported\n"
	"and scored, and XML, HTML and XLSX scorecards written for every\n"
	"contract; their paths are printed.  An existing DIR/kaohe.db is\n"
	"rebuilt; nothing else in DIR is touched.\n";

int cmd_demo(int argc, char **argv, struct kh_ctx *ctx)
{
	int done, rc = kh_parse_common_only(argc, argv, ctx, "demo", help_zh, help_en,
	                                    &done);
	if (done)
		return rc;
	if (argc - optind > 1)
		return kh_usage("demo", "%s: %s", kh_tr("多余的参数", "unexpected argument"),
		                argv[optind + 1]);
	const char *dir = optind < argc ? argv[optind] : "kaohe-demo";
	struct kh_err err = { 0 };
	return kh_demo_run(dir, &err) ? kh_err_exit_code(&err) : 0;
}
