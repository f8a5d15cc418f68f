/* main.c: the kaohe command table and dispatch.  Global options come before
 * the command name; a unique prefix of a command runs it, an ambiguous one
 * lists the candidates.  Main parses the command's line by its option
 * table (options.h), opens the store once when the table's flags ask for
 * it, runs it and closes the store.  No domain logic here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config.h"
#include "cmd.h"
#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "store.h"

struct kh_command {
	const char *name;
	const struct kh_command_def *def;  /* spec, run, flags */
	const char *summary_zh;
	const char *summary_en;
};

static const struct kh_command commands[] = {
	{ "init", &cmd_init_def, "创建或升级数据库", "create or upgrade the database" },
	{ "contract", &cmd_contract_def, "登记、列出、查看、校验合同定义",
	  "add, list, show and check contract definitions" },
	{ "import", &cmd_import_def, "导入记录（花名册、结算、投诉、稽核……）",
	  "import records (roster, settlements, complaints, audits, ...)" },
	{ "calendar", &cmd_calendar_def, "工作日历：工作日判断、顺延、工作日计数",
	  "the work calendar: workdays, rollover, counting" },
	{ "score", &cmd_score_def, "按合同条款评分一个考核期",
	  "score a contract period against every clause" },
	{ "report", &cmd_report_def, "生成考核报告（XML、HTML、XLSX）",
	  "render the scorecard (XML, HTML, XLSX)" },
	{ "fees", &cmd_fees_def, "经办服务费、扣减与违约金明细",
	  "service fee, deductions and damages statement" },
	{ "settle", &cmd_settle_def, "年度基金结算", "year-end fund settlement" },
	{ "due", &cmd_due_def, "双方义务日程：报表、整改、拨付、续签……",
	  "duties calendar of both parties: reports, rectification, funds, renewal" },
	{ "monthly", &cmd_monthly_def, "生成承办机构月报表", "build the insurer's monthly report" },
	{ "submit", &cmd_submit_def, "向医保部门报送报表", "submit a report to the regulator" },
	{ "decide", &cmd_decide_def, "确认或免除结算单中的扣减、违约金",
	  "confirm or waive a deduction or damages line" },
	{ "appeal", &cmd_appeal_def, "复核：提出、决定、列出",
	  "appeals: file, decide, list" },
	{ "ledger", &cmd_ledger_def, "付款台账：应付、已确认扣款、已付、现应付",
	  "the payment ledger: due, confirmed charges, paid, payable" },
	{ "log", &cmd_log_def, "审计日志", "the audit trail" },
	{ "trend", &cmd_trend_def, "一个合同跨考核期的趋势（下降、翻转提示）",
	  "one contract across periods (declines, flips)" },
	{ "compare", &cmd_compare_def, "同类合同一个考核期的排名表（可跨数据库汇总）",
	  "league table of contracts for one period (roll-up)" },
	{ "serve", &cmd_serve_def, "Web 服务：接收报送、提供页面",
	  "the web server: receive submissions, serve the pages" },
	{ "user", &cmd_user_def, "kaohe serve 的用户与 API 令牌",
	  "users and API tokens of kaohe serve" },
	{ "demo", &cmd_demo_def, "用内置样例数据演示全部流程",
	  "run the whole job on bundled sample data" },
};
static const size_t command_count = sizeof commands / sizeof commands[0];

static void print_usage(FILE *fp)
{
	fprintf(fp, "%s: kaohe [--db FILE] [--lang zh|en] COMMAND [ARGS]\n\n",
	        kh_tr("用法", "usage"));
	fprintf(fp, "%s\n", kh_tr("命令：", "commands:"));
	for (size_t i = 0; i < command_count; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
		        kh_tr(commands[i].summary_zh, commands[i].summary_en));
	fprintf(fp, "\n%s\n", kh_tr(
	        "数据库：--db FILE，否则 $KAOHE_DB，否则 ./kaohe.db。\n"
	        "每个命令都有 --help；详见 man kaohe。",
	        "Database: --db FILE, else $KAOHE_DB, else ./kaohe.db.\n"
	        "Every command has --help; see man kaohe."));
}

