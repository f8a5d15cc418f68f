/* xmlsafe.h: the one way kaohe reads XML — no network (XML_PARSE_NONET),
 * no DTD loading, no entity substitution, and any document whose DOCTYPE
 * declares an entity (or names an external DTD) refused before anything is
 * expanded or fetched — plus RelaxNG validation against a shipped schema.
 * Errors are printed as "kaohe: FILE:LINE:COLUMN: message". */
#ifndef KAOHE_XMLSAFE_H
#define KAOHE_XMLSAFE_H

#include <stddef.h>
#include <libxml/tree.h>

/* Read and parse a file.  `name` is used in messages (NULL: the path).
 * Returns the document, or NULL after printing why; *missing (may be NULL)
 * is set to 1 when the file could not be opened (KH_ERR_NOINPUT rather
 * than KH_ERR_DATA for the caller). */
xmlDocPtr kh_xml_read_file(const char *path, const char *name, int *missing);

/* Parse a buffer; `name` is used in messages. NULL after printing why. */
xmlDocPtr kh_xml_read_memory(const char *buf, size_t len, const char *name);

/* Validate against a shipped RelaxNG schema, `schema` relative to the data
 * root (e.g. "data/schema/contract.rng").  Every violation is printed as
 * "kaohe: NAME:LINE: message".  0 when valid, -1 when not (or when the
 * schema itself cannot be loaded). */
int kh_xml_validate(xmlDocPtr doc, const char *schema, const char *name);

/* Read a whole file into a NUL-terminated buffer; NULL with errno set. */
char *kh_read_whole_file(const char *path, size_t *len);

#endif
