/* cmd-decide.c: `kaohe decide` — confirm or waive a deduction or damages
 * line of a statement by its id (kh_decide: the statement is run before
 * and after, the decision and both figures go to the audit trail). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "trail.h"
#include "cmdutil.h"
#include "decide.h"
#include "msg.h"
#include "options.h"

/* "355250.00" → "355,250.00" (display only). */
static const char *grouped_text(const char *plain, char *buf, size_t size)
{
	kh_fen v;
	if (kh_fen_parse(plain, strlen(plain), 1, &v) == 0)
		return kh_fen_format_grouped(v, buf, size);
	snprintf(buf, size, "%s", plain);
	return buf;
}

static const struct kh_opt decide_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号", "the contract" },
	{ "confirm", 0, NULL, 0, "确认该行：从应付中扣除", "confirm the line: it is deducted" },
	{ "waive", 0, NULL, 0, "免除该行（须说明理由）：不扣除",
	  "waive the line (a reason is required): not deducted" },
	{ "reason", 0, "TEXT", 0, "理由（记入审计日志）", "why (kept in the audit trail)" },
	{ "by", 0, "NAME", 0, "决定人；默认 $KAOHE_USER，否则登录名",
	  "who decides; default $KAOHE_USER, else the login name" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec decide_spec = {
	.name = "decide", .operands = "LINE-ID", .min_operands = 1, .max_operands = 1,
	.about_zh =
	"对结算单中的一行扣减或违约金作出决定。每行都有稳定的编号\n"
	"（考核期:条款:指标，例如 2024Q2:第三条(三):audit.pass-rate，见 kaohe fees\n"
	"--format xml 的 line/@id）；在甲方确认之前为“待确认”，只有已确认的行\n"
	"才从应付中扣除；免除须说明理由。决定前后各运行一次该期结算，前后的\n"
	"得分、等级与金额记入审计日志（kaohe log）。",
	.about_en =
	"Decide a deduction or damages line of a statement.  Every such line has\n"
	"a stable id (PERIOD:CLAUSE:INDICATOR, e.g. 2024Q2:第三条(三):audit.pass-rate;\n"
	"see line/@id in kaohe fees --format xml); it is proposed until the\n"
	"purchaser confirms it, and only confirmed lines reduce what is payable.\n"
	"Waiving needs a reason.  The period's statement is run before and after;\n"
	"both figures go to the audit trail (kaohe log).",
	.opts = decide_opts,
	.notes_zh = "详见 man kaohe-decide。",
	.notes_en = "See man kaohe-decide.",
};

static int run_decide(const struct kh_args *args, struct kh_ctx *ctx)
{
	int confirm = kh_arg_given(args, "confirm"), waive = kh_arg_given(args, "waive");
	const char *reason = kh_arg(args, "reason");
	if (confirm == waive)
		return kh_usage("decide", "%s", kh_tr("须给出 --confirm 或 --waive 之一",
		                                      "give one of --confirm or --waive"));
	if (waive && (!reason || !*reason))
		return kh_usage("decide", "%s", kh_tr("免除须用 --reason 说明理由",
		                                      "waiving needs --reason"));
	const char *who = kh_audit_who(kh_arg(args, "by"));
	const char *contract = kh_arg(args, "contract");
	const char *line = args->operands[0];
	struct kh_figures before, after;
	char g1[48], g2[48];
	kh_fen amount = 0;
	struct kh_err err = { 0 };
	if (kh_decide(ctx->store, contract, line, waive ? KH_LINE_WAIVED : KH_LINE_CONFIRMED,
	              reason, who, &amount, &before, &after, &err))
		return kh_err_exit_code(&err);
	char a[48];
	printf("%s  %s %s  %s\n", line, waive ? kh_tr("已免除", "waived")
	                                      : kh_tr("已确认", "confirmed"),
	       kh_fen_format_grouped(amount, a, sizeof a), who);
	printf("%s: %s → %s\n", kh_tr("应付（仅扣已确认）", "due (confirmed only)"),
	       grouped_text(before.due_confirmed, g1, sizeof g1),
	       grouped_text(after.due_confirmed, g2, sizeof g2));
	printf("%s: %s → %s\n", kh_tr("应付（待确认项全部确认时）", "due (as proposed)"),
	       grouped_text(before.due, g1, sizeof g1),
	       grouped_text(after.due, g2, sizeof g2));
	return 0;
}

/* Stores the decision, two runs and the audit entry. */
const struct kh_command_def cmd_decide_def = {
	&decide_spec, run_decide, KH_CMD_STORE | KH_CMD_WRITES };
