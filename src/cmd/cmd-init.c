/* cmd-init.c: `kaohe init` — create the database or migrate it forward.
 * Running it twice is harmless.  Loading the shipped calendars into a new
 * database is the calendar module's job (kh_calendar_install_shipped). */
#include <stdio.h>
#include <sysexits.h>

#include "calendar.h"
#include "calendar-load.h"
#include "cmdutil.h"
#include "msg.h"
#include "options.h"

static const struct kh_opt init_opts[] = {
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec init_spec = {
	.name = "init", .min_operands = 0, .max_operands = 0,
	.about_zh = "创建数据库，或把旧版本的数据库升级到当前结构版本。重复运行无害。",
	.about_en =
	"Create the database, or migrate an older one forward to the current\n"
	"schema version.  Running it twice is harmless.",
	.opts = init_opts,
};

static int run_init(const struct kh_args *args, struct kh_ctx *ctx)
{
	(void)args;
	struct kh_err err = { 0 };
	/* adds shipped years not yet stored */
	if (kh_calendar_install_shipped(ctx->store, &err))
		return kh_err_exit_code(&err);
	printf("%s: %s (%s %d)\n", kh_tr("数据库已就绪", "database ready"),
	       kh_store_path(ctx->db_option), kh_tr("结构版本", "schema version"),
	       kh_store_schema_version_of(ctx->store));
	return 0;
}

const struct kh_command_def cmd_init_def = {
	&init_spec, run_init, KH_CMD_STORE_CREATE | KH_CMD_WRITES };
