/* cmd-user.c: `kaohe user add|list|passwd|disable|token|revoke|tokens` —
 * the people who may use `kaohe serve` and the insurers' API tokens
 * (server/account.h).  A password is read from a file's first line or from
 * the terminal without echo, never from the command line; a new token is
 * the only thing `user token` prints on stdout, once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "account.h"
#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "store-contracts.h"
#include "store-users.h"
#include "trail.h"
#include "xmlsafe.h"

static const struct kh_opt user_opts[] = {
	{ "role", 0, "ROLE", 0,
	  "add：角色 regulator（医保局）、panel（考核组成员）、insurer（承办机构）",
	  "add: the role: regulator (医保局), panel (考核组\nmember) or insurer (承办机构)" },
	{ "contract", 0, "ID", KH_OPT_REPEAT,
	  "add：承办机构用户可见的合同（可重复；insurer 必填）",
	  "add: a contract the insurer may see (repeatable;\nrequired for an insurer)" },
	{ "display", 0, "TEXT", 0, "add：页面上显示的名称", "add: the name shown on pages" },
	{ "password-file", 0, "FILE", 0,
	  "add、passwd：从 FILE 第一行读密码（- 为标准输入）；\n"
	  "否则在终端上输入（不回显）。不接受命令行上的密码",
	  "add, passwd: read the password from FILE's first\n"
	  "line (- for stdin); else it is asked on the terminal\n"
	  "without echo.  Never on the command line" },
	{ "label", 0, "TEXT", 0, "token：令牌的用途说明", "token: what the token is for" },
	{ "by", 0, "NAME", 0, "记入审计日志的操作人；默认 $KAOHE_USER，否则登录名",
	  "who acts, for the audit log; default $KAOHE_USER,\nelse the login name" },
	{ "password", 0, "P", KH_OPT_OPTIONAL_ARG | KH_OPT_HIDDEN, "", "" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec user_spec = {
	.name = "user", .operands = "add|list|passwd|disable|token|revoke|tokens [NAME|ID]",
	.min_operands = 1, .max_operands = -1,   /* counted in run_user, after the
	                                             check for a password in argv */
	.forms_zh =
	"kaohe user add 用户名 --role regulator|panel|insurer [--contract ID]... [--display 名称] [--password-file FILE]\n"
	"kaohe user list\n"
	"kaohe user passwd 用户名 [--password-file FILE]\n"
	"kaohe user disable 用户名\n"
	"kaohe user token 用户名 [--label 说明]\n"
	"kaohe user revoke 令牌编号\n"
	"kaohe user tokens [用户名]",
	.forms_en =
	"kaohe user add NAME --role regulator|panel|insurer [--contract ID]... [--display TEXT] [--password-file FILE]\n"
	"kaohe user list\n"
	"kaohe user passwd NAME [--password-file FILE]\n"
	"kaohe user disable NAME\n"
	"kaohe user token NAME [--label TEXT]\n"
	"kaohe user revoke TOKEN-ID\n"
	"kaohe user tokens [NAME]",
	.about_zh =
	"kaohe serve 的用户与 API 令牌。\n"
	"  add      添加用户（医保局、考核组成员看全部合同；承办机构只看绑定的合同）。\n"
	"           密码至少 8 个字节，以 Argon2id 散列保存\n"
	"  list     列出用户、角色、合同、是否停用\n"
	"  passwd   改密码（该用户的登录会话全部结束）\n"
	"  disable  停用用户（会话结束，令牌不再有效）\n"
	"  token    给承办机构用户发一个 API 令牌（kaohe submit 用）：标准输出只打印\n"
	"           令牌本身，仅此一次；库里只存它的 SHA-256\n"
	"  revoke   吊销令牌（编号见 tokens）\n"
	"  tokens   列出令牌（编号、用户、说明、创建与吊销时间；不含令牌本身）\n"
	"每一项改动都记入审计日志（kaohe log）。",
	.about_en =
	"The users of kaohe serve and their API tokens.\n"
	"  add      add a user (a regulator or panel member sees every contract,\n"
	"           an insurer only those bound to it); the password, 8 bytes at\n"
	"           least, is kept as an Argon2id hash\n"
	"  list     the users, roles, contracts, and whether disabled\n"
	"  passwd   set a password (the user's sessions end)\n"
	"  disable  disable a user (sessions end, tokens are refused)\n"
	"  token    a new API token for an insurer (for kaohe submit): stdout is\n"
	"           the token alone, shown this once; only its SHA-256 is kept\n"
	"  revoke   revoke a token (its number from tokens)\n"
	"  tokens   the tokens (number, user, label, created, revoked; never the\n"
	"           token itself)\n"
	"Every change goes to the audit trail (kaohe log).",
	.opts = user_opts,
	.notes_zh = "退出码：0 成功；64 用法错误（含弱密码、命令行上的密码）；65 用户已存在；\n"
	            "66 没有该用户、合同或令牌。详见 man kaohe-user。",
	.notes_en = "Exit: 0 done; 64 usage (also a weak password, a password on the command\n"
	            "line); 65 the user exists; 66 no such user, contract or token.\n"
	            "See man kaohe-user.",
	.quiet = 1,   /* getopt would echo "--password=SECRET" */
};

