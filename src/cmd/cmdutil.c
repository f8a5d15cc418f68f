/* cmdutil.c: store opening, exit codes and shared option checks for the
 * command files (options: options.c; output files: util/outfile.c).  No
 * domain logic here. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmdutil.h"
#include "msg.h"
#include "outfile.h"

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

int kh_usage(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kh_verror(fmt, ap);
	va_end(ap);
	if (command)
		fprintf(stderr, "%s 'kaohe %s --help'\n",
		        kh_tr("用法见", "try"), command);
	else
		fprintf(stderr, "%s 'kaohe --help'\n", kh_tr("用法见", "try"));
	return EX_USAGE;
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
