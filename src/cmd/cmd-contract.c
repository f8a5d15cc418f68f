/* cmd-contract.c: `kaohe contract check|add|list|show` — parses options,
 * calls contract.c and prints.  No parsing or storing logic here; a file
 * that does not validate is never stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "contract.h"
#include "msg.h"

static const char help_zh[] =
	"用法: kaohe [--db FILE] contract check FILE\n"
	"      kaohe [--db FILE] contract add FILE|模板名\n"
	"      kaohe [--db FILE] contract list\n"
	"      kaohe [--db FILE] contract show ID [--version N]\n"
	"\n"
	"合同定义是 XML 文件（命名空间 urn:kaohe:contract:1，格式见 kaohe-contract(5)），\n"
	"每次读取都按 data/schema/contract.rng 校验。\n"
	"  check FILE     校验文件，不写入数据库\n"
	"  add FILE       校验并登记；内容有变化时存为新版本，未变化时提示 unchanged。\n"
	"                 合同编号为文件名去掉 .xml；也可只写模板名（如 henan-dbbx-2024），\n"
	"                 此时使用随程序提供的 data/contracts/模板名.xml\n"
	"  list           列出合同：编号、最新版本、标题、乙方、指标数\n"
	"  show ID        逐条显示指标：编号、条款、释义、度量与参数、分值、后果\n"
	"\n"
	"选项:\n"
	"  --version N    show 显示指定版本（默认最新）\n"
	"  --lang zh|en   输出语言\n"
	"  --db FILE      数据库文件\n"
	"  -h, --help     显示本帮助\n"
	"退出状态: 0 成功, 64 用法错误, 65 文件内容有误, 66 文件或合同不存在。\n";
static const char help_en[] =
	"usage: kaohe [--db FILE] contract check FILE\n"
	"       kaohe [--db FILE] contract add FILE|TEMPLATE\n"
	"       kaohe [--db FILE] contract list\n"
	"       kaohe [--db FILE] contract show ID [--version N]\n"
	"\n"
	"A contract definition is an XML file (namespace urn:kaohe:contract:1, see\n"
	"kaohe-contract(5)), validated against data/schema/contract.rng on every load.\n"
	"  check FILE     validate the file; the database is not touched\n"
	"  add FILE       validate and store it; a changed file becomes a new version,\n"
	"                 an unchanged one is reported as unchanged.  The id is the\n"
	"                 file's base name without .xml; a bare template name (e.g.\n"
	"                 henan-dbbx-2024) uses the shipped data/contracts/NAME.xml\n"
	"  list           id, newest version, title, insurer, number of indicators\n"
	"  show ID        every indicator: id, clause, paraphrase, measure and\n"
	"                 parameters, points, consequences\n"
	"\n"
	"Options:\n"
	"  --version N    with show: that stored version (default: the newest)\n"
	"  --lang zh|en   output language\n"
	"  --db FILE      database file\n"
	"  -h, --help     show this help\n"
	"Exit status: 0 success, 64 usage, 65 bad file, 66 missing file or contract.\n";

enum { OPT_VERSION = KH_OPT_FIRST_COMMAND_OPTION };

static int do_check(const char *arg)
{
	char *path = kh_contract_resolve(arg);
	struct kh_contract *c;
	int rc = kh_contract_parse_file(path, &c);
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

int cmd_contract(int argc, char **argv, struct kh_ctx *ctx)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ "version", required_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int opt, version = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int done, rc = kh_common_option(opt, optarg, ctx, "contract", help_zh,
		                                 help_en, &done);
		if (done)
			return rc;
		if (rc == 0)
			continue;
		if (opt == OPT_VERSION && parse_version(optarg, &version) == 0)
			continue;
		return kh_usage("contract", "%s", kh_tr("选项无效", "invalid option"));
	}
	if (optind >= argc)
		return kh_usage("contract", "%s", kh_tr("缺少子命令", "missing subcommand"));
	const char *sub = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	int rc;
	if (version && strcmp(sub, "show") != 0)
		return kh_usage("contract", "%s", kh_tr("--version 只用于 show",
		                                        "--version goes with show only"));
	if (strcmp(sub, "check") == 0)
		rc = want_args(sub, nargs, 1) ? EX_USAGE : do_check(args[0]);
	else if (strcmp(sub, "add") == 0)
		rc = want_args(sub, nargs, 1) ? EX_USAGE : do_add(ctx, args[0]);
	else if (strcmp(sub, "list") == 0)
		rc = want_args(sub, nargs, 0) ? EX_USAGE : do_list(ctx);
	else if (strcmp(sub, "show") == 0)
		rc = want_args(sub, nargs, 1) ? EX_USAGE : do_show(ctx, args[0], version);
	else
		return kh_usage("contract", "%s: %s", kh_tr("未知的子命令", "unknown subcommand"), sub);
	if (rc == 0)
		rc = kh_stdout_flush();
	return rc;
}
