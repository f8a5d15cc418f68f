/* submit.c: one report upload over HTTPS with libcurl — verification on,
 * bearer token and Idempotency-Key headers, retries with backoff — and the
 * receipt recorded in the store.  It must never print, log or store the
 * token, never disable TLS verification, and never follow a redirect. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <libxml/tree.h>

#include "config.h"
#include "dates.h"
#include "msg.h"
#include "store-submissions.h"
#include "submit.h"
#include "xmlsafe.h"

#define MONTHLY_NS "urn:kaohe:monthly:1"
#define RESPONSE_LIMIT (64 * 1024)     /* bytes of a response body we keep */
#define RETRY_CAP_MS 30000L            /* longest single backoff delay */
#define MESSAGE_LIMIT 200              /* bytes of a server message shown */

void kh_submit_receipt_free(struct kh_submit_receipt *receipt)
{
	free(receipt->ref);
	free(receipt->received_at);
	free(receipt->server_message);
	receipt->ref = receipt->received_at = receipt->server_message = NULL;
}

/* ---- the response body ------------------------------------------------- */

struct response {
	char *data;
	size_t len;          /* bytes kept, at most RESPONSE_LIMIT */
	size_t total;        /* bytes the server sent */
};

static size_t on_body(char *chunk, size_t size, size_t count, void *user)
{
	struct response *resp = user;
	size_t n = size * count;
	resp->total += n;
	size_t room = RESPONSE_LIMIT - resp->len;
	size_t keep = n < room ? n : room;
	if (keep > 0) {
		resp->data = kh_xrealloc(resp->data, resp->len + keep + 1);
		memcpy(resp->data + resp->len, chunk, keep);
		resp->len += keep;
		resp->data[resp->len] = '\0';
	}
	return n;   /* the rest is read and dropped, not an error */
}

/* The first line of a body, at most MESSAGE_LIMIT bytes cut at a UTF-8
 * character boundary, control characters replaced: safe to print. */
static char *first_line(const struct response *resp)
{
	size_t n = 0;
	while (n < resp->len && resp->data[n] != '\n' && resp->data[n] != '\r')
		n++;
	if (n > MESSAGE_LIMIT) {
		n = MESSAGE_LIMIT;
		while (n > 0 && ((unsigned char)resp->data[n] & 0xC0) == 0x80)
			n--;
	}
	if (n == 0)
		return NULL;
	char *line = kh_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)resp->data[i];
		line[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	line[n] = '\0';
	return line;
}

/* ---- the receipt --------------------------------------------------------- */

static int printable_text(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int kh_submit_parse_receipt(const char *body, size_t len,
                            struct kh_submit_receipt *receipt,
                            const char **why)
{
	static char bad_json[256];
	json_error_t error;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &error);
	if (!root) {
		if (kh_lang == KH_LANG_EN)
			snprintf(bad_json, sizeof bad_json, "the receipt is not valid JSON "
			         "(line %d, column %d: %s)", error.line, error.column,
			         error.text);
		else
			snprintf(bad_json, sizeof bad_json, "回执不是合法的 JSON（第 %d 行第 %d "
			         "列：%s）", error.line, error.column, error.text);
		*why = bad_json;
		return -1;
	}
	int rc = -1;
	json_t *ref = json_object_get(root, "ref");
	json_t *at = json_object_get(root, "received_at");
	json_t *accepted = json_object_get(root, "accepted");
	kh_time when;
	if (!json_is_object(root))
		*why = kh_tr("回执不是 JSON 对象", "the receipt is not a JSON object");
	else if (!json_is_string(ref) || json_string_length(ref) == 0
	         || json_string_length(ref) > 200
	         || strlen(json_string_value(ref)) != json_string_length(ref)
	         || !printable_text(json_string_value(ref)))
		*why = kh_tr("回执缺少有效的 ref", "the receipt lacks a valid \"ref\"");
	else if (!json_is_string(at)
	         || strlen(json_string_value(at)) != json_string_length(at)
	         || kh_time_parse(json_string_value(at), &when) != 0)
		*why = kh_tr("回执缺少有效的 received_at（YYYY-MM-DD HH:MM:SS）",
		             "the receipt lacks a valid \"received_at\" "
		             "(YYYY-MM-DD HH:MM:SS)");
	else if (!json_is_boolean(accepted))
		*why = kh_tr("回执缺少布尔值 accepted",
		             "the receipt lacks a boolean \"accepted\"");
	else {
		char buf[KH_TIME_BUFSZ];
		receipt->ref = kh_xstrdup(json_string_value(ref));
		receipt->received_at = kh_xstrdup(kh_time_format(when, buf));
		receipt->accepted = json_is_true(accepted);
		rc = 0;
	}
	json_decref(root);
	return rc;
}

