/* cmd-log.c: `kaohe log` — the audit trail, oldest first (store-log.h). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "store-log.h"
#include "words.h"

static const struct kh_opt log_opts[] = {
	{ "contract", 0, "ID", 0, "只列出此合同的记录", "only this contract's entries" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec log_spec = {
	.name = "log", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"审计日志：导入、对金额行的确认与免除、复核申请与决定、因此重新评分——\n"
	"谁（--by，否则 $KAOHE_USER，否则登录名）、何时、做了什么、为什么，以及\n"
	"前后的值。日志只能追加，数据库拒绝修改或删除其中任何一条。",
	.about_en =
	"The audit trail: imports, confirmations and waivers of money lines,\n"
	"appeals and their decisions, the re-scoring they caused — who (--by, else\n"
	"$KAOHE_USER, else the login name), when, what, why, and the values before\n"
	"and after.  Append-only: the database refuses to change or delete an entry.",
	.opts = log_opts,
	.notes_zh = "详见 man kaohe-log。",
	.notes_en = "See man kaohe-log.",
};

/* The action in words (templates/words.xml, group log-action). */
static const char *action_word(const char *code)
{
	return kh_word_or_code("log-action", code);
}

static int print_entry(const struct kh_log_entry *e, void *arg)
{
	(void)arg;
	printf("#%ld  %s  %s  %s", e->id, e->at, e->who, action_word(e->action));
	if (e->contract)
		printf("  %s", e->contract);
	if (e->period)
		printf("  %s", e->period);
	if (e->subject)
		printf("  %s", e->subject);
	putchar('\n');
	if (e->reason)
		printf("    %s: %s\n", kh_tr("理由", "why"), e->reason);
	if (e->before)
		printf("    %s: %s\n", kh_tr("之前", "before"), e->before);
	if (e->after)
		printf("    %s: %s\n", kh_tr("之后", "after"), e->after);
	return 0;
}

static int run_log(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_err err = { 0 };
	if (kh_store_log_each(ctx->store, kh_arg(args, "contract"), print_entry, NULL, &err))
		return kh_err_exit_code(&err);
	return 0;
}

const struct kh_command_def cmd_log_def = { &log_spec, run_log, KH_CMD_STORE };