/* Exact name, else the unique command the text is a prefix of. */
static const struct kh_command *find_command(const char *name)
{
	const struct kh_command *match = NULL;
	size_t matches = 0, len = strlen(name);
	for (size_t i = 0; i < command_count; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
		if (len > 0 && strncmp(commands[i].name, name, len) == 0) {
			match = &commands[i];
			matches++;
		}
	}
	if (matches == 1)
		return match;
	if (matches > 1) {
		kh_error("%s '%s'; %s:", kh_tr("命令不明确", "ambiguous command"), name,
		         kh_tr("可能是", "it could be"));
		for (size_t i = 0; i < command_count; i++)
			if (strncmp(commands[i].name, name, len) == 0)
				fprintf(stderr, "  %s\n", commands[i].name);
	}
	return NULL;
}

static void pick_language_from_environment(void)
{
	const char *env = getenv("KAOHE_LANG");
	if (env && *env)
		kh_lang_parse(env, &kh_lang);
}

/* --lang may come anywhere on the command's line, also after --help:
 * settle the language before the command prints anything. */
static void pick_language_from_arguments(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			kh_lang_parse(argv[i + 1], &kh_lang);
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			kh_lang_parse(argv[i] + 7, &kh_lang);
	}
}

/* Parse by the command's spec, open the store when its flags say so, run. */
static int run_declared(const struct kh_command_def *def, int argc, char **argv,
                        struct kh_ctx *ctx)
{
	struct kh_args args;
	int done;
	int rc = kh_args_parse(def->spec, argc, argv, ctx, &args, &done);
	if (done) {
		kh_args_free(&args);
		return rc;
	}
	if (def->flags & (KH_CMD_STORE | KH_CMD_STORE_CREATE)) {
		struct kh_err err = { 0 };
		int flags = (def->flags & KH_CMD_STORE_CREATE) ? KH_STORE_CREATE : 0;
		if (kh_store_open(kh_store_path(ctx->db_option), flags, &ctx->store, &err)) {
			kh_args_free(&args);
			return kh_err_exit_code(&err);
		}
	}
	rc = def->run(&args, ctx);
	kh_store_close(ctx->store);
	ctx->store = NULL;
	kh_args_free(&args);
	return rc;
}

static int run_command(const struct kh_command *cmd, int argc, char **argv,
                       struct kh_ctx *ctx)
{
	pick_language_from_arguments(argc, argv);
	int rc = run_declared(cmd->def, argc, argv, ctx);
	if (rc == 0)
		rc = kh_stdout_flush();
	return rc;
}

int main(int argc, char **argv)
{
	struct kh_ctx ctx = { 0 };
	int i = 1;
	pick_language_from_environment();
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
			printf("kaohe %s\n", PACKAGE_VERSION);
			return kh_stdout_flush();
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			print_usage(stdout);
			return kh_stdout_flush();
		} else if (strcmp(arg, "--db") == 0 && i + 1 < argc) {
			ctx.db_option = argv[++i];
		} else if (strncmp(arg, "--db=", 5) == 0) {
			ctx.db_option = arg + 5;
		} else if (strcmp(arg, "--lang") == 0 && i + 1 < argc) {
			if (kh_lang_parse(argv[++i], &kh_lang))
				return kh_usage(NULL, "%s: '%s'",
				                kh_tr("未知语言", "unknown language"), argv[i]);
		} else if (strncmp(arg, "--lang=", 7) == 0) {
			if (kh_lang_parse(arg + 7, &kh_lang))
				return kh_usage(NULL, "%s: '%s'",
				                kh_tr("未知语言", "unknown language"), arg + 7);
		} else {
			return kh_usage(NULL, "%s: %s", kh_tr("未知选项", "unknown option"),
			                arg);
		}
	}
	if (i >= argc) {
		print_usage(stderr);
		return EX_USAGE;
	}
	const char *name = argv[i];
	if (strcmp(name, "help") == 0) {
		if (i + 1 >= argc) {
			print_usage(stdout);
			return kh_stdout_flush();
		}
		const struct kh_command *cmd = find_command(argv[i + 1]);
		if (!cmd)
			return kh_usage(NULL, "%s: %s", kh_tr("未知命令", "unknown command"),
			                argv[i + 1]);
		char *help_argv[] = { (char *)cmd->name, "--help", NULL };
		return run_command(cmd, 2, help_argv, &ctx);
	}
	const struct kh_command *cmd = find_command(name);
	if (!cmd)
		return kh_usage(NULL, "%s: %s", kh_tr("未知命令", "unknown command"), name);
	return run_command(cmd, argc - i, argv + i, &ctx);
}
