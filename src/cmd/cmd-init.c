/* cmd-init.c: `kaohe init` — create the database or migrate it forward.
 * Running it twice is harmless.  Loading the shipped calendars into a new
 * database is the calendar module's job (kh_calendar_install_shipped). */
#include <stdio.h>
#include <sysexits.h>

#include "calendar.h"
#include "cmdutil.h"
#include "msg.h"

static const char help_zh[] =
	"用法: kaohe [--db FILE] init\n"
	"\n"
	"创建数据库，或把旧版本的数据库升级到当前结构版本。重复运行无害。\n"
	"数据库：--db FILE，否则 $KAOHE_DB，否则 ./kaohe.db。\n";
static const char help_en[] =
	"usage: kaohe [--db FILE] init\n"
	"\n"
	"Create the database, or migrate an older one forward to the current\n"
	"schema version.  Running it twice is harmless.\n"
	"Database: --db FILE, else $KAOHE_DB, else ./kaohe.db.\n";

int cmd_init(int argc, char **argv, struct kh_ctx *ctx)
{
	int done, rc = kh_parse_common_only(argc, argv, ctx, "init", help_zh, help_en,
	                                    &done);
	if (done)
		return rc;
	if (optind < argc)
		return kh_usage("init", "%s: %s", kh_tr("多余的参数", "unexpected argument"),
		                argv[optind]);
	rc = kh_open_store(ctx, 1);
	if (rc)
		return rc;
	struct kh_err err = { 0 };
	/* adds shipped years not yet stored */
	if (kh_calendar_install_shipped(ctx->store, &err)) {
		kh_close_store(ctx);
		return kh_err_exit_code(&err);
	}
	printf("%s: %s (%s %d)\n", kh_tr("数据库已就绪", "database ready"),
	       kh_store_path(ctx->db_option), kh_tr("结构版本", "schema version"),
	       kh_store_schema_version());
	kh_close_store(ctx);
	return 0;
}
