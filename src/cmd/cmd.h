/* cmd.h: the interface between main.c's command table and the command
 * files.  A command parses its own options, validates, calls domain code
 * and prints; it returns a sysexits.h code (0 on success). */
#ifndef KAOHE_CMD_H
#define KAOHE_CMD_H

struct kh_store;

/* What main hands every command: options given before the command name. */
struct kh_ctx {
	const char *db_option;   /* --db FILE given before the command, or NULL */
	struct kh_store *store;  /* the store, once opened */
};

typedef int kh_command_fn(int argc, char **argv, struct kh_ctx *ctx);

kh_command_fn cmd_init;
kh_command_fn cmd_contract;
kh_command_fn cmd_import;
kh_command_fn cmd_calendar;
kh_command_fn cmd_score;
kh_command_fn cmd_report;
kh_command_fn cmd_fees;
kh_command_fn cmd_settle;
kh_command_fn cmd_monthly;
kh_command_fn cmd_submit;
kh_command_fn cmd_demo;

#endif