/* ---- reading a password ------------------------------------------------------ */

static void strip_newline(char *text)
{
	text[strcspn(text, "\r\n")] = '\0';
}

static int password_from_file(const char *path, char **out)
{
	*out = NULL;
	if (strcmp(path, "-") == 0) {
		char *line = NULL;
		size_t cap = 0;
		if (getline(&line, &cap, stdin) < 0) {
			free(line);
			kh_error("%s", kh_tr("标准输入没有密码", "no password on stdin"));
			return EX_NOINPUT;
		}
		strip_newline(line);
		*out = line;
		return 0;
	}
	size_t len;
	char *text = kh_read_whole_file(path, &len);
	if (!text) {
		kh_error("%s: %s", path, strerror(errno));
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	}
	struct stat st;
	if (stat(path, &st) == 0 && (st.st_mode & 077))
		kh_warn("%s: %s", path, kh_tr("密码文件可被其他用户读取（建议 chmod 600）",
		        "the password file is readable by others (chmod 600 it)"));
	if (strlen(text) != len) {
		explicit_bzero(text, len);
		free(text);
		kh_error("%s: %s", path, kh_tr("含 NUL 字节", "holds a NUL byte"));
		return EX_DATAERR;
	}
	strip_newline(text);
	*out = text;
	return 0;
}

/* One line from the terminal with echo off. */
static char *ask(int fd, FILE *tty, const char *prompt)
{
	struct termios old, quiet;
	fputs(prompt, tty);
	fflush(tty);
	int have = tcgetattr(fd, &old) == 0;
	if (have) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, tty);
	if (have)
		tcsetattr(fd, TCSAFLUSH, &old);
	fputc('\n', tty);
	if (n < 0) {
		free(line);
		return NULL;
	}
	strip_newline(line);
	return line;
}

