/* cmd-submit.c: `kaohe submit FILE --url URL` — options, the token from a
 * file or the environment, the file's metadata and key, then submit.c does
 * the sending and recording.  Never accepts a token on the command line and
 * never echoes one (getopt's own messages are off for that reason). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "dates.h"
#include "msg.h"
#include "options.h"
#include "sha256.h"
#include "submit.h"
#include "xmlsafe.h"

static const struct kh_opt submit_opts[] = {
	{ "url", 0, "URL", 0, "接收地址（仅 https://；不跟随重定向）",
	  "where to send (https:// only; redirects not followed)" },
	{ "cacert", 0, "FILE", 0, "私有 CA 证书（PEM）；证书验证始终开启",
	  "a private CA (PEM); verification is always on" },
	{ "token-file", 0, "FILE", 0,
	  "从文件读取令牌（第一行），否则用 $KAOHE_TOKEN\n"
	  "（不接受命令行上的 --token：会出现在 ps 和历史记录里）",
	  "read the bearer token from FILE (first line), else\n"
	  "$KAOHE_TOKEN (no --token: argv shows in ps and history)" },
	{ "contract", 0, "ID", 0, "合同编号 ┐ FILE 是 kaohe 月报表时取自其根元素，",
	  "contract  ┐ taken from the root element when FILE is" },
	{ "report", 0, "KIND", 0, "报表类型 ├ 否则必须给出",
	  "report    ├ a kaohe monthly report, else required" },
	{ "period", 0, "P", 0, "所属期   ┘ （2024-03、2024H1、2024）",
	  "period    ┘ (2024-03, 2024H1, 2024)" },
	{ "content-type", 0, "TYPE", 0, "Content-Type（默认按扩展名）",
	  "Content-Type (default: from the file name)" },
	{ "retries", 0, "N", 0,
	  "超时、连接错误、5xx、408、429 时重试 N 次（默认 4），\n"
	  "指数退避加抖动；首次等待 $KAOHE_RETRY_BASE_MS 毫秒\n（默认 500）",
	  "retry timeouts, connection errors, 5xx, 408 and 429\n"
	  "N times (default 4) with exponential backoff and\n"
	  "jitter; first delay $KAOHE_RETRY_BASE_MS ms (default 500)" },
	{ "connect-timeout", 0, "S", 0, "连接超时秒数（默认 10）",
	  "connect timeout in seconds (default 10)" },
	{ "timeout", 0, "S", 0, "每次请求总超时秒数（默认 60）",
	  "total timeout per request in seconds (default 60)" },
	{ "force", 0, NULL, 0,
	  "数据库已有同一文件的受理回执时仍然发送\n"
	  "（服务器按 Idempotency-Key 去重，不会重复受理）",
	  "send even when the database holds an accepted\n"
	  "receipt for this file (the server still dedupes by\n"
	  "Idempotency-Key)" },
	/* accepted only to be refused with a reason */
	{ "token", 0, "TOKEN", KH_OPT_OPTIONAL_ARG | KH_OPT_HIDDEN, "", "" },
	{ "insecure", 'k', NULL, KH_OPT_HIDDEN, "", "" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec submit_spec = {
	.name = "submit", .operands = "FILE", .min_operands = 0, .max_operands = -1,
	.quiet = 1,   /* getopt would echo "--token=SECRET"-like text */
	.about_zh =
	"以 HTTPS POST 把报表文件原样报送给医保部门，并把回执记入数据库\n"
	"（submissions 表，source='submit'），供 report.monthly 等指标考核。",
	.about_en =
	"Send a report file, unchanged, to the regulator with an HTTPS POST and\n"
	"record the receipt in the database (table submissions, source='submit')\n"
	"so that report.monthly and the other report indicators judge it.",
	.opts = submit_opts,
	.notes_zh =
	"退出码: 0 已受理（或此前已受理，未重发）；64 用法错误；65 服务器拒收内容\n"
	"（400/422 或回执 accepted=false）；66 文件缺失；69 服务不可用或拒绝\n"
	"（证书无法验证、401/403、其他 4xx、重定向、回执无效）；75 重试后仍暂时失败。\n"
	"详见 man kaohe-submit。",
	.notes_en =
	"Exit status: 0 accepted (or accepted before and not re-sent); 64 usage;\n"
	"65 the server rejected the content (400/422, or accepted=false); 66 missing\n"
	"file; 69 unavailable or refused (certificate not verified, 401/403, other\n"
	"4xx, redirect, invalid receipt); 75 still failing after the retries.\n"
	"See man kaohe-submit.",
};

struct submit_options {
	const char *file, *url, *cacert, *token_file;
	const char *contract, *report, *period, *content_type;
	long retries, connect_timeout_s, timeout_s;
	int force;
};

static int parse_long(const char *text, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The options' values and the checks that need no file; 0 or EX_USAGE. */
static int parse_options(const struct kh_args *args, struct submit_options *o)
{
	if (kh_arg_given(args, "token"))
		return kh_usage("submit", "%s", kh_tr(
		        "不接受命令行上的令牌（--token）：命令行参数对本机其他用户"
		        "可见（ps、/proc），也会留在 shell 历史里。"
		        "请用 --token-file FILE 或环境变量 KAOHE_TOKEN",
		        "a token on the command line (--token) is refused: argv is "
		        "visible to other users (ps, /proc) and stays in shell "
		        "history; use --token-file FILE or $KAOHE_TOKEN"));
	if (kh_arg_given(args, "insecure"))
		return kh_usage("submit", "%s", kh_tr(
		        "不提供关闭证书验证的选项；私有 CA 请用 --cacert FILE",
		        "there is no switch that turns certificate verification "
		        "off; use --cacert FILE for a private CA"));
	o->url = kh_arg(args, "url");
	o->cacert = kh_arg(args, "cacert");
	o->token_file = kh_arg(args, "token-file");
	o->contract = kh_arg(args, "contract");
	o->report = kh_arg(args, "report");
	o->period = kh_arg(args, "period");
	o->content_type = kh_arg(args, "content-type");
	o->force = kh_arg_given(args, "force");
	const char *text = kh_arg(args, "retries");
	if (text && parse_long(text, 0, 20, &o->retries))
		return kh_usage("submit", "--retries: %s", kh_tr("应为 0–20", "must be 0-20"));
	static const char *const timeouts[] = { "connect-timeout", "timeout" };
	for (int i = 0; i < 2; i++) {
		text = kh_arg(args, timeouts[i]);
		if (text && parse_long(text, 1, 3600, i ? &o->timeout_s
		                       : &o->connect_timeout_s))
			return kh_usage("submit", "--%s: %s", timeouts[i],
			                kh_tr("应为 1–3600 秒", "must be 1-3600 seconds"));
	}
	if (args->noperands < 1)
		return kh_usage("submit", "%s", kh_tr("缺少要报送的文件",
		                           "missing the FILE to submit"));
	if (args->noperands > 1)
		return kh_usage("submit", "%s", kh_tr("只能报送一个文件",
		                           "only one FILE at a time"));
	o->file = args->operands[0];
	if (!o->url)
		return kh_usage("submit", "%s", kh_tr("缺少 --url",
		                           "missing --url"));
	if (strncasecmp(o->url, "https://", 8) != 0)
		return kh_usage("submit", "%s", kh_tr(
		        "--url 必须是 https://（令牌和报表不走明文）",
		        "--url must be https:// (no token or report in clear text)"));
	return 0;
}

/* Printable ASCII without spaces: safe as an HTTP header value. */
static int header_safe(const char *text)
{
	if (!text || !*text)
		return 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			return 0;
	return 1;
}

/* First line of the token file, trailing whitespace removed. */
static int read_token_file(const char *path, char **token)
{
	struct stat st;
	size_t len;
	char *text = kh_read_whole_file(path, &len);
	if (!text) {
		kh_error("%s: %s", path, strerror(errno));
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	}
	if (stat(path, &st) == 0 && (st.st_mode & 077))
		kh_warn("%s: %s", path, kh_tr("令牌文件可被其他用户读取（建议 chmod 600）",
		        "the token file is readable by others (chmod 600 it)"));
	text[strcspn(text, "\r\n")] = '\0';
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		text[--n] = '\0';
	*token = text;
	return 0;
}

static int find_token(const struct submit_options *o, char **token)
{
	*token = NULL;
	if (o->token_file) {
		int rc = read_token_file(o->token_file, token);
		if (rc)
			return rc;
	} else {
		const char *env = getenv("KAOHE_TOKEN");
		if (!env || !*env)
			return kh_usage("submit", "%s", kh_tr(
			        "缺少令牌：用 --token-file FILE 或环境变量 KAOHE_TOKEN",
			        "no token: use --token-file FILE or $KAOHE_TOKEN"));
		*token = kh_xstrdup(env);
	}
	if (!header_safe(*token)) {
		explicit_bzero(*token, strlen(*token));
		free(*token);
		*token = NULL;
		return kh_usage("submit", "%s", kh_tr(
		        "令牌为空或含有空白、控制字符或非 ASCII 字符（内容不予显示）",
		        "the token is empty or holds whitespace, control or non-ASCII "
		        "characters (not shown)"));
	}
	return 0;
}

/* One of contract/report/period: the report's own value, else the option;
 * both given must agree. */
static int settle_field(const char *name, const char *from_file,
                        const char *option, const char **out)
{
	if (from_file && option && strcmp(from_file, option) != 0)
		return kh_usage("submit", "--%s %s %s '%s'", name, option,
		                kh_tr("与报表根元素的值不符：", "differs from the report's"),
		                from_file);
	*out = from_file ? from_file : option;
	if (!*out)
		return kh_usage("submit", "%s --%s", kh_tr(
		        "FILE 不是 kaohe 月报表，需要给出", "FILE is not a kaohe monthly "
		        "report, so it needs"), name);
	if (!header_safe(*out))
		return kh_usage("submit", "--%s: %s", name, kh_tr(
		        "只能是不含空白的 ASCII 字符", "must be ASCII without spaces"));
	return 0;
}

struct file_facts {
	char *body;
	size_t len;
	char key[65];
	char *contract, *report, *period;   /* from the root element */
	char period_text[16];               /* canonical */
};

static void file_facts_free(struct file_facts *f)
{
	free(f->body);
	free(f->contract);
	free(f->report);
	free(f->period);
}

static int read_file_facts(const struct submit_options *o, struct file_facts *f,
                           struct kh_submit_request *req)
{
	f->body = kh_read_whole_file(o->file, &f->len);
	if (!f->body) {
		kh_error("%s: %s", o->file, strerror(errno));
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	}
	struct kh_sha256 *sha = kh_sha256_new();
	kh_sha256_update(sha, f->body, f->len);
	kh_sha256_finish(sha, f->key);
	req->content_type = o->content_type ? o->content_type
	                    : kh_submit_content_type(o->file);
	if (!*req->content_type || strpbrk(req->content_type, "\r\n\t"))
		return kh_usage("submit", "--content-type: %s", kh_tr("无效",
		                "not a valid header value"));
	if (kh_submit_report_metadata(o->file, req->content_type, f->body, f->len,
	                              &f->contract, &f->report, &f->period) < 0)
		return EX_DATAERR;
	int rc;
	const char *period;
	if ((rc = settle_field("contract", f->contract, o->contract, &req->contract))
	    || (rc = settle_field("report", f->report, o->report, &req->report))
	    || (rc = settle_field("period", f->period, o->period, &period)))
		return rc;
	struct kh_period p;
	if (kh_period_parse(period, &p) != 0)
		return kh_usage("submit", "--period: %s '%s'", kh_tr("无效的所属期",
		                "not a period"), period);
	req->period = kh_period_format(&p, f->period_text);
	req->body = f->body;
	req->body_len = f->len;
	req->key = f->key;
	return 0;
}

static long retry_base_ms(void)
{
	long ms = 500;
	const char *env = getenv("KAOHE_RETRY_BASE_MS");
	if (env && *env && parse_long(env, 0, 60000, &ms) != 0) {
		kh_warn("KAOHE_RETRY_BASE_MS: %s", kh_tr("应为 0–60000，用默认 500",
		        "must be 0-60000; using 500"));
		ms = 500;
	}
	return ms;
}

static void print_receipt(const struct kh_submit_receipt *r, const char *key)
{
	printf("%s: %s\n", kh_tr("回执号", "ref"), r->ref);
	printf("%s: %s\n", kh_tr("服务器受理时间", "received_at"), r->received_at);
	printf("%s: %s\n", kh_tr("是否受理", "accepted"),
	       r->accepted ? kh_tr("是", "yes") : kh_tr("否", "no"));
	printf("Idempotency-Key: %s\n", key);
}

static int exit_code(enum kh_submit_outcome outcome)
{
	switch (outcome) {
	case KH_SUBMIT_OK: return 0;
	case KH_SUBMIT_REJECTED: return EX_DATAERR;
	case KH_SUBMIT_REFUSED: return EX_UNAVAILABLE;
	case KH_SUBMIT_BAD_RECEIPT: return EX_UNAVAILABLE;
	case KH_SUBMIT_TEMPFAIL: return EX_TEMPFAIL;
	case KH_SUBMIT_INTERNAL: break;
	}
	return EX_SOFTWARE;
}

/* The store already holds an accepted receipt for this file: say so. */
static int report_earlier_receipt(struct kh_store *store, const char *key,
                                  int *found)
{
	char *ref = NULL, *at = NULL, *what = NULL;
	struct kh_err err = { 0 };
	if (kh_submit_find_receipt(store, key, &ref, &at, &what, found, &err))
		return kh_err_exit_code(&err);
	if (*found)
		kh_warn("%s %s（%s %s，%s %s）；%s", kh_tr("此文件已报送并受理，作为",
		        "this file was submitted and accepted before as"), what,
		        kh_tr("回执号", "ref"), ref, kh_tr("时间", "at"), at,
		        kh_tr("未重复发送；如需再次发送请加 --force",
		        "not sent again; use --force to send anyway"));
	free(ref);
	free(at);
	free(what);
	return 0;
}

static int send_and_record(struct kh_store *store,
                           const struct kh_submit_request *req)
{
	struct kh_submit_receipt receipt;
	enum kh_submit_outcome outcome = kh_submit_send(req, &receipt);
	int rc = exit_code(outcome);
	if (receipt.ref) {   /* a valid receipt, accepted or not, is recorded */
		struct kh_err err = { 0 };
		if (kh_submit_record(store, req, &receipt, &err) != 0) {
			kh_error("%s", kh_tr("已送达但回执未能记入数据库；重新运行是安全的",
			         "delivered, but the receipt could not be stored; running "
			         "again is safe"));
			rc = EX_IOERR;
		}
		print_receipt(&receipt, req->key);
		if (!receipt.accepted)
			kh_error("%s", kh_tr("服务器未受理此报表", "the server did not accept "
			         "the report"));
	}
	kh_submit_receipt_free(&receipt);
	return rc;
}

static int run_submit(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct submit_options o = { .retries = 4, .connect_timeout_s = 10,
	                            .timeout_s = 60 };
	int rc = parse_options(args, &o);
	if (rc)
		return rc;
	struct kh_submit_request req = {
		.url = o.url, .cacert = o.cacert, .retries = (int)o.retries,
		.retry_base_ms = retry_base_ms(),
		.connect_timeout_ms = o.connect_timeout_s * 1000,
		.timeout_ms = o.timeout_s * 1000,
	};
	struct file_facts facts = { 0 };
	char *token = NULL;
	if ((rc = read_file_facts(&o, &facts, &req)) || (rc = find_token(&o, &token))
	    || (rc = kh_open_store(ctx, 0)))
		goto out;
	req.token = token;
	int found = 0;
	if (!o.force && (rc = report_earlier_receipt(ctx->store, req.key, &found)))
		goto out;
	if (!found)
		rc = send_and_record(ctx->store, &req);
out:
	if (ctx->store)
		kh_close_store(ctx);
	if (token) {
		explicit_bzero(token, strlen(token));
		free(token);
	}
	file_facts_free(&facts);
	return rc;
}

/* Opens the store itself (kh_open_store) only after the file and the token
 * are found good: a misuse never needs a database. */
const struct kh_command_def cmd_submit_def = { &submit_spec, run_submit, KH_CMD_WRITES };