/* ---- one attempt ------------------------------------------------------- */

enum attempt_result { ATTEMPT_DONE, ATTEMPT_TRANSIENT, ATTEMPT_FINAL };

static struct curl_slist *add_header(struct curl_slist *list, const char *name,
                                     const char *value)
{
	char *line = kh_xasprintf("%s: %s", name, value);
	struct curl_slist *grown = curl_slist_append(list, line);
	/* the token line is wiped before it is freed */
	explicit_bzero(line, strlen(line));
	free(line);
	if (!grown) {
		curl_slist_free_all(list);
		return NULL;
	}
	return grown;
}

static void wipe_headers(struct curl_slist *list)
{
	for (; list; list = list->next)
		explicit_bzero(list->data, strlen(list->data));
}

static struct curl_slist *request_headers(const struct kh_submit_request *req)
{
	struct curl_slist *list = NULL;
	char *auth = kh_xasprintf("Bearer %s", req->token);
	list = add_header(list, "Authorization", auth);
	explicit_bzero(auth, strlen(auth));
	free(auth);
	if (list) list = add_header(list, "Content-Type", req->content_type);
	if (list) list = add_header(list, "Accept", "application/json");
	if (list) list = add_header(list, "Idempotency-Key", req->key);
	if (list) list = add_header(list, "X-Kaohe-Contract", req->contract);
	if (list) list = add_header(list, "X-Kaohe-Report", req->report);
	if (list) list = add_header(list, "X-Kaohe-Period", req->period);
	if (list) list = curl_slist_append(list, "Expect:");
	return list;
}

