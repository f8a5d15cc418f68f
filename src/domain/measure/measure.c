/* measure.c: the measure registry and the kh_result_* helpers that write a
 * measure's result into its scorecard <indicator> element (value, target,
 * notes, bounded evidence, chart series).  Never reads the store and never
 * decides a status: the measures do that. */
#include <stdio.h>
#include <string.h>

#include "measure.h"
#include "registry.h"

/* ---- the registry --------------------------------------------------------
 * One row per measure: its element name, its function, the record kinds it
 * reads (the scoring run loads just those) and its grammar — every
 * attribute of its element and children, with type and whether required.
 * contract.c checks contract numbers from these tables and
 * tests/unit-registry.c compares them with data/schema/contract.rng.
 * Adding a measure: one file with its function, its declaration and
 * parameters and row here, its element in contract.rng. */

#define REQ 1
#define OPT 0

kh_measure_fn kh_measure_staffing;        /* measure-staffing.c */
static const struct kh_param staffing_params[] = {
	{ NULL, "post", KH_PARAM_TEXT, OPT }, { NULL, "specialty", KH_PARAM_TEXT, OPT },
	{ NULL, "min", KH_PARAM_COUNT, OPT }, { NULL, "per", KH_PARAM_COUNT, OPT },
	{ NULL, "max", KH_PARAM_COUNT, OPT }, { NULL, "per-unit", KH_PARAM_TEXT, OPT },
	{ NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_staff_share;     /* measure-staffing.c */
static const struct kh_param staff_share_params[] = {
	{ NULL, "min", KH_PARAM_RATE, REQ }, { NULL, "specialty", KH_PARAM_TEXT, OPT },
	{ NULL, "post", KH_PARAM_TEXT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_turnover;        /* measure-turnover.c */
static const struct kh_param turnover_params[] = {
	{ NULL, "max", KH_PARAM_RATE, REQ }, { NULL, "basis", KH_PARAM_TEXT, OPT },
	{ NULL, "post", KH_PARAM_TEXT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_timeliness;      /* measure-timeliness.c */
static const struct kh_param timeliness_params[] = {
	{ NULL, "channel", KH_PARAM_TEXT, REQ }, { NULL, "workdays", KH_PARAM_COUNT, REQ },
	{ NULL, "min", KH_PARAM_RATE, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_benefit;         /* measure-benefit.c */
static const struct kh_param benefit_params[] = {
	{ "scheme", "category", KH_PARAM_TEXT, OPT },
	{ "scheme", "deductible", KH_PARAM_FEN, REQ },
	{ "scheme", "cap", KH_PARAM_FEN, OPT }, { "scheme", "clause", KH_PARAM_TEXT, OPT },
	{ "scheme/band", "above", KH_PARAM_FEN, REQ },
	{ "scheme/band", "rate", KH_PARAM_RATE, REQ },
	{ NULL, "pattern-share", KH_PARAM_RATE, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_claims_cap;      /* measure-benefit.c */
static const struct kh_param claims_cap_params[] = {
	{ NULL, "max", KH_PARAM_FEN, REQ }, { NULL, "amount", KH_PARAM_TEXT, OPT },
	{ NULL, "pattern-share", KH_PARAM_RATE, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_report_deadline; /* measure-reports.c */
static const struct kh_param report_deadline_params[] = {
	{ NULL, "report", KH_PARAM_TEXT, REQ }, { NULL, "every", KH_PARAM_TEXT, REQ },
	{ NULL, "only", KH_PARAM_TEXT, OPT }, { NULL, "due-day", KH_PARAM_DAYOFMONTH, REQ },
	{ NULL, "due-months-after", KH_PARAM_COUNT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_audit_pass_rate; /* measure-audit.c */
static const struct kh_param audit_params[] = {
	{ NULL, "min", KH_PARAM_RATE, REQ }, { NULL, "streams", KH_PARAM_TEXT, OPT },
	{ "band", "below", KH_PARAM_RATE, REQ }, { "band", "deduct", KH_PARAM_RATE, REQ },
	{ "band", "action", KH_PARAM_TEXT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_complaints;      /* measure-complaints.c */
static const struct kh_param complaints_params[] = {
	{ NULL, "max", KH_PARAM_COUNT, OPT }, { NULL, "category", KH_PARAM_TEXT, OPT },
	{ NULL, "severity", KH_PARAM_TEXT, OPT },
	{ NULL, "trigger-min", KH_PARAM_COUNT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_volume;          /* measure-activity.c */
static const struct kh_param volume_params[] = {
	{ NULL, "kind", KH_PARAM_TEXT, REQ }, { NULL, "min", KH_PARAM_COUNT, REQ },
	{ NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_activity;        /* measure-activity.c */
static const struct kh_param activity_params[] = {
	{ NULL, "kind", KH_PARAM_TEXT, REQ }, { NULL, "every", KH_PARAM_TEXT, REQ },
	{ NULL, "min", KH_PARAM_COUNT, OPT }, { NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_solvency;        /* measure-solvency.c */
static const struct kh_param solvency_params[] = {
	{ NULL, "report-at", KH_PARAM_TEXT, OPT }, { NULL, "renew-min", KH_PARAM_TEXT, OPT },
	{ NULL, NULL, 0, 0 } };

kh_measure_fn kh_measure_manual;          /* measure-manual.c */
static const struct kh_param manual_params[] = { { NULL, NULL, 0, 0 } };

static const struct kh_measure_type measure_table[] = {
	{ "staffing", kh_measure_staffing, KH_REC_ROSTER | KH_REC_POPULATION,
	  staffing_params, NULL, NULL },
	{ "staff-share", kh_measure_staff_share, KH_REC_ROSTER,
	  staff_share_params, NULL, NULL },
	{ "turnover", kh_measure_turnover, KH_REC_ROSTER, turnover_params,
	  NULL, NULL },
	{ "timeliness", kh_measure_timeliness, KH_REC_SETTLEMENTS, timeliness_params,
	  kh_measure_timeliness_begin, kh_measure_timeliness_end },
	{ "benefit-recompute", kh_measure_benefit, KH_REC_SETTLEMENTS, benefit_params,
	  kh_measure_benefit_begin, kh_measure_benefit_end },
	{ "claims-cap", kh_measure_claims_cap, KH_REC_SETTLEMENTS, claims_cap_params,
	  kh_measure_claims_cap_begin, kh_measure_claims_cap_end },
	{ "report-deadline", kh_measure_report_deadline, KH_REC_SUBMISSIONS,
	  report_deadline_params, NULL, NULL },
	{ "audit-pass-rate", kh_measure_audit_pass_rate, KH_REC_AUDITS, audit_params,
	  NULL, NULL },
	{ "complaints", kh_measure_complaints, KH_REC_COMPLAINTS, complaints_params,
	  NULL, NULL },
	{ "volume", kh_measure_volume, KH_REC_ACTIVITIES, volume_params, NULL, NULL },
	{ "activity", kh_measure_activity, KH_REC_ACTIVITIES, activity_params, NULL, NULL },
	{ "solvency", kh_measure_solvency, KH_REC_RATINGS, solvency_params, NULL, NULL },
	{ "manual", kh_measure_manual, 0, manual_params, NULL, NULL },
};

#define MEASURE_COUNT (sizeof measure_table / sizeof measure_table[0])

const struct kh_measure_type *kh_measure_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < MEASURE_COUNT; i++)
		if (strcmp(measure_table[i].name, name) == 0)
			return &measure_table[i];
	return NULL;
}

const struct kh_measure_type *kh_measure_at(size_t i)
{
	return i < MEASURE_COUNT ? &measure_table[i] : NULL;
}

const struct kh_param *kh_measure_params(const char *name)
{
	const struct kh_measure_type *type = kh_measure_find(name);
	return type ? type->params : NULL;
}

static void set_if_text(xmlNodePtr node, const char *name, const char *value)
{
	if (node && value && *value)
		xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void kh_result_value(struct kh_result *r, const char *value, const char *text)
{
	set_if_text(r->indicator, "value", value);
	set_if_text(r->indicator, "value-text", text);
}

void kh_result_target(struct kh_result *r, const char *target, const char *text)
{
	set_if_text(r->indicator, "target", target);
	set_if_text(r->indicator, "target-text", text);
}

/* Notes come before the evidence in the schema. */
void kh_result_note(struct kh_result *r, const char *text)
{
	if (!r->indicator || !text || !*text)
		return;
	if (r->evidence) {
		xmlNodePtr note = xmlNewDocNode(r->indicator->doc, r->indicator->ns,
		                                BAD_CAST "note", NULL);
		xmlNodeAddContent(note, BAD_CAST text);
		xmlAddPrevSibling(r->evidence, note);
	} else {
		xmlNodePtr note = xmlNewChild(r->indicator, NULL, BAD_CAST "note", NULL);
		xmlNodeAddContent(note, BAD_CAST text);
	}
}

static xmlNodePtr evidence_node(struct kh_result *r)
{
	if (!r->evidence)
		r->evidence = xmlNewChild(r->indicator, NULL, BAD_CAST "evidence", NULL);
	return r->evidence;
}

static xmlNodePtr first_child_named(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name))
			return n;
	return NULL;
}

/* Columns come before the items. */
void kh_result_column(struct kh_result *r, const char *name, const char *heading)
{
	xmlNodePtr evidence = evidence_node(r);
	xmlNodePtr first_item = first_child_named(evidence, "item");
	xmlNodePtr column;
	if (first_item) {
		column = xmlNewDocNode(evidence->doc, evidence->ns, BAD_CAST "column", NULL);
		xmlAddPrevSibling(first_item, column);
	} else {
		column = xmlNewChild(evidence, NULL, BAD_CAST "column", NULL);
	}
	xmlSetProp(column, BAD_CAST "name", BAD_CAST name);
	xmlNodeAddContent(column, BAD_CAST(heading && *heading ? heading : name));
}

xmlNodePtr kh_result_item(struct kh_result *r)
{
	xmlNodePtr evidence = evidence_node(r);
	r->evidence_count++;
	if (r->evidence_limit >= 0 && r->evidence_count > r->evidence_limit)
		return NULL;
	return xmlNewChild(evidence, NULL, BAD_CAST "item", NULL);
}

void kh_item_set(xmlNodePtr item, const char *name, const char *value)
{
	if (item && name && value)
		xmlSetProp(item, BAD_CAST name, BAD_CAST value);
}

void kh_result_finish(struct kh_result *r)
{
	if (!r->evidence)
		return;
	if (r->evidence_count == 0) {   /* nothing found: no empty table */
		xmlUnlinkNode(r->evidence);
		xmlFreeNode(r->evidence);
		r->evidence = NULL;
		return;
	}
	long shown = r->evidence_count;
	if (r->evidence_limit >= 0 && shown > r->evidence_limit)
		shown = r->evidence_limit;
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", r->evidence_count);
	xmlSetProp(r->evidence, BAD_CAST "count", BAD_CAST buf);
	snprintf(buf, sizeof buf, "%ld", shown);
	xmlSetProp(r->evidence, BAD_CAST "shown", BAD_CAST buf);
}

xmlNodePtr kh_result_series(struct kh_result *r, const char *id,
                            const char *type, const char *x_kind,
                            const char *unit, const char *title)
{
	if (!r->charts)
		return NULL;
	xmlNodePtr series = xmlNewChild(r->charts, NULL, BAD_CAST "series", NULL);
	xmlSetProp(series, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(series, BAD_CAST "type", BAD_CAST type);
	xmlSetProp(series, BAD_CAST "x", BAD_CAST x_kind);
	xmlSetProp(series, BAD_CAST "unit", BAD_CAST unit);
	xmlSetProp(series, BAD_CAST "title", BAD_CAST(title && *title ? title : id));
	return series;
}

xmlNodePtr kh_result_find_series(const struct kh_result *r, const char *id)
{
	if (!r->charts)
		return NULL;
	for (xmlNodePtr n = r->charts->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "series"))
			continue;
		xmlChar *sid = xmlGetProp(n, BAD_CAST "id");
		int same = sid && xmlStrEqual(sid, BAD_CAST id);
		xmlFree(sid);
		if (same)
			return n;
	}
	return NULL;
}

/* Reference lines come before the points. */
void kh_series_ref_line(xmlNodePtr series, const char *y, const char *label)
{
	if (!series)
		return;
	xmlNodePtr first_point = first_child_named(series, "point");
	xmlNodePtr line;
	if (first_point) {
		line = xmlNewDocNode(series->doc, series->ns, BAD_CAST "ref-line", NULL);
		xmlAddPrevSibling(first_point, line);
	} else {
		line = xmlNewChild(series, NULL, BAD_CAST "ref-line", NULL);
	}
	xmlSetProp(line, BAD_CAST "y", BAD_CAST y);
	xmlSetProp(line, BAD_CAST "label", BAD_CAST(label && *label ? label : y));
}

xmlNodePtr kh_series_point(xmlNodePtr series, const char *x, const char *y)
{
	if (!series)
		return NULL;
	xmlNodePtr point = xmlNewChild(series, NULL, BAD_CAST "point", NULL);
	xmlSetProp(point, BAD_CAST "x", BAD_CAST x);
	xmlSetProp(point, BAD_CAST "y", BAD_CAST y);
	return point;
}

void kh_result_decide(struct kh_result *r, const char *action, int applies)
{
	for (int i = 0; i < r->ndecided; i++) {
		if (strcmp(r->decided[i], action) == 0) {
			r->applies[i] |= applies;
			return;
		}
	}
	if (r->ndecided < KH_RESULT_MAX_DECIDED) {
		r->decided[r->ndecided] = action;
		r->applies[r->ndecided++] = applies;
	}
}

int kh_result_trigger_fires(const struct kh_result *r, const char *action)
{
	for (int i = 0; i < r->ndecided; i++)
		if (action && strcmp(r->decided[i], action) == 0)
			return r->applies[i];
	return 1;
}
