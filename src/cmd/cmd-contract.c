/* cmd-contract.c: `kaohe contract check|add|list|show` — its option
 * table, then contract.c (check) or app/contract-load.c (the store), and
 * printing.  No parsing or storing logic here; a file that does not
 * validate is never stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "contract.h"
#include "contract-load.h"
#include "msg.h"
#include "options.h"

static const struct kh_opt contract_opts[] = {
	{ "version", 0, "N", 0, "show 显示指定版本（默认最新）",
	  "with show: that stored version (default: the newest)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec contract_spec = {
	.name = "contract", .operands = "check|add|list|show [ARG]",
	.min_operands = 0, .max_operands = -1,
	.forms_zh =
	"kaohe [--db FILE] contract check FILE\n"
	"kaohe [--db FILE] contract add FILE|模板名\n"
	"kaohe [--db FILE] contract list\n"
	"kaohe [--db FILE] contract show ID [--version N]",
	.forms_en =
	"kaohe [--db FILE] contract check FILE\n"
	"kaohe [--db FILE] contract add FILE|TEMPLATE\n"
	"kaohe [--db FILE] contract list\n"
	"kaohe [--db FILE] contract show ID [--version N]",
	.about_zh =
	"合同定义是 XML 文件（命名空间 urn:kaohe:contract:1，格式见 kaohe-contract(5)），\n"
	"每次读取都按 data/schema/contract.rng 校验。\n"
	"  check FILE     校验文件，不写入数据库\n"
	"  add FILE       校验并登记；内容有变化时存为新版本，未变化时提示 unchanged。\n"
	"                 合同编号为文件名去掉 .xml；也可只写模板名（如 henan-dbbx-2024），\n"
	"                 此时使用随程序提供的 data/contracts/模板名.xml\n"
	"  list           列出合同：编号、最新版本、标题、乙方、指标数\n"
	"  show ID        逐条显示指标：编号、条款、释义、度量与参数、分值、后果",
	.about_en =
	"A contract definition is an XML file (namespace urn:kaohe:contract:1, see\n"
	"kaohe-contract(5)), validated against data/schema/contract.rng on every load.\n"
	"  check FILE     validate the file; the database is not touched\n"
	"  add FILE       validate and store it; a changed file becomes a new version,\n"
	"                 an unchanged one is reported as unchanged.  The id is the\n"
	"                 file's base name without .xml; a bare template name (e.g.\n"
	"                 henan-dbbx-2024) uses the shipped data/contracts/NAME.xml\n"
	"  list           id, newest version, title, insurer, number of indicators\n"
	"  show ID        every indicator: id, clause, paraphrase, measure and\n"
	"                 parameters, points, consequences",
	.opts = contract_opts,
	.notes_zh = "退出状态: 0 成功, 64 用法错误, 65 文件内容有误, 66 文件或合同不存在。",
	.notes_en = "Exit status: 0 success, 64 usage, 65 bad file, 66 missing file or contract.",
};

static int do_check(const char *arg)
{
	char *path = kh_contract_resolve(arg);
	struct kh_contract *c;
	struct kh_err err = { 0 };
	int rc = kh_contract_parse_file(path, &c, &err) ? kh_err_exit_code(&err) : 0;
	if (rc == 0) {
		printf("%s: %s (%s, %zu %s)\n", path, kh_tr("有效", "valid"), c->id,
		       c->nindicators, kh_tr("个指标", "indicators"));
		kh_contract_free(c);
	}
	free(path);
	return rc;
}

static int do_add(struct kh_ctx *ctx, const char *arg)
{
	char *path = kh_contract_resolve(arg);
	int rc = kh_open_store(ctx, 0);   /* only init creates a database */
	if (rc) {
		free(path);
		return rc;
	}
	struct kh_contract *c = NULL;
	int unchanged;
	struct kh_err err = { 0 };
	rc = kh_contract_add(ctx->store, path, &c, &unchanged, &err)
	     ? kh_err_exit_code(&err) : 0;
	if (rc == 0 && unchanged)
		printf("%s: %s %d\n", c->id, kh_tr("未变化 (unchanged)，版本", "unchanged, version"),
		       c->version);
	else if (rc == 0)
		printf("%s: %s %d (%zu %s)\n", c->id, kh_tr("已登记，版本", "added, version"),
		       c->version, c->nindicators, kh_tr("个指标", "indicators"));
	kh_contract_free(c);
	kh_close_store(ctx);
	free(path);
	return rc;
}

