/* cmd.h: the interface between main.c's command table and the command
 * files.  A command declares its options (options.h), validates, calls
 * the layers below and prints; it returns a sysexits.h code (0 on
 * success). */
#ifndef KAOHE_CMD_H
#define KAOHE_CMD_H

struct kh_store;

/* What main hands every command: options given before the command name. */
struct kh_ctx {
	const char *db_option;   /* --db FILE given before the command, or NULL */
	struct kh_store *store;  /* the store, once opened */
};

/* A command's declarative option table (options.h): main parses the
 * line by its spec, opens the store when the table says so, and calls it
 * with the parsed arguments. */
struct kh_args;
typedef int kh_run_fn(const struct kh_args *args, struct kh_ctx *ctx);

/* What a command needs before it runs (the command table's flags).  A
 * command that only sometimes needs the store (report --from, import after
 * checking its KIND, contract check, calendar and submit after checking
 * their arguments) sets neither STORE flag and opens
 * it itself through cmdutil's kh_open_store. */
enum {
	KH_CMD_STORE = 1,         /* an existing store, opened by main */
	KH_CMD_STORE_CREATE = 2,  /* the store, created when missing (init) */
	KH_CMD_WRITES = 4,        /* it changes the store (documentation, logs) */
};

/* A command's spec and entry point, declared by its file. */
struct kh_cmd_spec;
struct kh_command_def {
	const struct kh_cmd_spec *spec;
	kh_run_fn *run;
	int flags;
};

extern const struct kh_command_def cmd_init_def;
extern const struct kh_command_def cmd_contract_def;
extern const struct kh_command_def cmd_import_def;
extern const struct kh_command_def cmd_calendar_def;
extern const struct kh_command_def cmd_score_def;
extern const struct kh_command_def cmd_report_def;
extern const struct kh_command_def cmd_fees_def;
extern const struct kh_command_def cmd_settle_def;
extern const struct kh_command_def cmd_monthly_def;
extern const struct kh_command_def cmd_submit_def;
extern const struct kh_command_def cmd_demo_def;
extern const struct kh_command_def cmd_due_def;
extern const struct kh_command_def cmd_decide_def;   /* issue 17 */
extern const struct kh_command_def cmd_appeal_def;
extern const struct kh_command_def cmd_ledger_def;
extern const struct kh_command_def cmd_log_def;
extern const struct kh_command_def cmd_trend_def;
extern const struct kh_command_def cmd_compare_def;
extern const struct kh_command_def cmd_serve_def;     /* issue 20 */
extern const struct kh_command_def cmd_user_def;     /* issue 20 */

#endif
