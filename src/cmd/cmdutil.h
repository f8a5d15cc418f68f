/* cmdutil.h: what every command file shares — the common options (--help,
 * --lang, --db), help printing, opening the store, and XML output files
 * (through util/outfile.h, the one output writer). */
#ifndef KAOHE_CMDUTIL_H
#define KAOHE_CMDUTIL_H

#include <getopt.h>
#include <stdio.h>
#include <libxml/tree.h>

#include "cmd.h"
#include "dates.h"
#include "err.h"
#include "store.h"

/* getopt_long values for the options every command accepts.  Put
 * KH_COMMON_LONG_OPTIONS' three entries in each command's table:
 *   { "help", no_argument, NULL, 'h' },
 *   { "lang", required_argument, NULL, KH_OPT_LANG },
 *   { "db",   required_argument, NULL, KH_OPT_DB },          */
enum { KH_OPT_LANG = 1000, KH_OPT_DB, KH_OPT_FIRST_COMMAND_OPTION = 1100 };

/* Handle 'h', KH_OPT_LANG, KH_OPT_DB.  Returns -1 when `opt` is not common,
 * else 0 to go on, or an exit code (*done set) when the command should
 * return now (help printed: 0; bad --lang: 64). */
int kh_common_option(int opt, const char *arg, struct kh_ctx *ctx,
                     const char *command, const char *help_zh,
                     const char *help_en, int *done);

/* The whole option loop of a command that takes only the common options:
 * returns 0 with optind at the first operand, or an exit code with *done
 * set (help printed, or a usage error). */
int kh_parse_common_only(int argc, char **argv, struct kh_ctx *ctx,
                         const char *command, const char *help_zh,
                         const char *help_en, int *done);

/* Print the help text of the current language to stdout. */
void kh_print_help(const char *help_zh, const char *help_en);

/* Open the store named by ctx (see kh_store_path) as ctx->store, creating
 * the file when `create` is set.  0 or an exit code after printing why. */
int kh_open_store(struct kh_ctx *ctx, int create);
/* Close what kh_open_store opened. */
void kh_close_store(struct kh_ctx *ctx);
/* The sysexits code for a failure reported through struct kh_err. */
int kh_err_exit_code(const struct kh_err *err);

/* --period P and --as-of D as the commands that judge a period take them:
 * the period in any of its forms, the as-of day defaulting to the period's
 * last day (an earlier day judges only what was due by then; one before
 * the period judges nothing).  0, or EX_USAGE after printing why. */
int kh_parse_period_as_of(const char *command, const char *period_text,
                          const char *as_of_text, struct kh_period *period,
                          kh_day *as_of);

/* Reset getopt for a command's argv (argv[0] is the command name). */
void kh_getopt_reset(void);

/* An XML document, indented, in UTF-8, to PATH (outfile.h: "-" is stdout,
 * a regular file is replaced atomically, anything else written through).
 * 0 or an exit code after printing why. */
int kh_out_write_xml(xmlDocPtr doc, const char *path);

/* Check that stdout was really written (call before returning 0). */
int kh_stdout_flush(void);

#endif
