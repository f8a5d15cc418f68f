/* receive.c: POST /submissions, the regulator's receiving end of `kaohe
 * submit` — exactly the wire format man kaohe-submit documents — and the
 * two public probes GET /healthz and GET /static-bench.
 *
 * A submission is checked in this order, each failure a JSON error naming
 * what is wrong: the headers (400), the Idempotency-Key against the body's
 * SHA-256 (400), the token's insurer bound to the contract (403), a key
 * already stored (its original receipt, or 409 when it named another
 * report), the contract known (422), the content (422: XML that does not
 * parse, a monthly report that fails data/schema/monthly.rng or whose root
 * contradicts the headers).  Then, in ONE transaction: the body with its
 * SHA-256 (received_submissions), a submissions row for the report
 * indicators and an audit entry.  The UNIQUE key decides a race: the
 * loser answers with the winner's receipt.
 *
 * Invariants: the body is stored byte for byte as it arrived; nothing is
 * stored unless everything is; no token is logged or stored (only its id). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dates.h"
#include "msg.h"
#include "server.h"
#include "sha256.h"
#include "store-log.h"
#include "store-receive.h"
#include "store.h"
#include "submit.h"
#include "trail.h"

static int handle_healthz(struct kh_request *req, struct kh_response *resp,
                          struct kh_err *err)
{
	(void)req;
	(void)err;
	return kh_resp_text(resp, 200, "text/plain; charset=utf-8", "ok\n");
}

/* The bench's baseline: a fixed page, no store, no login. */
static int handle_static_bench(struct kh_request *req, struct kh_response *resp,
                               struct kh_err *err)
{
	(void)req;
	(void)err;
	static const char page[] =
		"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		"<title>考核</title></head><body><p>静态页面（基准测试用）</p></body></html>\n";
	kh_resp_text(resp, 200, "text/html; charset=utf-8", page);
	return kh_resp_header(resp, "Cache-Control", "public, max-age=60");
}

/* ---- the headers ----------------------------------------------------------- */

#define KH_HEADER_MAX 128

/* Printable ASCII without spaces, 1..KH_HEADER_MAX bytes (what submit
 * sends for contract, report and period). */
static int token_text(const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n == 0 || n > KH_HEADER_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (text[i] <= 0x20 || text[i] >= 0x7f)
			return 0;
	return 1;
}

static int hex64(const char *text)
{
	if (!text || strlen(text) != 64)
		return 0;
	for (size_t i = 0; i < 64; i++)
		if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
			return 0;
	return 1;
}

static int looks_like_xml(const char *body, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' ||
	                   body[i] == '\n'))
		i++;
	return i < len && body[i] == '<';
}

/* The receipt: {"ref", "received_at", "accepted", "sha256"}. */
static int send_receipt(struct kh_response *resp, int status,
                        const struct kh_received *r)
{
	struct kh_json j = { 0 };
	kh_json_raw(&j, "{");
	kh_json_field(&j, "ref", r->ref);
	kh_json_field(&j, "received_at", r->received_at);
	kh_json_raw(&j, ", \"accepted\": true");
	kh_json_field(&j, "sha256", r->sha256);
	kh_json_raw(&j, "}\n");
	kh_resp_take(resp, status, "application/json", j.text, j.len);
	return 0;
}

/* Now in China (UTC+8, no daylight saving), or $KAOHE_NOW. */
static int china_now(char buf[KH_TIME_BUFSZ])
{
	const char *fixed = getenv("KAOHE_NOW");
	kh_time t;
	if (fixed && *fixed) {
		if (kh_time_parse(fixed, &t))
			return -1;
	} else {
		time_t now = time(NULL) + 8 * 3600;
		struct tm tm;
		gmtime_r(&now, &tm);
		t = (kh_time)kh_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
		    tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	}
	kh_time_format(t, buf);
	return 0;
}

