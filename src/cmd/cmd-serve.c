/* cmd-serve.c: `kaohe serve` — options, then serve.c runs the daemon until
 * SIGTERM or SIGINT. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "serve.h"
#include "store.h"

static const struct kh_opt serve_opts[] = {
	{ "listen", 0, "ADDR:PORT", 0,
	  "监听地址（默认 127.0.0.1:8080；端口 0 表示任选空闲端口）；\n"
	  "不给 --cert/--key 时只能是回环地址（由反向代理提供 HTTPS）",
	  "where to listen (default 127.0.0.1:8080; port 0 picks a\n"
	  "free one); without --cert/--key only a loopback address\n"
	  "(a reverse proxy in front speaks HTTPS)" },
	{ "cert", 0, "PEM", 0, "HTTPS 服务器证书（PEM，可含中间证书链）",
	  "the HTTPS server certificate (PEM, chain included)" },
	{ "key", 0, "PEM", 0, "证书的私钥（PEM，不能有口令）",
	  "its private key (PEM, no passphrase)" },
	{ "threads", 0, "N", 0, "工作线程数（1–256，默认 8）",
	  "worker threads (1-256, default 8)" },
	{ "max-body", 0, "MIB", 0, "请求体上限，MiB（1–1024，默认 16）",
	  "request body limit in MiB (1-1024, default 16)" },
	{ "timeout", 0, "S", 0, "连接空闲超时秒数（1–3600，默认 60）",
	  "idle connection timeout in seconds (1-3600, default 60)" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec serve_spec = {
	.name = "serve", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"在数据库上运行 Web 服务：接收 kaohe submit 报送的报表（POST /submissions），\n"
	"并为医保局、考核组成员和承办机构提供页面。给出 --cert 和 --key 时用 HTTPS；\n"
	"否则只在回环地址上以 HTTP 监听，供反向代理转发。启动后标准输出第一行为\n"
	"“kaohe: 正在监听 URL”；每个请求在标准错误输出一行日志。SIGTERM 或 SIGINT：\n"
	"不再接受新连接，完成进行中的请求后退出（退出码 0）。",
	.about_en =
	"Run the web server on the database: receive the reports `kaohe submit`\n"
	"sends (POST /submissions) and serve the pages of the regulator, the panel\n"
	"and the insurers.  HTTPS with --cert and --key; otherwise plain HTTP on a\n"
	"loopback address only, behind a reverse proxy.  The first line on stdout\n"
	"is \"kaohe: listening on URL\"; one log line per request goes to stderr.\n"
	"SIGTERM or SIGINT: stop accepting, finish the requests in flight, exit 0.",
	.opts = serve_opts,
	.notes_zh =
	"退出码: 0 收到停止信号后正常退出；64 用法错误（含非回环地址上的明文 HTTP）；\n"
	"65 证书或私钥不是 PEM；66 数据库或证书文件不存在；71 无法监听。\n"
	"详见 man kaohe-serve。",
	.notes_en =
	"Exit status: 0 stopped by a signal; 64 usage (plain HTTP off loopback\n"
	"included); 65 certificate or key not PEM; 66 database or certificate\n"
	"missing; 71 cannot listen.  See man kaohe-serve.",
};

/* A whole number in [min, max], or -1. */
static long number(const char *text, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (!*text || *end || errno || v < min || v > max)
		return -1;
	return v;
}

static int run_serve(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_serve_config config = {
		.db = kh_store_path(ctx->db_option),
		.listen = kh_arg(args, "listen"),
		.cert = kh_arg(args, "cert"),
		.key = kh_arg(args, "key"),
	};
	const char *text;
	if ((text = kh_arg(args, "threads"))) {
		long v = number(text, 1, 256);
		if (v < 0)
			return kh_usage("serve", "--threads: %s", kh_tr("应为 1–256", "must be 1-256"));
		config.threads = (unsigned)v;
	}
	if ((text = kh_arg(args, "max-body"))) {
		long v = number(text, 1, 1024);
		if (v < 0)
			return kh_usage("serve", "--max-body: %s", kh_tr("应为 1–1024", "must be 1-1024"));
		config.max_body = (size_t)v * 1024u * 1024u;
	}
	if ((text = kh_arg(args, "timeout"))) {
		long v = number(text, 1, 3600);
		if (v < 0)
			return kh_usage("serve", "--timeout: %s", kh_tr("应为 1–3600", "must be 1-3600"));
		config.timeout_s = (unsigned)v;
	}
	/* main opened (and migrated) the store; the workers open their own. */
	kh_store_close(ctx->store);
	ctx->store = NULL;
	struct kh_err err = { 0 };
	if (kh_serve_run(&config, &err))
		return kh_err_exit_code(&err);
	return 0;
}

const struct kh_command_def cmd_serve_def = { &serve_spec, run_serve,
                                              KH_CMD_STORE | KH_CMD_WRITES };