static int do_list(struct kh_ctx *ctx)
{
	int rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	struct kh_contract **list;
	size_t count;
	struct kh_err err = { 0 };
	rc = kh_contract_list(ctx->store, &list, &count, &err)
	     ? kh_err_exit_code(&err) : 0;
	printf("%s\t%s\t%s\t%s\t%s\n", kh_tr("编号", "id"), kh_tr("版本", "version"),
	       kh_tr("标题", "title"), kh_tr("乙方", "insurer"), kh_tr("指标数", "indicators"));
	for (size_t i = 0; i < count; i++) {
		printf("%s\t%d\t%s\t%s\t%zu\n", list[i]->id, list[i]->version, list[i]->title,
		       list[i]->insurer, list[i]->nindicators);
		kh_contract_free(list[i]);
	}
	free(list);
	kh_close_store(ctx);
	return rc;
}

static int do_show(struct kh_ctx *ctx, const char *id, int version)
{
	int rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	struct kh_contract *c;
	struct kh_err err = { 0 };
	rc = kh_contract_load(ctx->store, id, version, &c, &err)
	     ? kh_err_exit_code(&err) : 0;
	if (rc == 0) {
		kh_contract_describe(c, stdout);
		kh_contract_free(c);
	}
	kh_close_store(ctx);
	return rc;
}

static int parse_version(const char *text, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || v < 1 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

static int want_args(const char *sub, int have, int want)
{
	if (have < want)
		return kh_usage("contract", "%s %s", sub, kh_tr("缺少参数", "needs an argument"));
	if (have > want)
		return kh_usage("contract", "%s: %s", sub, kh_tr("多余的参数", "unexpected argument"));
	return 0;
}

static int run_contract(const struct kh_args *args, struct kh_ctx *ctx)
{
	int version = 0;
	const char *version_text = kh_arg(args, "version");
	if (version_text && parse_version(version_text, &version))
		return kh_usage("contract", "%s", kh_tr("选项无效", "invalid option"));
	if (args->noperands < 1)
		return kh_usage("contract", "%s", kh_tr("缺少子命令", "missing subcommand"));
	const char *sub = args->operands[0];
	int nargs = args->noperands - 1;
	char **rest = args->operands + 1;
	if (version && strcmp(sub, "show") != 0)
		return kh_usage("contract", "%s", kh_tr("--version 只用于 show",
		                                        "--version goes with show only"));
	if (strcmp(sub, "check") == 0)
		return want_args(sub, nargs, 1) ? EX_USAGE : do_check(rest[0]);
	if (strcmp(sub, "add") == 0)
		return want_args(sub, nargs, 1) ? EX_USAGE : do_add(ctx, rest[0]);
	if (strcmp(sub, "list") == 0)
		return want_args(sub, nargs, 0) ? EX_USAGE : do_list(ctx);
	if (strcmp(sub, "show") == 0)
		return want_args(sub, nargs, 1) ? EX_USAGE : do_show(ctx, rest[0], version);
	return kh_usage("contract", "%s: %s", kh_tr("未知的子命令", "unknown subcommand"), sub);
}

/* check needs no database; add, list and show open it themselves
 * (kh_open_store), so a misuse is reported as such without one. */
const struct kh_command_def cmd_contract_def = { &contract_spec, run_contract,
                                                 KH_CMD_WRITES };