static int password_from_terminal(char **out)
{
	*out = NULL;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	FILE *tty = fd >= 0 ? fdopen(fd, "r+") : NULL;
	if (!tty) {
		if (fd >= 0)
			close(fd);
		return kh_usage("user", "%s", kh_tr("没有终端可输入密码：请用 --password-file FILE",
		                "no terminal to ask the password on: use --password-file FILE"));
	}
	char *a = ask(fd, tty, kh_tr("密码：", "Password: "));
	char *b = a ? ask(fd, tty, kh_tr("再输一次：", "Again: ")) : NULL;
	fclose(tty);
	int rc = 0;
	if (!a || !b) {
		kh_error("%s", kh_tr("没有读到密码", "no password read"));
		rc = EX_NOINPUT;
	} else if (strcmp(a, b) != 0) {
		kh_error("%s", kh_tr("两次输入的密码不同", "the passwords differ"));
		rc = EX_USAGE;
	}
	if (b) {
		explicit_bzero(b, strlen(b));
		free(b);
	}
	if (rc && a) {
		explicit_bzero(a, strlen(a));
		free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

static int read_password(const struct kh_args *args, char **out)
{
	const char *file = kh_arg(args, "password-file");
	return file ? password_from_file(file, out) : password_from_terminal(out);
}

static void drop_password(char *pw)
{
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
}

/* ---- subcommands ---------------------------------------------------------------- */

static int check_contracts(struct kh_ctx *ctx, const char *const *ids, int n)
{
	for (int i = 0; i < n; i++) {
		struct kh_stored_contract c;
		int found;
		struct kh_err err = { 0 };
		if (kh_store_contract_get(ctx->store, ids[i], 0, &c, &found, &err))
			return kh_err_exit_code(&err);
		kh_stored_contract_free(&c);
		if (!found) {
			kh_error("%s: %s '%s' (%s)", kh_store_name(ctx->store),
			         kh_tr("没有合同", "no contract"), ids[i],
			         kh_tr("先运行 kaohe contract add", "run kaohe contract add first"));
			return EX_NOINPUT;
		}
	}
	return 0;
}

static int do_add(const struct kh_args *args, struct kh_ctx *ctx)
{
	enum kh_role role;
	const char *role_text = kh_arg(args, "role");
	if (!role_text)
		return kh_usage("user add", "%s: --role", kh_tr("缺少选项", "requires"));
	if (kh_role_parse(role_text, &role))
		return kh_usage("user add", "%s: '%s' (regulator, panel, insurer)",
		                kh_tr("未知角色", "unknown role"), role_text);
	int n = 0;
	const char *const *contracts = kh_arg_all(args, "contract", &n);
	int rc = check_contracts(ctx, contracts, n);
	if (rc)
		return rc;
	char *pw;
	if ((rc = read_password(args, &pw)))
		return rc;
	const char *weak = kh_password_weak(pw);
	if (weak) {
		drop_password(pw);
		return kh_usage("user add", "%s", weak);
	}
	long id;
	struct kh_err err = { 0 };
	const char *name = args->operands[1];
	rc = kh_account_add(ctx->store, name, role, kh_arg(args, "display"),
	                    (char *const *)contracts, (size_t)n, pw,
	                    kh_audit_who(kh_arg(args, "by")), &id, &err);
	drop_password(pw);
	if (rc)
		return kh_err_exit_code(&err);
	fprintf(stderr, "%s %s (%s)\n", kh_tr("已添加用户", "added user"), name,
	        kh_role_code(role));
	return 0;
}

static const char *role_word(const char *code)
{
	enum kh_role r;
	if (kh_lang == KH_LANG_EN || kh_role_parse(code, &r))
		return code;
	return r == KH_ROLE_REGULATOR ? "医保局" : r == KH_ROLE_PANEL ? "考核组" : "承办机构";
}

static int do_list(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_user_rec *list;
	size_t n;
	struct kh_err err = { 0 };
	if (kh_store_user_list(ctx->store, &list, &n, &err))
		return kh_err_exit_code(&err);
	for (size_t i = 0; i < n; i++) {
		struct kh_user_rec *u = &list[i];
		printf("%s\t%s\t", u->name, role_word(u->role));
		for (size_t k = 0; k < u->ncontracts; k++)
			printf("%s%s", k ? "," : "", u->contracts[k]);
		if (u->ncontracts == 0)
			printf("%s", kh_tr("全部合同", "all contracts"));
		printf("\t%s\t%s%s\n", u->created_at, *u->display ? u->display : "-",
		       u->disabled ? kh_tr("\t已停用", "\tdisabled") : "");
	}
	kh_user_recs_free(list, n);
	return 0;
}

static int do_passwd(const struct kh_args *args, struct kh_ctx *ctx)
{
	char *pw;
	int rc = read_password(args, &pw);
	if (rc)
		return rc;
	const char *weak = kh_password_weak(pw);
	if (weak) {
		drop_password(pw);
		return kh_usage("user passwd", "%s", weak);
	}
	struct kh_err err = { 0 };
	rc = kh_account_passwd(ctx->store, args->operands[1], pw,
	                       kh_audit_who(kh_arg(args, "by")), &err);
	drop_password(pw);
	return rc ? kh_err_exit_code(&err) : 0;
}

static int do_disable(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_err err = { 0 };
	if (kh_account_disable(ctx->store, args->operands[1],
	                       kh_audit_who(kh_arg(args, "by")), &err))
		return kh_err_exit_code(&err);
	return 0;
}

static int do_token(const struct kh_args *args, struct kh_ctx *ctx)
{
	char token[KH_SECRET_BUFSZ];
	long id;
	struct kh_err err = { 0 };
	if (kh_account_token_new(ctx->store, args->operands[1], 0, kh_arg(args, "label"),
	                         kh_audit_who(kh_arg(args, "by")), token, &id, &err))
		return kh_err_exit_code(&err);
	printf("%s\n", token);
	explicit_bzero(token, sizeof token);
	fprintf(stderr, "%s %ld; %s\n", kh_tr("令牌编号", "token number"), id,
	        kh_tr("令牌只显示这一次，请妥善保存", "the token is shown this once: keep it safe"));
	return 0;
}

static int do_revoke(const struct kh_args *args, struct kh_ctx *ctx)
{
	char *end;
	errno = 0;
	long id = strtol(args->operands[1], &end, 10);
	if (errno || *end || id <= 0)
		return kh_usage("user revoke", "%s: '%s'", kh_tr("令牌编号无效", "invalid token number"),
		                args->operands[1]);
	int revoked;
	struct kh_err err = { 0 };
	if (kh_account_token_revoke(ctx->store, id, 0, kh_audit_who(kh_arg(args, "by")),
	                            &revoked, &err))
		return kh_err_exit_code(&err);
	if (!revoked) {
		kh_error("%s %ld (%s)", kh_tr("没有有效的令牌", "no valid token"), id,
		         kh_tr("不存在或已吊销", "unknown or revoked already"));
		return EX_NOINPUT;
	}
	fprintf(stderr, "%s %ld\n", kh_tr("已吊销令牌", "revoked token"), id);
	return 0;
}

static int do_tokens(const struct kh_args *args, struct kh_ctx *ctx)
{
	long user_id = 0;
	struct kh_err err = { 0 };
	if (args->noperands > 1) {
		struct kh_user_rec u;
		int found;
		if (kh_store_user_get(ctx->store, args->operands[1], 0, &u, &found, &err))
			return kh_err_exit_code(&err);
		if (!found) {
			kh_error("%s: %s '%s'", kh_store_name(ctx->store), kh_tr("没有用户", "no user"),
			         args->operands[1]);
			return EX_NOINPUT;
		}
		user_id = u.id;
		kh_user_rec_free(&u);
	}
	struct kh_token_rec *list;
	size_t n;
	if (kh_store_token_list(ctx->store, user_id, &list, &n, &err))
		return kh_err_exit_code(&err);
	for (size_t i = 0; i < n; i++) {
		struct kh_token_rec *t = &list[i];
		printf("%ld\t%s\t%s\t%s\t%s\n", t->id, t->user_name, *t->label ? t->label : "-",
		       t->created_at,
		       *t->revoked_at ? t->revoked_at : kh_tr("有效", "valid"));
	}
	kh_token_recs_free(list, n);
	return 0;
}

/* ---- dispatch ------------------------------------------------------------------ */

struct sub {
	const char *name;
	int (*run)(const struct kh_args *, struct kh_ctx *);
	int min_operands, max_operands;   /* counting the subcommand */
	const char *const *takes;          /* the options it accepts */
};

static const char *const takes_add[] = { "role", "contract", "display", "password-file",
                                          "by", NULL };
static const char *const takes_passwd[] = { "password-file", "by", NULL };
static const char *const takes_by[] = { "by", NULL };
static const char *const takes_token[] = { "label", "by", NULL };
static const char *const takes_none[] = { NULL };

static const struct sub subs[] = {
	{ "add", do_add, 2, 2, takes_add },
	{ "list", do_list, 1, 1, takes_none },
	{ "passwd", do_passwd, 2, 2, takes_passwd },
	{ "disable", do_disable, 2, 2, takes_by },
	{ "token", do_token, 2, 2, takes_token },
	{ "revoke", do_revoke, 2, 2, takes_by },
	{ "tokens", do_tokens, 1, 2, takes_none },
};

static int takes(const struct sub *s, const char *opt)
{
	for (int i = 0; s->takes[i]; i++)
		if (strcmp(s->takes[i], opt) == 0)
			return 1;
	return 0;
}

static int run_user(const struct kh_args *args, struct kh_ctx *ctx)
{
	if (kh_arg_given(args, "password"))
		return kh_usage("user", "%s", kh_tr(
		        "不接受命令行上的密码（--password）：命令行参数对本机其他用户可见"
		        "（ps、/proc），也会留在 shell 历史里。请用 --password-file FILE，"
		        "或不带选项在终端上输入",
		        "a password on the command line (--password) is refused: argv is "
		        "visible to other users (ps, /proc) and stays in shell history; "
		        "use --password-file FILE, or type it when asked"));
	const char *name = args->operands[0];
	const struct sub *s = NULL;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(subs[i].name, name) == 0)
			s = &subs[i];
	if (!s)
		return kh_usage("user", "%s: %s", kh_tr("未知的子命令", "unknown subcommand"), name);
	if (args->noperands < s->min_operands)
		return kh_usage("user", "%s %s", name,
		                strcmp(name, "revoke") == 0 ? kh_tr("须给出令牌编号", "needs the token number")
		                                            : kh_tr("须给出用户名", "needs the user's NAME"));
	if (args->noperands > s->max_operands)
		return kh_usage("user", "%s: %s", name, kh_tr("多余的参数", "too many arguments"));
	for (int i = 0; user_opts[i].name; i++)
		if (strcmp(user_opts[i].name, "password") != 0
		    && kh_arg_given(args, user_opts[i].name) && !takes(s, user_opts[i].name))
			return kh_usage("user", "%s %s: --%s", name,
			                kh_tr("不接受选项", "takes no option"), user_opts[i].name);
	int rc = kh_open_store(ctx, 0);
	if (!rc)
		rc = s->run(args, ctx);
	kh_close_store(ctx);
	return rc;
}

const struct kh_command_def cmd_user_def = { &user_spec, run_user, KH_CMD_WRITES };