static int configure_handle(CURL *curl, const struct kh_submit_request *req,
                            struct curl_slist *headers, struct response *resp,
                            char *errbuf)
{
	CURLcode c = CURLE_OK;
#define SET(opt, val) do { if (c == CURLE_OK) c = curl_easy_setopt(curl, opt, val); } while (0)
	SET(CURLOPT_URL, req->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	SET(CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
	SET(CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (req->cacert)
		SET(CURLOPT_CAINFO, req->cacert);
	SET(CURLOPT_POST, 1L);
	SET(CURLOPT_POSTFIELDS, req->body);
	SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
	SET(CURLOPT_HTTPHEADER, headers);
	SET(CURLOPT_USERAGENT, "kaohe/" PACKAGE_VERSION);
	SET(CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, req->timeout_ms);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_NOPROGRESS, 1L);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, resp);
	SET(CURLOPT_ERRORBUFFER, errbuf);
#undef SET
	return c == CURLE_OK ? 0 : -1;
}

static int transient_curl_error(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_HTTP2:
	case CURLE_PARTIAL_FILE:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

static int tls_verification_error(CURLcode c)
{
	return c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CACERT_BADFILE
	       || c == CURLE_SSL_CERTPROBLEM || c == CURLE_SSL_CONNECT_ERROR;
}

/* What a curl failure means for the series; prints it. */
static enum attempt_result judge_curl_error(CURLcode c, const char *errbuf,
                                            const struct kh_submit_request *req,
                                            enum kh_submit_outcome *outcome)
{
	const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(c);
	if (transient_curl_error(c)) {
		*outcome = KH_SUBMIT_TEMPFAIL;
		kh_warn("%s: %s", req->url, detail);
		return ATTEMPT_TRANSIENT;
	}
	*outcome = KH_SUBMIT_REFUSED;
	if (tls_verification_error(c))
		kh_error("%s: %s: %s (%s)", req->url,
		         kh_tr("无法验证服务器的 TLS 证书，未发送",
		               "the server's TLS certificate could not be verified; "
		               "nothing was sent"),
		         detail,
		         kh_tr("私有 CA 请用 --cacert FILE", "use --cacert FILE for a private CA"));
	else
		kh_error("%s: %s", req->url, detail);
	return ATTEMPT_FINAL;
}

/* What an HTTP status means for the series; prints refusals. */
static enum attempt_result judge_status(long status, const struct response *resp,
                                        const struct kh_submit_request *req,
                                        struct kh_submit_receipt *receipt,
                                        enum kh_submit_outcome *outcome)
{
	free(receipt->server_message);
	receipt->server_message = first_line(resp);
	const char *said = receipt->server_message ? receipt->server_message : "";
	if (status >= 200 && status < 300 && resp->total > RESPONSE_LIMIT) {
		*outcome = KH_SUBMIT_BAD_RECEIPT;
		if (kh_lang == KH_LANG_EN)
			kh_error("%s: HTTP %ld: the response is too large to be a receipt "
			         "(%zu bytes, the limit is 64 KiB); the file may have "
			         "arrived; retrying is safe (the server dedupes by "
			         "Idempotency-Key)", req->url, status, resp->total);
		else
			kh_error("%s: HTTP %ld: 应答过大，不是回执（%zu 字节，上限 64 KiB）；"
			         "文件可能已送达，重试是安全的（服务器按 Idempotency-Key 去重）",
			         req->url, status, resp->total);
		return ATTEMPT_FINAL;
	}
	if (status >= 200 && status < 300) {
		const char *why = NULL;
		if (kh_submit_parse_receipt(resp->data ? resp->data : "", resp->len,
		                            receipt, &why) != 0) {
			*outcome = KH_SUBMIT_BAD_RECEIPT;
			kh_error("%s: HTTP %ld: %s; %s", req->url, status, why,
			         kh_tr("文件可能已送达，重试是安全的（服务器按 Idempotency-Key 去重）",
			               "the file may have arrived; retrying is safe "
			               "(the server dedupes by Idempotency-Key)"));
			return ATTEMPT_FINAL;
		}
		*outcome = receipt->accepted ? KH_SUBMIT_OK : KH_SUBMIT_REJECTED;
		return ATTEMPT_DONE;
	}
	if (status >= 500 || status == 408 || status == 429) {
		*outcome = KH_SUBMIT_TEMPFAIL;
		kh_warn("%s: HTTP %ld %s", req->url, status, said);
		return ATTEMPT_TRANSIENT;
	}
	if (status == 400 || status == 422) {
		*outcome = KH_SUBMIT_REJECTED;
		kh_error("%s: HTTP %ld: %s %s", req->url, status,
		         kh_tr("服务器拒收内容：", "the server rejected the content:"), said);
		return ATTEMPT_FINAL;
	}
	*outcome = KH_SUBMIT_REFUSED;
	if (status == 401 || status == 403)
		kh_error("%s: HTTP %ld: %s %s", req->url, status,
		         kh_tr("令牌无效或无权限（令牌内容不予显示）",
		               "the token is invalid or lacks permission "
		               "(the token itself is not shown)"), said);
	else if (status >= 300 && status < 400)
		kh_error("%s: HTTP %ld: %s", req->url, status,
		         kh_tr("服务器要求重定向；报送不跟随重定向，请使用最终地址",
		               "the server redirects; submit does not follow "
		               "redirects, give the final URL"));
	else
		kh_error("%s: HTTP %ld %s", req->url, status, said);
	return ATTEMPT_FINAL;
}

static enum attempt_result attempt(CURL *curl, const struct kh_submit_request *req,
                                   struct curl_slist *headers,
                                   struct kh_submit_receipt *receipt,
                                   enum kh_submit_outcome *outcome)
{
	struct response resp = { NULL, 0, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	enum attempt_result result;
	curl_easy_reset(curl);
	if (configure_handle(curl, req, headers, &resp, errbuf) != 0) {
		kh_error("libcurl: %s", kh_tr("无法设置请求", "cannot set up the request"));
		*outcome = KH_SUBMIT_INTERNAL;
		return ATTEMPT_FINAL;
	}
	CURLcode c = curl_easy_perform(curl);
	receipt->attempts++;
	if (c != CURLE_OK) {
		result = judge_curl_error(c, errbuf, req, outcome);
	} else {
		long status = 0;
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
		receipt->http_status = status;
		result = judge_status(status, &resp, req, receipt, outcome);
	}
	free(resp.data);
	return result;
}

/* ---- the series ---------------------------------------------------------- */

/* base × 2^retry, capped, then "equal jitter": a uniform pick in
 * [delay/2, delay], so that many clients do not retry in step. */
static long backoff_ms(long base_ms, int retry, unsigned int *seed)
{
	long delay = base_ms;
	for (int i = 0; i < retry && delay < RETRY_CAP_MS; i++)
		delay *= 2;
	if (delay > RETRY_CAP_MS)
		delay = RETRY_CAP_MS;
	long half = delay / 2;
	return half + (half > 0 ? (long)(rand_r(seed) % (half + 1)) : 0);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

enum kh_submit_outcome kh_submit_send(const struct kh_submit_request *req,
                                      struct kh_submit_receipt *receipt)
{
	memset(receipt, 0, sizeof *receipt);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		kh_error("libcurl: %s", kh_tr("初始化失败", "initialisation failed"));
		return KH_SUBMIT_INTERNAL;
	}
	CURL *curl = curl_easy_init();
	struct curl_slist *headers = curl ? request_headers(req) : NULL;
	enum kh_submit_outcome outcome = KH_SUBMIT_INTERNAL;
	if (!curl || !headers) {
		kh_error("libcurl: %s", kh_tr("无法设置请求", "cannot set up the request"));
		goto out;
	}
	unsigned int seed = (unsigned int)time(NULL) ^ ((unsigned int)getpid() << 16);
	for (int retry = 0;; retry++) {
		enum attempt_result result = attempt(curl, req, headers, receipt, &outcome);
		if (result != ATTEMPT_TRANSIENT)
			break;
		if (retry >= req->retries) {
			kh_error("%s: %s (%d %s)", req->url,
			         kh_tr("暂时无法报送，已放弃", "temporarily unavailable; giving up"),
			         receipt->attempts, kh_tr("次尝试", "attempts"));
			break;
		}
		long wait = backoff_ms(req->retry_base_ms, retry, &seed);
		kh_warn("%s %d/%d, %s %ld ms", kh_tr("重试", "retry"), retry + 1,
		        req->retries, kh_tr("等待", "waiting"), wait);
		sleep_ms(wait);
	}
out:
	wipe_headers(headers);   /* the Authorization line holds the token */
	curl_slist_free_all(headers);
	if (curl)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	return outcome;
}

/* ---- the store ----------------------------------------------------------- */

int kh_submit_find_receipt(struct kh_store *store, const char *key,
                           char **ref, char **submitted_at, char **what,
                           int *found, struct kh_err *err)
{
	struct kh_stored_receipt stored;
	if (kh_store_submission_find(store, key, &stored, found, err))
		return -1;
	if (*found) {
		*ref = stored.ref;
		*submitted_at = stored.submitted_at;
		*what = kh_xasprintf("%s/%s/%s", stored.contract, stored.report,
		                     stored.period);
		stored.ref = stored.submitted_at = NULL;
	}
	kh_stored_receipt_free(&stored);
	return 0;
}

int kh_submit_record(struct kh_store *store, const struct kh_submit_request *req,
                     const struct kh_submit_receipt *receipt, struct kh_err *err)
{
	struct kh_receipt_record record = {
		.contract = req->contract,
		.report = req->report,
		.period = req->period,
		.submitted_at = receipt->received_at,
		.accepted = receipt->accepted,
		.ref = receipt->ref,
		.idempotency_key = req->key,
	};
	return kh_store_submission_record(store, &record, err);
}

/* ---- the file ------------------------------------------------------------ */

static int looks_like_xml(const char *body, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r'
	                   || body[i] == '\n'))
		i++;
	return i < len && body[i] == '<';
}

static char *root_attribute(xmlNodePtr root, const char *name)
{
	xmlChar *value = xmlGetNoNsProp(root, (const xmlChar *)name);
	if (!value)
		return NULL;
	char *copy = kh_xstrdup((const char *)value);
	xmlFree(value);
	return copy;
}

int kh_submit_report_metadata(const char *path, const char *content_type,
                              const char *body, size_t len, char **contract,
                              char **report, char **period)
{
	*contract = *report = *period = NULL;
	if (!strstr(content_type, "xml") || !looks_like_xml(body, len))
		return 0;
	xmlDocPtr doc = kh_xml_read_memory(body, len, path);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int found = 0;
	if (root && root->ns && xmlStrcmp(root->ns->href, BAD_CAST MONTHLY_NS) == 0
	    && xmlStrcmp(root->name, BAD_CAST "monthly-report") == 0) {
		if (kh_xml_validate(doc, "data/schema/monthly.rng", path) != 0) {
			found = -1;
		} else {
			*contract = root_attribute(root, "contract");
			*report = root_attribute(root, "report");
			*period = root_attribute(root, "period");
			found = 1;
		}
	}
	xmlFreeDoc(doc);
	return found;
}

const char *kh_submit_content_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".xml", "application/xml" },
		{ ".json", "application/json" },
		{ ".pdf", "application/pdf" },
		{ ".html", "text/html; charset=utf-8" },
		{ ".htm", "text/html; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	};
	size_t plen = strlen(path);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t elen = strlen(types[i].ext);
		if (plen > elen && strcasecmp(path + plen - elen, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}
