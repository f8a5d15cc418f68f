/* options.h: a command's options as data.  Each command (or subcommand)
 * declares a struct kh_cmd_spec — its usage, what it does, and a table of
 * options with their help in both languages; kh_args_parse parses argv by
 * that table (getopt_long underneath) and --help prints from the same
 * table, so the two cannot disagree.  --help, --lang and --db are common to
 * every command and added here.  Parsing only: no option means anything
 * to this file beyond "given, with this argument". */
#ifndef KAOHE_OPTIONS_H
#define KAOHE_OPTIONS_H

#include "cmd.h"

enum { KH_OPT_REQUIRED = 1,   /* the command cannot run without it */
       KH_OPT_REPEAT = 2,     /* may be given more than once (all kept) */
       KH_OPT_OPTIONAL_ARG = 4,   /* --name or --name=ARG ("" when bare) */
       KH_OPT_HIDDEN = 8 };   /* accepted but not in --help (an option the
                                 command only exists to refuse) */

struct kh_opt {
	const char *name;         /* long name without "--" ("contract") */
	char short_name;          /* 'o', or 0 */
	const char *arg;          /* the argument's name ("ID"), NULL for a flag */
	int flags;                /* KH_OPT_REQUIRED | KH_OPT_REPEAT */
	const char *help_zh;      /* one line or more ("\n" continues) */
	const char *help_en;
};

struct kh_cmd_spec {
	const char *name;         /* "score", "contract add" */
	const char *operands;     /* after the options in the usage ("FILE..."), or NULL */
	int min_operands, max_operands;   /* max -1: any number */
	const char *about_zh;     /* the paragraph under the usage */
	const char *about_en;
	const struct kh_opt *opts;  /* ended by a NULL name */
	const char *notes_zh;     /* after the options (exit codes, see also), or NULL */
	const char *notes_en;
	const char *forms_zh;     /* more usage lines ("kaohe x sub ARG\n..."),
	                             printed under the generated one, or NULL */
	const char *forms_en;
	int quiet;                /* getopt prints nothing, and a bad option is
	                             named without its "=value" (it may be a
	                             secret) */
};

#define KH_ARGS_MAX_OPTS 32

/* What kh_args_parse found. */
struct kh_args {
	const struct kh_cmd_spec *spec;
	const char *value[KH_ARGS_MAX_OPTS];  /* per option: the last argument
	                                         given, "" for a flag, NULL */
	const char **values[KH_ARGS_MAX_OPTS];/* KH_OPT_REPEAT: every argument */
	int count[KH_ARGS_MAX_OPTS];
	char **operands;
	int noperands;
};

/* Parse argv (argv[0] is the command's name) by the spec.  Returns 0 with
 * *done = 0 to go on; else *done = 1 and the exit code: 0 after --help,
 * EX_USAGE after printing the misuse (unknown option, missing argument,
 * missing required option, wrong number of operands).  --lang takes
 * effect at once; --db goes to ctx->db_option. */
int kh_args_parse(const struct kh_cmd_spec *spec, int argc, char **argv,
                  struct kh_ctx *ctx, struct kh_args *out, int *done);
void kh_args_free(struct kh_args *args);

/* The option's argument (last one given), or NULL when not given. */
const char *kh_arg(const struct kh_args *args, const char *name);
/* 1 when the option (a flag or one with an argument) was given. */
int kh_arg_given(const struct kh_args *args, const char *name);
/* Every argument of a KH_OPT_REPEAT option; *count of them. */
const char *const *kh_arg_all(const struct kh_args *args, const char *name,
                              int *count);

/* Print the command's help in the current language to stdout. */
void kh_help_print(const struct kh_cmd_spec *spec);

#endif
