/* calendar-fetch.c: fetches a holiday feed over http(s) with libcurl into
 * memory.  TLS peer and host verification stay on; it never follows a
 * redirect to another protocol and never keeps more than KH_CAL_MAX_FILE. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "calendar-files.h"
#include "msg.h"

struct fetch_buffer {
	char *data;
	size_t len, cap;
	int too_large;
};

static size_t fetch_write(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_buffer *buf = userdata;
	size_t n = size * nmemb;
	if (buf->len + n > (size_t)KH_CAL_MAX_FILE) {
		buf->too_large = 1;
		return 0;    /* makes curl stop with CURLE_WRITE_ERROR */
	}
	if (buf->len + n + 1 > buf->cap) {
		buf->cap = (buf->len + n + 1) * 2;
		buf->data = kh_xrealloc(buf->data, buf->cap);
	}
	memcpy(buf->data + buf->len, ptr, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return n;
}

/* Transient failures (worth retrying later) are KH_ERR_TEMPFAIL, the rest
 * KH_ERR_UNAVAILABLE. */
static enum kh_err_kind curl_failure(CURLcode code)
{
	switch (code) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
		return KH_ERR_TEMPFAIL;
	default:
		return KH_ERR_UNAVAILABLE;
	}
}

static int url_scheme_allowed(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	       strncasecmp(url, "https://", 8) == 0;
}

static void restrict_protocols(CURL *curl)
{
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS,
	                 CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
}

static int fetch_perform(CURL *curl, const char *url, struct fetch_buffer *buf,
                         struct kh_err *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	long status = 0;
	curl_easy_setopt(curl, CURLOPT_URL, url);
	restrict_protocols(curl);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "kaohe-calendar");
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, buf);
	CURLcode code = curl_easy_perform(curl);
	if (buf->too_large) {
		kh_error("%s: %s", url, kh_tr("下载内容过大（上限 16 MiB）",
		         "download too large (limit 16 MiB)"));
		return kh_fail(err, KH_ERR_DATA);
	}
	if (code != CURLE_OK) {
		kh_error("%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(code));
		return kh_fail(err, curl_failure(code));
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		kh_error("%s: HTTP %ld", url, status);
		return kh_fail(err, (status >= 500 || status == 429 || status == 408)
		                    ? KH_ERR_TEMPFAIL : KH_ERR_UNAVAILABLE);
	}
	return 0;
}

int kh_cal_fetch(const char *url, char **text, size_t *len, struct kh_err *err)
{
	if (!url_scheme_allowed(url)) {
		kh_error("%s: %s", url, kh_tr("只支持 http:// 和 https:// 地址",
		         "only http:// and https:// URLs are supported"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		kh_error("%s", kh_tr("libcurl 初始化失败", "libcurl failed to initialise"));
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	CURL *curl = curl_easy_init();
	if (!curl) {
		curl_global_cleanup();
		kh_error("%s", kh_tr("libcurl 初始化失败", "libcurl failed to initialise"));
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	struct fetch_buffer buf = { NULL, 0, 0, 0 };
	int rc = fetch_perform(curl, url, &buf, err);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	if (rc) {
		free(buf.data);
		return rc;
	}
	*text = buf.data ? buf.data : kh_xstrdup("");
	*len = buf.len;
	return 0;
}