/* The content check: 0 when acceptable, else a 422 answered. */
static int check_content(struct kh_response *resp, const char *type,
                         const char *contract, const char *report,
                         const char *period, const char *body, size_t len)
{
	int xml_type = strstr(type, "xml") != NULL;
	if (!xml_type) {
		if (strcmp(report, "monthly") == 0 && looks_like_xml(body, len)) {
			kh_resp_json_error(resp, 422, "wrong-content-type", kh_tr(
				"月报表是 XML，Content-Type 应为 application/xml",
				"a monthly report is XML: Content-Type must be application/xml"));
			return -1;
		}
		return 0;          /* PDF, CSV, XLSX...: stored as they are */
	}
	if (!looks_like_xml(body, len)) {
		kh_resp_json_error(resp, 422, "not-xml", kh_tr(
			"Content-Type 声明为 XML，但请求体不是 XML",
			"Content-Type says XML but the body is not XML"));
		return -1;
	}
	struct kh_msg_capture capture = { .limit = 4096 };
	char *c = NULL, *r = NULL, *p = NULL;
	kh_msg_capture_start(&capture);
	int found = kh_submit_report_metadata(kh_tr("请求体", "body"), type, body, len,
	                                      &c, &r, &p);
	kh_msg_capture_stop();
	int ret = 0;
	if (found < 0) {
		char *msg = kh_xasprintf("%s%s%s",
		                         kh_tr("报表无效（XML 无法解析或不符合 monthly.rng）：\n",
		                               "invalid report (XML does not parse or fails monthly.rng):\n"),
		                         capture.text ? capture.text : "",
		                         capture.truncated ? "...\n" : "");
		kh_resp_json_error(resp, 422, "invalid-report", msg);
		free(msg);
		ret = -1;
	} else if (found == 0 && strcmp(report, "monthly") == 0) {
		kh_resp_json_error(resp, 422, "not-a-monthly-report", kh_tr(
			"X-Kaohe-Report 为 monthly，但请求体不是 kaohe 月报表"
			"（urn:kaohe:monthly:1 的 monthly-report）",
			"X-Kaohe-Report is monthly but the body is not a kaohe monthly report "
			"(monthly-report in urn:kaohe:monthly:1)"));
		ret = -1;
	} else if (found == 1) {
		struct kh_period a, b;
		const char *which = NULL;
		if (!c || strcmp(c, contract) != 0)
			which = "contract";
		else if (!r || strcmp(r, report) != 0)
			which = "report";
		else if (!p || kh_period_parse(p, &a) || kh_period_parse(period, &b) ||
		         a.first != b.first || a.last != b.last)
			which = "period";
		if (which) {
			char *msg = kh_xasprintf("%s %s %s",
			                         kh_tr("报表根元素的", "the report's root attribute"),
			                         which,
			                         kh_tr("与 X-Kaohe 请求头不符",
			                               "contradicts the X-Kaohe headers"));
			kh_resp_json_error(resp, 422, "header-mismatch", msg);
			free(msg);
			ret = -1;
		}
	}
	free(c);
	free(r);
	free(p);
	free(capture.text);
	return ret;
}

/* The audit entry of an accepted submission. */
static int audit(struct kh_store *store, const struct kh_request *req,
                 const struct kh_received *r, struct kh_err *err)
{
	struct kh_json j = { 0 };
	char size[32], token[32];
	snprintf(size, sizeof size, "%lld", r->size);
	snprintf(token, sizeof token, "%ld", req->user->token_id);
	kh_json_raw(&j, "{");
	kh_json_field(&j, "ref", r->ref);
	kh_json_field(&j, "report", r->report);
	kh_json_field(&j, "content_type", r->content_type);
	kh_json_field(&j, "sha256", r->sha256);
	kh_json_field(&j, "size", size);
	kh_json_field(&j, "token", token);
	kh_json_field(&j, "remote", req->remote);
	kh_json_raw(&j, "}");
	struct kh_log_entry e = {
		.at = r->received_at,
		.who = req->user->name,
		.action = "receive",
		.contract = r->contract,
		.period = r->period,
		.subject = r->ref,
		.after = j.text,
	};
	int rc = kh_store_log_append(store, &e, err);
	free(j.text);
	return rc;
}

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

