/* options.c: parsing a command line by its struct kh_cmd_spec and printing
 * the help from the same table (options.h).  Builds getopt_long's table at
 * run time from the spec; never interprets an option's meaning. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "options.h"

/* The options every command takes, after its own. */
static const struct kh_opt common_opts[] = {
	{ "lang", 0, "zh|en", 0, "输出语言（默认中文）", "output language (default Chinese)" },
	{ "db", 0, "FILE", 0, "数据库（SQLite 文件，或 postgresql://… 地址），"
	  "否则 $KAOHE_DB，否则 ./kaohe.db",
	  "database (a SQLite file, or a postgresql://... URL), else $KAOHE_DB, "
	  "else ./kaohe.db" },
	{ "help", 'h', NULL, 0, "显示本帮助", "show this help" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static size_t count_opts(const struct kh_opt *opts)
{
	size_t n = 0;
	while (opts && opts[n].name)
		n++;
	return n;
}

/* Index into the spec's options, or -1. */
static int find_opt(const struct kh_cmd_spec *spec, const char *name)
{
	for (size_t i = 0; spec->opts && spec->opts[i].name; i++)
		if (strcmp(spec->opts[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *kh_arg(const struct kh_args *args, const char *name)
{
	int i = find_opt(args->spec, name);
	return i < 0 ? NULL : args->value[i];
}

int kh_arg_given(const struct kh_args *args, const char *name)
{
	int i = find_opt(args->spec, name);
	return i >= 0 && args->count[i] > 0;
}

const char *const *kh_arg_all(const struct kh_args *args, const char *name,
                              int *count)
{
	int i = find_opt(args->spec, name);
	*count = i < 0 ? 0 : args->count[i];
	return i < 0 ? NULL : args->values[i];
}

void kh_args_free(struct kh_args *args)
{
	for (size_t i = 0; i < KH_ARGS_MAX_OPTS; i++)
		free(args->values[i]);
	memset(args, 0, sizeof *args);
}

/* ---- help --------------------------------------------------------------- */

/* " ARG", "[=ARG" for an optional argument, or nothing for a flag. */
static const char *arg_sep(const struct kh_opt *o)
{
	if (!o->arg)
		return "";
	return (o->flags & KH_OPT_OPTIONAL_ARG) ? "[=" : " ";
}

static const char *optional_close(const struct kh_opt *o)
{
	return o->arg && (o->flags & KH_OPT_OPTIONAL_ARG) ? "]" : "";
}

static void print_usage_line(const struct kh_cmd_spec *spec)
{
	printf("%s: kaohe %s", kh_tr("用法", "usage"), spec->name);
	for (size_t i = 0; spec->opts && spec->opts[i].name; i++) {
		const struct kh_opt *o = &spec->opts[i];
		if (o->flags & KH_OPT_HIDDEN)
			continue;
		int required = (o->flags & KH_OPT_REQUIRED) != 0;
		printf(" %s--%s%s%s%s%s", required ? "" : "[", o->name, arg_sep(o),
		       o->arg ? o->arg : "", optional_close(o), required ? "" : "]");
	}
	if (spec->operands)
		printf(" %s", spec->operands);
	putchar('\n');
	/* the other forms, lined up under "kaohe" ("用法: " is 6 columns wide) */
	const char *forms = kh_tr(spec->forms_zh, spec->forms_en);
	int indent = kh_lang == KH_LANG_EN ? 7 : 6;
	for (const char *p = forms; p && *p; ) {
		size_t len = strcspn(p, "\n");
		printf("%*s%.*s\n", indent, "", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* "  -o, --output PATH        text", continuation lines indented; options
 * without a short name line up with those that have one. */
static void print_opt(const struct kh_opt *o)
{
	char left[64], shortpart[8] = "    ";
	if (o->short_name)
		snprintf(shortpart, sizeof shortpart, "-%c, ", o->short_name);
	snprintf(left, sizeof left, "%s--%s%s%s%s", shortpart, o->name, arg_sep(o),
	         o->arg ? o->arg : "", optional_close(o));
	if (strlen(left) > 26)   /* too long to share a line with its text */
		printf("  %s\n  %-26s", left, "");
	else
		printf("  %-26s", left);
	for (const char *p = kh_tr(o->help_zh, o->help_en); *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			printf("  %-26s", "");
	}
	putchar('\n');
}

void kh_help_print(const struct kh_cmd_spec *spec)
{
	print_usage_line(spec);
	const char *about = kh_tr(spec->about_zh, spec->about_en);
	if (about && *about)
		printf("\n%s\n", about);
	putchar('\n');
	for (size_t i = 0; spec->opts && spec->opts[i].name; i++)
		if (!(spec->opts[i].flags & KH_OPT_HIDDEN))
			print_opt(&spec->opts[i]);
	for (size_t i = 0; common_opts[i].name; i++)
		print_opt(&common_opts[i]);
	const char *notes = kh_tr(spec->notes_zh, spec->notes_en);
	if (notes && *notes)
		printf("\n%s\n", notes);
}

/* ---- parsing ------------------------------------------------------------ */

enum { COMMON_BASE = 1000 };   /* getopt values of the common options */

/* Reset getopt for a command's argv (argv[0] is the command name). */
static void getopt_reset(void)
{
	optind = 0;   /* GNU getopt: 0 reinitialises completely */
	opterr = 1;
}

static int usage_error(const struct kh_cmd_spec *spec, int *done, const char *what,
                      const char *detail)
{
	*done = 1;
	if (detail)
		return kh_usage(spec->name, "%s: %s", what, detail);
	return kh_usage(spec->name, "%s", what);
}

/* A bad option under spec->quiet: named as typed, without any "=value". */
static int quiet_usage_error(const struct kh_cmd_spec *spec, int argc, char **argv,
                             int *done)
{
	const char *typed = optind - 1 < argc && optind > 0 ? argv[optind - 1] : "?";
	*done = 1;
	return kh_usage(spec->name, "%s: %.*s", kh_tr("选项无效或缺少参数",
	                "invalid option or missing argument"),
	                (int)strcspn(typed, "="), typed);
}

static void keep_value(struct kh_args *out, int i, const char *value)
{
	out->value[i] = value;
	out->values[i] = kh_xrealloc(out->values[i],
	                             (size_t)(out->count[i] + 1) * sizeof *out->values[i]);
	out->values[i][out->count[i]++] = value;
}

/* Handle one of the common options; 0, or an exit code with *done. */
static int common_option(const struct kh_cmd_spec *spec, int which, const char *arg,
                         struct kh_ctx *ctx, int *done)
{
	if (which == 0) {           /* --lang */
		if (kh_lang_parse(arg, &kh_lang))
			return usage_error(spec, done, kh_tr("未知语言", "unknown language"), arg);
	} else if (which == 1) {    /* --db */
		ctx->db_option = arg;
	} else {                    /* --help */
		kh_help_print(spec);
		*done = 1;
		return kh_stdout_flush();
	}
	return 0;
}

static int check_required(const struct kh_cmd_spec *spec, const struct kh_args *out,
                          int *done)
{
	for (size_t i = 0; spec->opts && spec->opts[i].name; i++) {
		if (!(spec->opts[i].flags & KH_OPT_REQUIRED) || out->count[i])
			continue;
		*done = 1;
		if (kh_lang == KH_LANG_EN)
			return kh_usage(spec->name, "--%s is required", spec->opts[i].name);
		return kh_usage(spec->name, "缺少 --%s", spec->opts[i].name);
	}
	return 0;
}

int kh_args_parse(const struct kh_cmd_spec *spec, int argc, char **argv,
                  struct kh_ctx *ctx, struct kh_args *out, int *done)
{
	memset(out, 0, sizeof *out);
	out->spec = spec;
	*done = 0;
	size_t nown = count_opts(spec->opts), ncommon = count_opts(common_opts);
	if (nown > KH_ARGS_MAX_OPTS)
		return usage_error(spec, done, "too many options in the spec", NULL);
	struct option *table = kh_xcalloc(nown + ncommon + 1, sizeof *table);
	char shorts[2 * KH_ARGS_MAX_OPTS + 8] = "";
	size_t ns = 0;
	for (size_t i = 0; i < nown + ncommon; i++) {
		const struct kh_opt *o = i < nown ? &spec->opts[i] : &common_opts[i - nown];
		table[i].name = o->name;
		table[i].has_arg = !o->arg ? no_argument
		                 : (o->flags & KH_OPT_OPTIONAL_ARG) ? optional_argument
		                 : required_argument;
		table[i].val = i < nown ? (int)i : COMMON_BASE + (int)(i - nown);
		if (o->short_name) {
			shorts[ns++] = o->short_name;
			if (o->arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	getopt_reset();
	if (spec->quiet)
		opterr = 0;
	int opt, rc = 0;
	while (!*done && (opt = getopt_long(argc, argv, shorts, table, NULL)) != -1) {
		if (opt >= 0 && (size_t)opt < nown) {
			keep_value(out, opt, spec->opts[opt].arg && optarg ? optarg : "");
			continue;
		}
		if (opt >= COMMON_BASE) {
			rc = common_option(spec, opt - COMMON_BASE, optarg, ctx, done);
			continue;
		}
		/* a short option letter: map it to its entry */
		size_t i;
		for (i = 0; i < nown + ncommon; i++) {
			const struct kh_opt *o = i < nown ? &spec->opts[i] : &common_opts[i - nown];
			if (o->short_name && o->short_name == opt)
				break;
		}
		if (i < nown)
			keep_value(out, (int)i, spec->opts[i].arg ? optarg : "");
		else if (i < nown + ncommon)
			rc = common_option(spec, (int)(i - nown), optarg, ctx, done);
		else if (spec->quiet)
			rc = quiet_usage_error(spec, argc, argv, done);
		else   /* getopt printed what is wrong */
			rc = usage_error(spec, done, kh_tr("选项无效", "invalid option"), NULL);
	}
	free(table);
	if (*done)
		return rc;
	out->operands = argv + optind;
	out->noperands = argc - optind;
	if (out->noperands < spec->min_operands)
		return usage_error(spec, done, kh_tr("缺少参数", "missing argument"),
		                   spec->operands);
	if (spec->max_operands >= 0 && out->noperands > spec->max_operands)
		return usage_error(spec, done, kh_tr("多余的参数", "unexpected argument"),
		                   out->operands[spec->max_operands]);
	return check_required(spec, out, done);
}
