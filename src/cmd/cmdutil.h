/* cmdutil.h: what every command file shares — opening the store, exit
 * codes for struct kh_err, --period/--as-of, and XML output files (through
 * util/outfile.h, the one output writer).  Options: options.h. */
#ifndef KAOHE_CMDUTIL_H
#define KAOHE_CMDUTIL_H

#include <stdio.h>
#include <libxml/tree.h>

#include "cmd.h"
#include "dates.h"
#include "err.h"
#include "store.h"

/* Open the store named by ctx (see kh_store_path) as ctx->store, creating
 * the file when `create` is set.  0 or an exit code after printing why. */
int kh_open_store(struct kh_ctx *ctx, int create);
/* Close what kh_open_store opened. */
void kh_close_store(struct kh_ctx *ctx);
/* The sysexits code for a failure reported through struct kh_err. */
int kh_err_exit_code(const struct kh_err *err);

/* Misuse of a command: prints the message and "try 'kaohe CMD --help'",
 * returns EX_USAGE so callers can `return kh_usage(...)`. */
int kh_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --period P and --as-of D as the commands that judge a period take them:
 * the period in any of its forms, the as-of day defaulting to the period's
 * last day (an earlier day judges only what was due by then; one before
 * the period judges nothing).  0, or EX_USAGE after printing why. */
int kh_parse_period_as_of(const char *command, const char *period_text,
                          const char *as_of_text, struct kh_period *period,
                          kh_day *as_of);

/* An XML document, indented, in UTF-8, to PATH (outfile.h: "-" is stdout,
 * a regular file is replaced atomically, anything else written through).
 * 0 or an exit code after printing why. */
int kh_out_write_xml(xmlDocPtr doc, const char *path);

/* Check that stdout was really written (call before returning 0). */
int kh_stdout_flush(void);

#endif