static int handle_submission(struct kh_request *req, struct kh_response *resp,
                             struct kh_err *err)
{
	const char *key = kh_req_header(req, "Idempotency-Key");
	const char *contract = kh_req_header(req, "X-Kaohe-Contract");
	const char *report = kh_req_header(req, "X-Kaohe-Report");
	const char *period_text = kh_req_header(req, "X-Kaohe-Period");
	const char *type = kh_req_header(req, "Content-Type");
	static const struct { const char *name; int which; } required[] = {
		{ "Idempotency-Key", 0 }, { "X-Kaohe-Contract", 1 },
		{ "X-Kaohe-Report", 2 }, { "X-Kaohe-Period", 3 }, { "Content-Type", 4 },
	};
	const char *values[] = { key, contract, report, period_text, type };
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!values[required[i].which] || !*values[required[i].which]) {
			char *msg = kh_xasprintf("%s %s", kh_tr("缺少请求头", "missing header"),
			                         required[i].name);
			kh_resp_json_error(resp, 400, "missing-header", msg);
			free(msg);
			return 0;
		}
	if (!hex64(key))
		return kh_resp_json_error(resp, 400, "bad-idempotency-key", kh_tr(
			"Idempotency-Key 应为请求体的 SHA-256（64 位小写十六进制）",
			"Idempotency-Key must be the body's SHA-256 as 64 lowercase hex digits"));
	if (!token_text(contract) || !token_text(report) || !token_text(period_text))
		return kh_resp_json_error(resp, 400, "bad-header", kh_tr(
			"X-Kaohe-Contract/Report/Period 应为不含空格的可打印 ASCII（至多 128 字节）",
			"X-Kaohe-Contract/Report/Period must be printable ASCII without spaces "
			"(at most 128 bytes)"));
	struct kh_period period;
	char period_buf[32];
	if (kh_period_parse(period_text, &period))
		return kh_resp_json_error(resp, 400, "bad-period", kh_tr(
			"X-Kaohe-Period 不是考核期（2024-03、2024Q2、2024H1、2024）",
			"X-Kaohe-Period is not a period (2024-03, 2024Q2, 2024H1, 2024)"));
	kh_period_format(&period, period_buf);
	if (strlen(type) > 255 || strchr(type, '\r') || strchr(type, '\n'))
		return kh_resp_json_error(resp, 400, "bad-header", kh_tr(
			"Content-Type 无效", "bad Content-Type"));
	if (req->body_len == 0)
		return kh_resp_json_error(resp, 400, "empty-body",
		                          kh_tr("请求体为空", "the body is empty"));
	char sha[65];
	struct kh_sha256 *ctx = kh_sha256_new();
	kh_sha256_update(ctx, req->body, req->body_len);
	kh_sha256_finish(ctx, sha);
	if (strcmp(sha, key) != 0)
		return kh_resp_json_error(resp, 400, "key-mismatch", kh_tr(
			"Idempotency-Key 与请求体的 SHA-256 不符（请求体在途中被改动或截断？）",
			"Idempotency-Key does not match the body's SHA-256 (body altered or cut?)"));
	if (!kh_user_may_see(req->user, contract))
		return kh_resp_json_error(resp, 403, "contract-not-yours", kh_tr(
			"此令牌的承办机构未绑定该合同", "this token's insurer is not bound to the contract"));

	struct kh_store *store = req->store;
	struct kh_received found_row;
	int found;
	if (kh_store_received_find(store, key, &found_row, &found, err))
		return -1;
	if (found) {
		int same = strcmp(found_row.contract, contract) == 0 &&
		           strcmp(found_row.report, report) == 0 &&
		           strcmp(found_row.period, period_buf) == 0;
		if (same)
			send_receipt(resp, 200, &found_row);
		else
			kh_resp_json_error(resp, 409, "key-reused", kh_tr(
				"同一请求体已作为另一份报表（合同、类型或所属期不同）受理",
				"the same body was accepted as another report (contract, kind or period differ)"));
		kh_received_free(&found_row);
		return 0;
	}
	int known;
	if (kh_store_contract_known(store, contract, &known, err))
		return -1;
	if (!known)
		return kh_resp_json_error(resp, 422, "unknown-contract", kh_tr(
			"数据库中没有此合同", "no such contract in the regulator's database"));
	if (check_content(resp, type, contract, report, period_buf, req->body, req->body_len))
		return 0;

	char now[KH_TIME_BUFSZ];
	if (china_now(now)) {
		kh_error("KAOHE_NOW: %s", kh_tr("不是有效的日期时间", "not a valid datetime"));
		return kh_fail(err, KH_ERR_CONFIG);
	}
	struct kh_received_in in = {
		.key = key, .contract = contract, .report = report, .period = period_buf,
		.content_type = type, .sha256 = sha,
		.body = req->body, .body_len = req->body_len,
		.received_at = now, .received_by = req->user->name,
		.user_id = req->user->id, .token_id = req->user->token_id,
		.remote = req->remote,
	};
	struct kh_received row;
	int exists = 0;
	/* The receiving threads queue here rather than in SQLite's busy
	 * handler, which sleeps in steps of up to 100 ms; other writers
	 * (another process, the pages) still queue on the lock itself. */
	pthread_mutex_lock(&write_lock);
	if (kh_store_begin(store, err)) {
		pthread_mutex_unlock(&write_lock);
		return -1;
	}
	if (kh_store_received_add(store, &in, &row, &exists, err))
		goto fail;
	if (exists) {
		/* Another request with this key won the race: its receipt. */
		kh_store_rollback(store);
		pthread_mutex_unlock(&write_lock);
		if (kh_store_received_find(store, key, &found_row, &found, err))
			return -1;
		if (!found)
			return kh_fail(err, KH_ERR_SOFTWARE);
		send_receipt(resp, 200, &found_row);
		kh_received_free(&found_row);
		return 0;
	}
	if (audit(store, req, &row, err) || kh_store_commit(store, err)) {
		kh_received_free(&row);
		goto fail;
	}
	pthread_mutex_unlock(&write_lock);
	send_receipt(resp, 201, &row);
	kh_received_free(&row);
	return 0;
fail:
	kh_store_rollback(store);
	pthread_mutex_unlock(&write_lock);
	return -1;
}

const struct kh_route kh_routes_receive[] = {
	{ "POST", "/submissions", KH_ROLE_INSURER, KH_ROUTE_TOKEN, handle_submission },
	{ "GET", "/healthz", 0, KH_ROUTE_PUBLIC, handle_healthz },
	{ "GET", "/static-bench", 0, KH_ROUTE_PUBLIC, handle_static_bench },
	{ NULL, NULL, 0, 0, NULL },
};
