/* cmdutil.c: common option handling, help printing and store opening for
 * the command files (output files: util/outfile.c).  No domain logic here. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmdutil.h"
#include "msg.h"
#include "outfile.h"

void kh_getopt_reset(void)
{
	optind = 0;   /* GNU getopt: 0 reinitialises completely */
	opterr = 1;
}

void kh_print_help(const char *help_zh, const char *help_en)
{
	fputs(kh_lang == KH_LANG_EN ? help_en : help_zh, stdout);
}

int kh_common_option(int opt, const char *arg, struct kh_ctx *ctx,
                     const char *command, const char *help_zh,
                     const char *help_en, int *done)
{
	*done = 0;
	switch (opt) {
	case 'h':
		kh_print_help(help_zh, help_en);
		*done = 1;
		return kh_stdout_flush();
	case KH_OPT_LANG:
		if (kh_lang_parse(arg, &kh_lang)) {
			*done = 1;
			return kh_usage(command, "%s: '%s'",
			                kh_tr("未知语言", "unknown language"), arg);
		}
		return 0;
	case KH_OPT_DB:
		ctx->db_option = arg;
		return 0;
	default:
		return -1;
	}
}

int kh_parse_common_only(int argc, char **argv, struct kh_ctx *ctx,
                         const char *command, const char *help_zh,
                         const char *help_en, int *done)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, KH_OPT_LANG },
		{ "db", required_argument, NULL, KH_OPT_DB },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	*done = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int rc = kh_common_option(opt, optarg, ctx, command, help_zh, help_en, done);
		if (*done)
			return rc;
		if (rc < 0) {
			*done = 1;
			return kh_usage(command, "%s", kh_tr("选项无效", "invalid option"));
		}
	}
	return 0;
}

int kh_parse_period_as_of(const char *command, const char *period_text,
                          const char *as_of_text, struct kh_period *period,
                          kh_day *as_of)
{
	if (!period_text)
		return kh_usage(command, "%s", kh_tr("缺少 --period", "--period is required"));
	if (kh_period_parse(period_text, period))
		return kh_usage(command, "%s: '%s'", kh_tr("考核期无效", "invalid period"),
		                period_text);
	*as_of = period->last;
	if (as_of_text && kh_day_parse(as_of_text, as_of))
		return kh_usage(command, "--as-of: %s: '%s'", kh_tr("日期无效", "invalid date"),
		                as_of_text);
	return 0;
}

int kh_open_store(struct kh_ctx *ctx, int create)
{
	struct kh_err err = { 0 };
	if (kh_store_open(kh_store_path(ctx->db_option), create ? KH_STORE_CREATE : 0,
	                  &ctx->store, &err))
		return kh_err_exit_code(&err);
	return 0;
}

void kh_close_store(struct kh_ctx *ctx)
{
	kh_store_close(ctx->store);
	ctx->store = NULL;
}

int kh_err_exit_code(const struct kh_err *err)
{
	switch (err->kind) {
	case KH_ERR_NONE: return EX_SOFTWARE;  /* failed without saying why */
	case KH_ERR_USAGE: return EX_USAGE;
	case KH_ERR_DATA: return EX_DATAERR;
	case KH_ERR_NOINPUT: return EX_NOINPUT;
	case KH_ERR_IO: return EX_IOERR;
	case KH_ERR_CANTCREAT: return EX_CANTCREAT;
	case KH_ERR_SOFTWARE: return EX_SOFTWARE;
	case KH_ERR_UNAVAILABLE: return EX_UNAVAILABLE;
	case KH_ERR_TEMPFAIL: return EX_TEMPFAIL;
	case KH_ERR_PROTOCOL: return EX_PROTOCOL;
	case KH_ERR_NOPERM: return EX_NOPERM;
	case KH_ERR_CONFIG: return EX_CONFIG;
	case KH_ERR_OSERR: return EX_OSERR;
	}
	return EX_SOFTWARE;
}

int kh_out_write_xml(xmlDocPtr doc, const char *path)
{
	return kh_outfile_write_xml(doc, path);
}

int kh_stdout_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		kh_error("%s: %s", kh_tr("写标准输出失败", "write to stdout failed"),
		         strerror(errno));
		return EX_IOERR;
	}
	return 0;
}
