/* mapping.h: column-mapping profiles (man 5 kaohe-mapping) — which source
 * header feeds which column of a record kind, value maps (是 -> yes) and
 * date formats (YYYY年M月D日).  Reading a profile and applying it to one
 * header name or one field; never touches the store. */
#ifndef KAOHE_MAPPING_H
#define KAOHE_MAPPING_H

#include <stddef.h>

#include "err.h"
#include "import.h"

struct kh_mapping;

/* Load spec: a file path, or the name of a shipped profile
 * (data/mappings/NAME.map).  Checked against kind (every target a column
 * of it).  0, or -1 after printing FILE:LINE: why (KH_ERR_NOINPUT for a
 * missing profile, KH_ERR_DATA for a bad one). */
int kh_mapping_load(const char *spec, const struct kh_import_kind *kind,
                    struct kh_mapping **out, struct kh_err *err);
void kh_mapping_free(struct kh_mapping *map);

const char *kh_mapping_path(const struct kh_mapping *map);
/* The profile's `sheet` and `header-row` lines (NULL, 0 when absent). */
const char *kh_mapping_sheet(const struct kh_mapping *map);
long kh_mapping_header_row(const struct kh_mapping *map);

/* Header names compared without their white space (wrapped headers). */
int kh_mapping_same_name(const char *a, const char *b);

/* The kind column whose `<-` line names this source header, or -1. */
int kh_mapping_column(const struct kh_mapping *map, const char *header);

/* Apply column c's value map and date formats to a field.  Returns 0
 * with *out, *out_len the text to validate (the field itself, a mapped
 * value, or the date rewritten as YYYY-MM-DD into buf of size bytes), or
 * -1 when a date format matched the shape but the date does not exist. */
int kh_mapping_value(const struct kh_mapping *map, int column, const char *raw,
                     size_t len, const char **out, size_t *out_len, char *buf,
                     size_t size);

/* For --show-mapping: how many value maps and date formats column c has,
 * and its formats joined by " | " (static storage, until the next call). */
int kh_mapping_value_count(const struct kh_mapping *map, int column);
const char *kh_mapping_formats(const struct kh_mapping *map, int column);

/* The reverse, for writing a workbook in a profile's shape (the test and
 * demo generator): the first source header of column c (NULL when the
 * profile does not name it); the source text of a stored value (the
 * first value map giving it, else the value); a YYYY-MM-DD date written in
 * the first date format (else as it is). */
const char *kh_mapping_source(const struct kh_mapping *map, int column);
const char *kh_mapping_unvalue(const struct kh_mapping *map, int column,
                               const char *value);
const char *kh_mapping_undate(const struct kh_mapping *map, int column,
                              const char *date, char *buf, size_t size);

#endif
