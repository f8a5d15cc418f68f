/* trail.c: who acts, when, and the JSON the audit trail keeps for the
 * values before and after (trail.h). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trail.h"
#include "msg.h"
#include "store.h"

const char *kh_audit_who(const char *by)
{
	if (by && *by)
		return by;
	const char *env = getenv("KAOHE_USER");
	if (env && *env)
		return env;
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	env = getenv("LOGNAME");
	return env && *env ? env : "?";
}

int kh_audit_now(char *buf, struct kh_err *err)
{
	kh_time t;
	if (kh_time_now(&t) != 0) {
		kh_error("KAOHE_NOW: %s '%s'", kh_tr("不是有效的日期时间", "not a valid datetime"),
		         getenv("KAOHE_NOW"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	kh_time_format(t, buf);
	return 0;
}

void kh_json_raw(struct kh_json *j, const char *text)
{
	size_t n = strlen(text);
	if (j->len + n + 1 > j->cap) {
		j->cap = (j->len + n + 1) * 2;
		j->text = kh_xrealloc(j->text, j->cap);
	}
	memcpy(j->text + j->len, text, n + 1);
	j->len += n;
}

void kh_json_str(struct kh_json *j, const char *text)
{
	kh_json_raw(j, "\"");
	char buf[8];
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf[0] = '\\';
			buf[1] = (char)*p;
			buf[2] = '\0';
		} else if (*p < 0x20) {
			snprintf(buf, sizeof buf, "\\u%04x", *p);
		} else {
			buf[0] = (char)*p;
			buf[1] = '\0';
		}
		kh_json_raw(j, buf);
	}
	kh_json_raw(j, "\"");
}

void kh_json_field(struct kh_json *j, const char *name, const char *value)
{
	if (j->len > 1)
		kh_json_raw(j, ", ");
	kh_json_str(j, name);
	kh_json_raw(j, ": ");
	kh_json_str(j, value);
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

static void attr_field(struct kh_json *j, xmlNodePtr n, const char *attr,
                       const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST attr);
	if (v)
		kh_json_field(j, name, (const char *)v);
	xmlFree(v);
}

char *kh_audit_snapshot(xmlDocPtr scorecard, long run_id)
{
	struct kh_json j = { 0 };
	char id[32];
	kh_json_raw(&j, "{");
	if (run_id > 0) {
		snprintf(id, sizeof id, "%ld", run_id);
		kh_json_field(&j, "run", id);
	}
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	xmlNodePtr summary = child(root, "summary");
	if (summary) {
		attr_field(&j, summary, "score", "score");
		attr_field(&j, summary, "max", "max");
		attr_field(&j, summary, "grade", "grade");
	}
	xmlNodePtr fees = child(root, "fees");
	if (fees) {
		static const char *const names[] = { "total", "due", "due-confirmed",
		                                     "proposed", "confirmed", "waived" };
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			attr_field(&j, fees, names[i], names[i]);
	}
	kh_json_raw(&j, "}");
	return j.text;
}

int kh_audit_import(struct kh_store *store, const char *who, const char *contract,
                    const char *kind, const char *file, long long rows,
                    long long inserted, long long updated, long long unchanged,
                    struct kh_err *err)
{
	struct kh_json j = { 0 };
	char n[32];
	kh_json_raw(&j, "{");
	kh_json_field(&j, "kind", kind);
	kh_json_field(&j, "file", file);
	snprintf(n, sizeof n, "%lld", rows);
	kh_json_field(&j, "rows", n);
	snprintf(n, sizeof n, "%lld", inserted);
	kh_json_field(&j, "inserted", n);
	snprintf(n, sizeof n, "%lld", updated);
	kh_json_field(&j, "updated", n);
	snprintf(n, sizeof n, "%lld", unchanged);
	kh_json_field(&j, "unchanged", n);
	kh_json_raw(&j, "}");
	struct kh_log_entry e = {
		.who = who, .action = "import", .contract = contract, .subject = file,
		.after = j.text };
	int rc = kh_store_log_append(store, &e, err);
	free(j.text);
	return rc;
}
