/* cmd-appeal.c: `kaohe appeal add|decide|list` — the insurer's appeals
 * (复核) against a finding, and the regulator's decision on them
 * (decide.h: an overturned evidence item is re-judged and the period
 * re-scored, the figures before and after in the audit trail). */
#include <stdio.h>
#include <stdlib.h>
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
#include "store-decisions.h"
#include "words.h"

/* One table for the three subcommands (the first operand): add needs
 * --contract --period --indicator --reason; decide N needs one of
 * --uphold/--overturn/--partial and --reason; list takes --contract.
 * Which option belongs to which subcommand is checked in check_options. */
static const struct kh_opt appeal_opts[] = {
	{ "contract", 0, "ID", 0, "合同编号（add 必填；list 只列此合同）",
	  "the contract (add: required; list: only its appeals)" },
	{ "period", 0, "P", 0, "add：被复核的考核期（2024Q2、2024……）",
	  "add: the period contested (2024Q2, 2024, ...)" },
	{ "indicator", 0, "X", 0, "add：被复核的指标编号", "add: the indicator contested" },
	{ "ref", 0, "R", KH_OPT_REPEAT,
	  "add：被复核的证据项（稽核样本编号或结算单号，可重复）；\n"
	  "decide --partial：改判的证据项",
	  "add: an evidence item contested (an audit sample id\n"
	  "or a claim id, repeatable); decide --partial: an\nitem overturned" },
	{ "uphold", 0, NULL, 0, "decide：维持原结果", "decide: uphold the finding" },
	{ "overturn", 0, NULL, 0, "decide：改判，申请所列证据项全部重新判定",
	  "decide: overturn; every item the appeal names is\nre-judged" },
	{ "partial", 0, NULL, 0, "decide：部分改判，只重新判定 --ref 所列的项",
	  "decide: partly; only the items given with --ref\nare re-judged" },
	{ "cost", 0, "YUAN", 0, "decide：复核费用，由乙方支付（002 第三条(三)），作为一行金额",
	  "decide: the re-review's cost, charged to the\ninsurer (002 第三条(三)) as a money line" },
	{ "reason", 0, "TEXT", 0, "add、decide：理由（必填）", "add, decide: why (required)" },
	{ "by", 0, "NAME", 0, "申请人或决定人；默认 $KAOHE_USER，否则登录名",
	  "who files or decides; default $KAOHE_USER, else\nthe login name" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec appeal_spec = {
	.name = "appeal", .operands = "add|decide|list [N]",
	.min_operands = 1, .max_operands = 2,
	.forms_zh =
	"kaohe appeal add --contract ID --period P --indicator X [--ref R]... --reason 理由 [--by 姓名]\n"
	"kaohe appeal decide N --uphold|--overturn|--partial --ref R... [--cost 元] --reason 理由 [--by 姓名]\n"
	"kaohe appeal list [--contract ID]",
	.forms_en =
	"kaohe appeal add --contract ID --period P --indicator X [--ref R]... --reason TEXT [--by NAME]\n"
	"kaohe appeal decide N --uphold|--overturn|--partial --ref R... [--cost YUAN] --reason TEXT [--by NAME]\n"
	"kaohe appeal list [--contract ID]",
	.about_zh =
	"复核（乙方对考核结果提出异议，甲方决定）。\n"
	"  add       乙方对一个指标或其中的具体证据项（--ref）提出复核，打印复核编号\n"
	"  decide N  甲方决定复核 N。改判的证据项重新判定（稽核样本不合格→合格，\n"
	"            超时结算→免责），该期自动重新评分，前后的得分、等级与金额\n"
	"            记入审计日志\n"
	"  list      列出复核申请及其决定",
	.about_en =
	"Appeals (复核): the insurer contests a finding, the purchaser decides.\n"
	"  add       contest an indicator, or specific evidence items of it\n"
	"            (--ref); prints the appeal's number\n"
	"  decide N  decide appeal N.  Overturned items are re-judged (an audit\n"
	"            sample failed → passed, a late claim → excused), the period\n"
	"            is re-scored, and the score, grade and money before and\n"
	"            after go to the audit trail\n"
	"  list      list the appeals and their decisions",
	.opts = appeal_opts,
	.notes_zh = "详见 man kaohe-appeal。", .notes_en = "See man kaohe-appeal.",
};

/* An appeal's state or an item's outcome in words (words.xml, appeal). */
static const char *state_word(const char *state)
{
	return kh_word_or_code("appeal", state);
}

static int do_add(const struct kh_args *args, struct kh_ctx *ctx)
{
	int nrefs = 0;
	const char *const *refs = kh_arg_all(args, "ref", &nrefs);
	struct kh_period p;
	const char *period = kh_arg(args, "period");
	if (kh_period_parse(period, &p) != 0)
		return kh_usage("appeal add", "%s: '%s'", kh_tr("考核期无效", "invalid period"), period);
	char canon[16];
	kh_period_format(&p, canon);
	const char *reason = kh_arg(args, "reason");
	if (!*reason)
		return kh_usage("appeal add", "%s", kh_tr("须说明理由", "a reason is required"));
	long id;
	struct kh_err err = { 0 };
	if (kh_appeal_file(ctx->store, kh_arg(args, "contract"), canon, kh_arg(args, "indicator"),
	                   refs, (size_t)nrefs, reason, kh_audit_who(kh_arg(args, "by")), &id, &err))
		return kh_err_exit_code(&err);
	printf("%ld\n", id);
	return 0;
}

static int do_decide(const struct kh_args *args, struct kh_ctx *ctx)
{
	int up = kh_arg_given(args, "uphold"), over = kh_arg_given(args, "overturn"),
	    part = kh_arg_given(args, "partial");
	if (up + over + part != 1)
		return kh_usage("appeal decide", "%s", kh_tr("须给出 --uphold、--overturn、--partial 之一",
		                "give one of --uphold, --overturn, --partial"));
	int nrefs = 0;
	const char *const *refs = kh_arg_all(args, "ref", &nrefs);
	if (part && nrefs == 0)
		return kh_usage("appeal decide", "%s", kh_tr("--partial 须用 --ref 列出改判的项",
		                "--partial needs the items overturned (--ref)"));
	if (!part && nrefs)
		return kh_usage("appeal decide", "%s", kh_tr("--ref 只用于 --partial",
		                "--ref goes with --partial only"));
	char *end;
	long id = strtol(args->operands[1], &end, 10);
	if (*end || id <= 0)
		return kh_usage("appeal decide", "%s: '%s'", kh_tr("复核编号无效", "invalid appeal number"),
		                args->operands[1]);
	kh_fen cost = 0;
	const char *cost_text = kh_arg(args, "cost");
	if (cost_text && kh_fen_parse(cost_text, strlen(cost_text), 0, &cost) != 0)
		return kh_usage("appeal decide", "%s: '%s'", kh_tr("金额无效", "invalid amount"), cost_text);
	const char *reason = kh_arg(args, "reason");
	if (!*reason)
		return kh_usage("appeal decide", "%s", kh_tr("须说明理由", "a reason is required"));
	enum kh_appeal_outcome o = up ? KH_APPEAL_UPHOLD : over ? KH_APPEAL_OVERTURN
	                                                      : KH_APPEAL_PARTIAL;
	struct kh_figures before, after;
	char g1[48], g2[48];
	struct kh_err err = { 0 };
	if (kh_appeal_settle(ctx->store, id, o, refs, (size_t)nrefs, reason,
	                     kh_audit_who(kh_arg(args, "by")), cost_text != NULL, cost,
	                     &before, &after, &err))
		return kh_err_exit_code(&err);
	printf("%s %ld: %s\n", kh_tr("复核", "appeal"), id,
	       state_word(up ? "upheld" : over ? "overturned" : "partial"));
	printf("%s: %s → %s\n", kh_tr("得分", "score"), before.score, after.score);
	printf("%s: %s → %s\n", kh_tr("等级", "grade"), before.grade, after.grade);
	if (after.has_fees) {
		printf("%s: %s → %s\n", kh_tr("应付（待确认项全部确认时）", "due (as proposed)"),
		       grouped_text(before.due, g1, sizeof g1),
	       grouped_text(after.due, g2, sizeof g2));
		printf("%s: %s → %s\n", kh_tr("应付（仅扣已确认）", "due (confirmed only)"),
		       grouped_text(before.due_confirmed, g1, sizeof g1),
	       grouped_text(after.due_confirmed, g2, sizeof g2));
	}
	return 0;
}

static int do_list(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_appeal **list;
	size_t n;
	struct kh_err err = { 0 };
	if (kh_store_appeal_list(ctx->store, kh_arg(args, "contract"), &list, &n, &err))
		return kh_err_exit_code(&err);
	for (size_t i = 0; i < n; i++) {
		struct kh_appeal *a = list[i];
		printf("%ld  %s  %s  %s  %s  %s  %s %s\n", a->id, a->contract, a->period,
		       a->indicator, state_word(a->state), a->filed_at, kh_tr("申请人", "by"),
		       a->filed_by);
		printf("    %s: %s\n", kh_tr("理由", "why"), a->reason);
		for (size_t k = 0; k < a->nrefs; k++)
			printf("    %s %s  %s\n", state_word(a->refs[k].kind), a->refs[k].ref,
			       state_word(strcmp(a->refs[k].outcome, "open") == 0 ? "open"
			                                                         : a->refs[k].outcome));
		if (*a->decided_by) {
			printf("    %s %s %s: %s", kh_tr("决定", "decided"), a->decided_at,
			       a->decided_by, a->decision_reason);
			if (a->has_cost) {
				char c[48];
				printf("  %s %s", kh_tr("复核费用", "cost"),
				       kh_fen_format_grouped(a->cost, c, sizeof c));
			}
			putchar('\n');
		}
	}
	kh_appeals_free(list, n);
	return 0;
}

/* The options a subcommand needs, and none it does not take. */
static int check_options(const char *sub, const struct kh_args *args)
{
	static const char *const add_needs[] = { "contract", "period", "indicator", "reason", NULL };
	static const char *const add_refuses[] = { "uphold", "overturn", "partial", "cost", NULL };
	static const char *const decide_needs[] = { "reason", NULL };
	static const char *const decide_refuses[] = { "contract", "period", "indicator", NULL };
	static const char *const list_refuses[] = { "period", "indicator", "ref", "uphold",
	                                            "overturn", "partial", "cost", "reason",
	                                            "by", NULL };
	const char *const *needs = NULL, *const *refuses = list_refuses;
	if (strcmp(sub, "add") == 0) {
		needs = add_needs;
		refuses = add_refuses;
	} else if (strcmp(sub, "decide") == 0) {
		needs = decide_needs;
		refuses = decide_refuses;
	}
	int operands_wanted = strcmp(sub, "decide") == 0 ? 2 : 1;
	if (args->noperands != operands_wanted)
		return kh_usage("appeal", "%s", strcmp(sub, "decide") == 0
		                ? kh_tr("decide 须给出复核编号 N", "decide needs the appeal number N")
		                : kh_tr("多余的参数", "too many arguments"));
	for (int i = 0; needs && needs[i]; i++)
		if (!kh_arg(args, needs[i]))
			return kh_usage("appeal", "%s %s: --%s", sub, kh_tr("缺少选项", "requires"),
			                needs[i]);
	for (int i = 0; refuses[i]; i++)
		if (kh_arg_given(args, refuses[i]))
			return kh_usage("appeal", "%s %s: --%s", sub,
			                kh_tr("不接受选项", "takes no option"), refuses[i]);
	return 0;
}

static int run_appeal(const struct kh_args *args, struct kh_ctx *ctx)
{
	const char *sub = args->operands[0];
	int (*run)(const struct kh_args *, struct kh_ctx *);
	if (strcmp(sub, "add") == 0)
		run = do_add;
	else if (strcmp(sub, "decide") == 0)
		run = do_decide;
	else if (strcmp(sub, "list") == 0)
		run = do_list;
	else
		return kh_usage("appeal", "%s: %s", kh_tr("未知的子命令", "unknown subcommand"), sub);
	int rc = check_options(sub, args);
	if (rc)
		return rc;
	rc = kh_open_store(ctx, 0);
	if (!rc)
		rc = run(args, ctx);
	kh_close_store(ctx);
	return rc;
}

const struct kh_command_def cmd_appeal_def = { &appeal_spec, run_appeal, KH_CMD_WRITES };
