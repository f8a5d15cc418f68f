/* submit.h: sending a report file to the regulator over HTTPS (libcurl) and
 * recording the receipt as a `submissions` row.  Never turns certificate
 * verification off, never prints or stores the bearer token, and never
 * sends a request without the file's SHA-256 as its Idempotency-Key. */
#ifndef KAOHE_SUBMIT_H
#define KAOHE_SUBMIT_H

#include <stddef.h>

#include "err.h"

struct kh_store;

/* What to send and how.  Strings are borrowed, not copied. */
struct kh_submit_request {
	const char *url;           /* https:// only */
	const char *cacert;        /* PEM bundle of a private CA, or NULL */
	const char *token;         /* bearer token; never printed */
	const char *contract;      /* X-Kaohe-Contract */
	const char *report;        /* X-Kaohe-Report */
	const char *period;        /* X-Kaohe-Period, canonical text */
	const char *content_type;  /* Content-Type */
	const char *body;          /* the file's bytes, unchanged */
	size_t body_len;
	const char *key;           /* SHA-256 of body, 64 hex digits */
	int retries;               /* retries after the first attempt */
	long retry_base_ms;        /* first backoff delay */
	long connect_timeout_ms;
	long timeout_ms;           /* whole transfer, per attempt */
};

/* How an attempt series ended; cmd-submit.c maps these to exit codes. */
enum kh_submit_outcome {
	KH_SUBMIT_OK = 0,          /* 2xx with a valid receipt */
	KH_SUBMIT_REJECTED,        /* 400/422, or a receipt with accepted=false */
	KH_SUBMIT_REFUSED,         /* other 4xx, 3xx, TLS verification, bad URL */
	KH_SUBMIT_TEMPFAIL,        /* 5xx/timeouts/connection errors, retries spent */
	KH_SUBMIT_BAD_RECEIPT,     /* 2xx whose body is not a valid receipt */
	KH_SUBMIT_INTERNAL,        /* libcurl could not be set up */
};

/* The server's receipt. */
struct kh_submit_receipt {
	char *ref;                 /* server reference */
	char *received_at;         /* "YYYY-MM-DD HH:MM:SS" (normalised) */
	int accepted;              /* 1 / 0 */
	long http_status;          /* last HTTP status (0: none) */
	int attempts;              /* requests made */
	char *server_message;      /* first line of a refusal body, sanitised */
};
void kh_submit_receipt_free(struct kh_submit_receipt *receipt);

/* Send the request, retrying transient failures (timeouts, connection
 * errors, 5xx, 408, 429) with exponential backoff and jitter; 4xx other
 * than those is final.  Messages are printed as it goes; the receipt is
 * filled for KH_SUBMIT_OK and KH_SUBMIT_REJECTED (accepted=false). */
enum kh_submit_outcome kh_submit_send(const struct kh_submit_request *req,
                                      struct kh_submit_receipt *receipt);

/* Parse a receipt body: a flat JSON object with "ref" (non-empty string),
 * "received_at" (a datetime) and "accepted" (bool).  0, or -1 with *why
 * set to an explanation in the current language (static storage, valid
 * until the next call). */
int kh_submit_parse_receipt(const char *body, size_t len,
                            struct kh_submit_receipt *receipt,
                            const char **why);

/* The store's accepted receipt for this key, if any (store-submissions.h):
 * *found = 1 with ref, submitted_at and what = "CONTRACT/REPORT/PERIOD"
 * set (caller frees), or *found = 0.  0, or -1 with err filled. */
int kh_submit_find_receipt(struct kh_store *store, const char *key,
                           char **ref, char **submitted_at, char **what,
                           int *found, struct kh_err *err);

/* Record a receipt as a submissions row (source 'submit'), in one
 * transaction; a repeat of the same receipt updates the row in place.
 * 0, or -1 with err filled after printing why. */
int kh_submit_record(struct kh_store *store, const struct kh_submit_request *req,
                     const struct kh_submit_receipt *receipt, struct kh_err *err);

/* Attributes contract/report/period of a kaohe report file's root element
 * (urn:kaohe:monthly:1 monthly-report, validated against monthly.rng).
 * Only an XML body (content_type mentions "xml") is parsed.  1 when the
 * file is a kaohe report (strings set, caller frees), 0 when it is not
 * (nothing printed), -1 when it is malformed XML or an invalid report
 * (printed). */
int kh_submit_report_metadata(const char *path, const char *content_type,
                              const char *body, size_t len, char **contract,
                              char **report, char **period);

/* The MIME type for a file name: .xml application/xml, .json, .pdf,
 * .html, .csv, .xlsx; application/octet-stream otherwise. */
const char *kh_submit_content_type(const char *path);

#endif
